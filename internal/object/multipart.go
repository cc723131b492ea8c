package object

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/strata-storage/strata/internal/event"
	"io"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Multipart limits, as S3 has them.
const (
	MaxParts    = 10000
	MinPartSize = 5 << 20
)

var errAlreadyDone = errors.New("upload already completed")

func noSuchUpload() error {
	return strata.Errorf("object.upload", strata.NotExist, "NoSuchUpload: the specified upload does not exist")
}

// CreateUpload starts a multipart upload.
func (s *Service) CreateUpload(ctx context.Context, bucket, key string, opts PutOptions) (Upload, error) {
	if err := checkKey(key); err != nil {
		return Upload{}, err
	}
	c, e, m2, err := s.bucketKey(ctx, bucket, key)
	if err != nil {
		return Upload{}, err
	}
	if _, _, err := s.policyFor(ctx, c, opts.StorageClass, -1); err != nil {
		return Upload{}, err
	}
	enc, _, err := s.newEnc(ctx, bucket, opts.SSE)
	if err != nil {
		return Upload{}, err
	}
	var id [16]byte
	rand.Read(id[:])
	u := uploadRecord{Upload: Upload{Bucket: bucket, Key: key, UploadID: hex.EncodeToString(id[:]),
		Initiated: time.Now().UTC(), Options: PutOptionsRecord{Headers: opts.Headers, UserMeta: opts.UserMeta,
			Tags: opts.Tags, StorageClass: opts.StorageClass, Checksums: opts.Checksums, ChecksumType: opts.ChecksumType, Owner: opts.Owner, ACL: opts.ACL,
			ObjectLock: opts.ObjectLock}}, Enc: enc}
	b, _ := json.Marshal(u)
	err = e.Update(ctx, func(tx meta.Txn) error {
		if err := lcIndexUpload(tx, m2, &u.Upload); err != nil {
			return err
		}
		return tx.Set(m2.Upload(key, u.Upload.UploadID), b)
	})
	return u.Upload, err
}

func getUpload(r meta.Reader, m2 directory.Meta2, key, id string) (*uploadRecord, error) {
	b, err := r.Get(m2.Upload(key, id))
	if strata.Is(err, strata.NotExist) {
		return nil, noSuchUpload()
	}
	if err != nil {
		return nil, err
	}
	var u uploadRecord
	if err := json.Unmarshal(b, &u); err != nil {
		return nil, strata.E("object.upload", strata.Corrupt, err)
	}
	return &u, nil
}

// UploadPart stores one part; uploading a number again replaces it.
func (s *Service) UploadPart(ctx context.Context, bucket, key, uploadID string, number int, body io.Reader, opts PutOptions) (Part, error) {
	if number < 1 || number > MaxParts {
		return Part{}, strata.Errorf("object.UploadPart", strata.Invalid, "InvalidArgument: part number must be an integer between 1 and %d", MaxParts)
	}
	c, e, m2, err := s.bucketKey(ctx, bucket, key)
	if err != nil {
		return Part{}, err
	}
	var up *uploadRecord
	if err := e.View(ctx, func(r meta.Reader) error { up, err = getUpload(r, m2, key, uploadID); return err }); err != nil {
		return Part{}, err
	}
	if opts.Size >= 0 {
		// A part that alone exceeds what is left is refused before it is
		// stored; CompleteUpload charges the whole object.
		if err := s.CheckQuota(ctx, bucket, Usage{LogicalBytes: opts.Size}); err != nil {
			return Part{}, err
		}
	}
	ref := blob.BackRef{Container: c.ID.String(), Object: key, Version: "mpu:" + uploadID}
	body, sl, err := s.sealPart(ctx, bucket, up, body, &opts, number)
	if err != nil {
		return Part{}, err
	}
	w, err := s.writeData(ctx, c, ref, body, sl.storedSize(opts.Size), up.Upload.Options.StorageClass)
	sl.finish(&w)
	if err != nil {
		return Part{}, err
	}
	drop := func() { s.deleteContent(context.WithoutCancel(ctx), w.content) }
	if opts.Size >= 0 && w.size != opts.Size {
		drop()
		return Part{}, strata.Errorf("object.UploadPart", strata.Invalid, "IncompleteBody: got %d bytes, want %d", w.size, opts.Size)
	}
	if opts.ContentMD5 != nil && !bytes.Equal(opts.ContentMD5, w.md5) {
		drop()
		return Part{}, strata.Errorf("object.UploadPart", strata.Invalid, "BadDigest: the Content-MD5 you specified did not match what we received")
	}
	if opts.FinalChecksums != nil {
		opts.Checksums = opts.FinalChecksums()
	}
	pr := partRecord{Key: key, UploadID: uploadID, Part: Part{Number: number, ETag: hex.EncodeToString(w.md5), Size: w.size,
		Modified: time.Now().UTC(), Checksums: opts.Checksums, SSE: up.Enc.info()}, MD5: w.md5, Content: w.content, Shortfall: w.shortfall}
	var garbage []segment
	err = e.Update(ctx, func(tx meta.Txn) error {
		garbage = nil
		if _, err := getUpload(tx, m2, key, uploadID); err != nil {
			return err
		}
		if old, err := getPart(tx, m2, uploadID, number); err == nil {
			garbage = old.Content
		}
		b, _ := json.Marshal(pr)
		return tx.Set(m2.Part(uploadID, number), b)
	})
	if err != nil {
		drop()
		return Part{}, err
	}
	s.deleteContent(context.WithoutCancel(ctx), garbage)
	return pr.Part, nil
}

func getPart(r meta.Reader, m2 directory.Meta2, uploadID string, n int) (*partRecord, error) {
	b, err := r.Get(m2.Part(uploadID, n))
	if err != nil {
		return nil, err
	}
	var p partRecord
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, strata.E("object.part", strata.Corrupt, err)
	}
	return &p, nil
}

func allParts(r meta.Reader, m2 directory.Meta2, uploadID string) ([]*partRecord, error) {
	p := m2.Parts(uploadID)
	it := r.Iter(p, meta.PrefixEnd(p))
	defer it.Close()
	var out []*partRecord
	for ok := it.First(); ok; ok = it.Next() {
		var pr partRecord
		if err := json.Unmarshal(it.Value(), &pr); err != nil {
			return nil, strata.E("object.part", strata.Corrupt, err)
		}
		out = append(out, &pr)
	}
	return out, it.Error()
}

// CompleteUpload assembles the listed parts into the object, referencing
// their chunks: no data is copied.
func (s *Service) CompleteUpload(ctx context.Context, bucket, key, uploadID string, parts []CompletePart, opts PutOptions) (ObjectInfo, error) {
	const op = "object.CompleteUpload"
	c, e, m2, err := s.bucketKey(ctx, bucket, key)
	if err != nil {
		return ObjectInfo{}, err
	}
	if len(parts) == 0 {
		return ObjectInfo{}, strata.Errorf(op, strata.Invalid, "MalformedXML: no parts")
	}
	for i := 1; i < len(parts); i++ {
		if parts[i].Number <= parts[i-1].Number {
			return ObjectInfo{}, strata.Errorf(op, strata.Invalid, "InvalidPartOrder: the list of parts was not in ascending order")
		}
	}
	vid, err := versionOf(ctx, c)
	if err != nil {
		return ObjectInfo{}, err
	}
	rec := &record{UploadID: uploadID, Info: ObjectInfo{Key: key, VersionID: vid}}
	var unused []segment
	var done *record
	extra := func(tx meta.Txn) error {
		unused, done = nil, nil
		up, err := getUpload(tx, m2, key, uploadID)
		if strata.Is(err, strata.NotExist) {
			// A repeated Complete of an upload already completed
			// answers like the first one, as S3 does.
			scanVersions(tx, m2, key, func(r *record) bool {
				if r.UploadID == uploadID {
					done = r
				}
				return done != nil
			})
			if done != nil {
				return errAlreadyDone
			}
		}
		if err != nil {
			return err
		}
		if err := checkUploadSSEC(up.Enc, opts.SSE); err != nil {
			return err
		}
		all, err := allParts(tx, m2, uploadID)
		if err != nil {
			return err
		}
		byNum := map[int]*partRecord{}
		for _, p := range all {
			byNum[p.Part.Number] = p
		}
		h := md5.New()
		short := false
		rec.Content, rec.Info.PartSizes, rec.Info.Size = nil, nil, 0
		for i, cp := range parts {
			p, ok := byNum[cp.Number]
			if !ok || strings.Trim(cp.ETag, `"`) != p.Part.ETag {
				return strata.Errorf(op, strata.Invalid, "InvalidPart: part %d was not found or its ETag does not match", cp.Number)
			}
			if i < len(parts)-1 && p.Part.Size < MinPartSize {
				return strata.Errorf(op, strata.Invalid, "EntityTooSmall: part %d is smaller than the minimum allowed size", cp.Number)
			}
			h.Write(p.MD5)
			short = short || p.Shortfall
			rec.Content = append(rec.Content, p.Content...)
			rec.Info.PartSizes = append(rec.Info.PartSizes, p.Part.Size)
			rec.Info.Size += p.Part.Size
			delete(byNum, cp.Number)
		}
		for _, p := range byNum {
			unused = append(unused, p.Content...)
		}
		o := up.Upload.Options
		rec.Enc, rec.Info.SSE = up.Enc, up.Enc.info()
		rec.Info.ETag = fmt.Sprintf("%s-%d", hex.EncodeToString(h.Sum(nil)), len(parts))
		rec.Info.Headers, rec.Info.UserMeta, rec.Info.Tags = o.Headers, o.UserMeta, o.Tags
		rec.Info.StorageClass, rec.Info.Owner, rec.Info.ACL = o.StorageClass, o.Owner, o.ACL
		rec.Info.ObjectLock = o.ObjectLock
		rec.Info.Policy = policyOf(rec.Content)
		// The protocol computed the whole-object checksums from the parts.
		rec.Info.Checksums, rec.Info.ChecksumType, rec.Info.PartChecksums = opts.Checksums, opts.ChecksumType, opts.PartChecksums
		for _, p := range all {
			if err := tx.Delete(m2.Part(uploadID, p.Part.Number)); err != nil {
				return err
			}
		}
		if short {
			if err := tx.Set(m2.Improve(key, rec.Info.VersionID), nil); err != nil {
				return err
			}
		}
		if err := lcUnindexUpload(tx, m2, &up.Upload); err != nil {
			return err
		}
		return tx.Delete(m2.Upload(key, uploadID))
	}
	opts.Event = event.ObjectCreatedMultipart
	garbage, err := s.commit(ctx, e, m2, rec, opts, extra)
	if err == errAlreadyDone {
		info := done.Info
		info.Bucket = bucket
		return info, nil
	}
	if err != nil {
		return ObjectInfo{}, err
	}
	s.deleteContent(context.WithoutCancel(ctx), append(garbage, unused...))
	info := rec.Info
	info.Bucket, info.IsLatest = bucket, true
	return info, nil
}

func policyOf(content []segment) string {
	for _, s := range content {
		if s.Policy != "" {
			return s.Policy
		}
	}
	return "INLINE"
}

// AbortUpload discards an upload and its parts.
func (s *Service) AbortUpload(ctx context.Context, bucket, key, uploadID string) error {
	_, e, m2, err := s.bucketKey(ctx, bucket, key)
	if err != nil {
		return err
	}
	var garbage []segment
	err = e.Update(ctx, func(tx meta.Txn) error {
		garbage = nil
		up, err := getUpload(tx, m2, key, uploadID)
		if err != nil {
			return err
		}
		if err := lcUnindexUpload(tx, m2, &up.Upload); err != nil {
			return err
		}
		all, err := allParts(tx, m2, uploadID)
		if err != nil {
			return err
		}
		for _, p := range all {
			garbage = append(garbage, p.Content...)
			if err := tx.Delete(m2.Part(uploadID, p.Part.Number)); err != nil {
				return err
			}
		}
		return tx.Delete(m2.Upload(key, uploadID))
	})
	if err == nil {
		s.deleteContent(context.WithoutCancel(ctx), garbage)
	}
	return err
}

// ListParts lists an upload's parts after marker.
func (s *Service) ListParts(ctx context.Context, bucket, key, uploadID string, marker, max int) (ListPartsResult, error) {
	_, e, m2, err := s.bucketKey(ctx, bucket, key)
	if err != nil {
		return ListPartsResult{}, err
	}
	max = checkMax(max)
	var res ListPartsResult
	err = e.View(ctx, func(r meta.Reader) error {
		up, err := getUpload(r, m2, key, uploadID)
		if err != nil {
			return err
		}
		res.Upload = up.Upload
		all, err := allParts(r, m2, uploadID)
		if err != nil {
			return err
		}
		for _, p := range all {
			if p.Part.Number <= marker {
				continue
			}
			if len(res.Parts) >= max {
				res.IsTruncated = true
				break
			}
			res.Parts = append(res.Parts, p.Part)
			res.NextPartNumberMarker = p.Part.Number
		}
		return nil
	})
	return res, err
}
