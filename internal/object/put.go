package object

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"github.com/strata-storage/strata/internal/event"
	"io"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// MaxKeyLength is S3's limit on object key length, in bytes.
const MaxKeyLength = 1024

func checkKey(key string) error {
	if key == "" || len(key) > MaxKeyLength || strings.IndexByte(key, 0) >= 0 {
		return strata.Errorf("object.key", strata.Invalid, "KeyTooLongError: bad object key")
	}
	return nil
}

// versionFor returns the version id a new write gets in this container.
func versionFor(c directory.Container) string {
	if c.Versioning == VersioningEnabled {
		return strata.NewVersionID()
	}
	return strata.NullVersion
}

// PutObject streams body into a new version of bucket/key.
func (s *Service) PutObject(ctx context.Context, bucket, key string, body io.Reader, opts PutOptions) (ObjectInfo, error) {
	if err := checkKey(key); err != nil {
		return ObjectInfo{}, err
	}
	c, e, m2, err := s.bucketKey(ctx, bucket, key)
	if err != nil {
		return ObjectInfo{}, err
	}
	if opts.Size >= 0 {
		if err := s.CheckQuota(ctx, bucket, Usage{Objects: 1, LogicalBytes: opts.Size}); err != nil {
			return ObjectInfo{}, err
		}
	}
	vid, err := versionOf(ctx, c)
	if err != nil {
		return ObjectInfo{}, err
	}
	ref := blob.BackRef{Container: c.ID.String(), Object: key, Version: vid}
	body, sl, err := s.sealBody(ctx, bucket, body, &opts)
	if err != nil {
		return ObjectInfo{}, err
	}
	w, err := s.writeData(ctx, c, ref, body, sl.storedSize(opts.Size), opts.StorageClass)
	sl.finish(&w)
	if err != nil {
		return ObjectInfo{}, err
	}
	if opts.Size >= 0 && w.size != opts.Size {
		s.deleteContent(context.WithoutCancel(ctx), w.content)
		return ObjectInfo{}, strata.Errorf("object.PutObject", strata.Invalid, "IncompleteBody: got %d bytes, want %d", w.size, opts.Size)
	}
	if opts.ContentMD5 != nil && !bytes.Equal(opts.ContentMD5, w.md5) {
		s.deleteContent(context.WithoutCancel(ctx), w.content)
		return ObjectInfo{}, strata.Errorf("object.PutObject", strata.Invalid, "BadDigest: the Content-MD5 you specified did not match what we received")
	}
	if opts.FinalChecksums != nil {
		opts.Checksums = opts.FinalChecksums()
	}
	rec := &record{Content: w.content, Info: ObjectInfo{
		Key: key, VersionID: vid, Size: w.size, ETag: hex.EncodeToString(w.md5),
		Headers: opts.Headers, UserMeta: opts.UserMeta, Tags: opts.Tags, StorageClass: opts.StorageClass,
		Policy: w.policy.Name, Checksums: opts.Checksums, Owner: opts.Owner, ACL: opts.ACL,
		ObjectLock: opts.ObjectLock,
	}}
	if len(w.content) == 1 && w.content[0].Inline != nil {
		rec.Info.Policy = "INLINE"
	}
	sl.apply(rec)
	var queue func(meta.Txn) error
	if w.shortfall {
		// Recorded with the object, in its commit: the improver finds it
		// even if this node dies right after.
		queue = func(tx meta.Txn) error { return tx.Set(m2.Improve(key, vid), nil) }
	}
	garbage, err := s.commit(ctx, e, m2, rec, opts, queue)
	if errors.Is(err, errSameReplica) {
		garbage, err = w.content, nil // a repeated replica: keep the first
	}
	if err != nil {
		s.deleteContent(context.WithoutCancel(ctx), w.content)
		return ObjectInfo{}, err
	}
	s.deleteContent(context.WithoutCancel(ctx), garbage)
	info := rec.Info
	info.Bucket, info.IsLatest = bucket, true
	return info, nil
}

// commit makes rec the latest version of its key, in one meta2
// transaction that also checks the write's conditions and applies the
// versioning rules. It returns the content that no version references any
// more (a replaced null version), for the caller to delete after the
// commit. extra, if set, runs inside the same transaction.
func (s *Service) commit(ctx context.Context, e meta.Engine, m2 directory.Meta2, rec *record, opts PutOptions, extra func(meta.Txn) error) ([]segment, error) {
	var garbage []segment
	if opts.Replica == "" {
		opts.Replica = replicaFrom(ctx)
	}
	if rv, ok := replicaVersionFrom(ctx); ok && opts.ReplicaNanos == 0 && opts.Replica != "" {
		opts.ReplicaNanos = rv.nanos
	}
	lock := rec.Info.ObjectLock // the write's own; a rerun reads the default retention again
	err := s.updateAdmitted(ctx, e, s.admission(ctx, m2.Bucket), func(tx meta.Txn) error {
		garbage, rec.Info.ObjectLock = nil, lock
		return s.commitTx(tx, m2, rec, opts, extra, &garbage)
	})
	return garbage, err
}

// commitTx is commit inside the caller's transaction.
func (s *Service) commitTx(tx meta.Txn, m2 directory.Meta2, rec *record, opts PutOptions, extra func(meta.Txn) error, garbage *[]segment) error {
	const op = "object.commit"
	key := rec.Info.Key
	cur, err := getRecord(tx, m2.Current(key))
	if err != nil && !strata.Is(err, strata.NotExist) {
		return err
	}
	if opts.IfNoneMatch != "" && cur != nil && (opts.IfNoneMatch == "*" || etagMatch(opts.IfNoneMatch, cur.Info.ETag)) {
		return strata.Errorf(op, strata.Precondition, "At least one of the pre-conditions you specified did not hold")
	}
	if opts.IfMatch != "" {
		if cur == nil {
			return strata.Errorf(op, strata.NotExist, "NoSuchKey: the specified key does not exist")
		}
		if opts.IfMatch != "*" && !etagMatch(opts.IfMatch, cur.Info.ETag) {
			return strata.Errorf(op, strata.Precondition, "At least one of the pre-conditions you specified did not hold")
		}
	}
	if opts.ReplicaNanos != 0 {
		if err := placeReplica(tx, m2, rec, opts.ReplicaNanos); err != nil {
			return err
		}
	}
	if extra != nil {
		if err := extra(tx); err != nil {
			return err
		}
	}
	// One pass over the key's versions finds the newest and, for a
	// write of the null version, the one it replaces (usually the same).
	// A new key's null version in a range of null versions only has
	// neither, and skips the pass: an iterator reads a block of every
	// level, where the mark's point read stops at the levels' filters.
	var latest, old *record
	var oldKey []byte
	null := rec.Info.VersionID == strata.NullVersion
	skip, noSeq := false, false
	if cur == nil && null {
		if skip, noSeq, err = newKeySkips(tx, m2); err != nil {
			return err
		}
	}
	if !skip {
		if latest, old, oldKey, err = latestAndVersion(tx, m2, key, null, strata.NullVersion); err != nil {
			return err
		}
	}
	if !null {
		if err := markVersioned(tx, m2); err != nil {
			return err
		}
	}
	if opts.ReplicaNanos == 0 {
		rec.Nanos = time.Now().UnixNano()
		if latest != nil && latest.Nanos >= rec.Nanos {
			rec.Nanos = latest.Nanos + 1
		}
	}
	rec.Info.Modified = rec.modified()
	s.markReplication(m2.Bucket, &rec.Info, opts.Replica)
	if err := applyDefaultRetention(tx, m2, rec); err != nil {
		return err
	}
	var replaced *record
	if old != nil {
		if err := checkDelete(tx, old); err != nil {
			return err
		}
		*garbage = append(*garbage, old.owned()...)
		if err := tx.Delete(oldKey); err != nil {
			return err
		}
		if err := lcUnindex(tx, m2, old); err != nil {
			return err
		}
		replaced = old
	}
	if err := s.replaceUsage(tx, m2, rec, replaced); err != nil {
		return err
	}
	b := encodeRecord(rec)
	set := tx.Set
	if opts.ReplicaNanos == 0 {
		// rec.Nanos is past every version of key (latest's, or there
		// is none), so its version key is new.
		set = func(k, v []byte) error { return setNew(tx, k, v) }
	}
	if err := set(m2.Version(key, rec.Nanos, rec.Info.VersionID), b); err != nil {
		return err
	}
	if err := lcIndex(tx, m2, rec); err != nil {
		return err
	}
	if err := noteChange(tx, m2, key, "put", opts.Origin); err != nil {
		return err
	}
	name := opts.Event
	if name == "" {
		name = event.ObjectCreatedPut
	}
	// A new key in a range where no change left a key's event sequence
	// without its current record has no sequence: its read (a point read
	// that misses in every level) is skipped.
	var last keySeq
	if !noSeq {
		if last, err = lastSeq(tx, m2, key); err != nil {
			return err
		}
	}
	if err := writeEvent(tx, m2, objectEvent(name, &rec.Info, &opts), last); err != nil {
		return err
	}
	if latest != nil && latest.Nanos > rec.Nanos {
		// A replica older than the newest version here: history only,
		// and the key may have no current record (a delete marker is
		// newest) but now has a sequence.
		return markOrphanSeqs(tx, m2)
	}
	return tx.Set(m2.Current(key), b)
}

// etagMatch compares an If-Match/If-None-Match value with an ETag.
func etagMatch(cond, etag string) bool {
	for _, c := range strings.Split(cond, ",") {
		c = strings.TrimSpace(c)
		c = strings.TrimPrefix(c, "W/")
		if c == "*" || strings.Trim(c, `"`) == etag {
			return true
		}
	}
	return false
}

func getRecord(r meta.Reader, k []byte) (*record, error) {
	b, err := r.Get(k)
	if err != nil {
		return nil, err
	}
	return decodeRecord(b)
}

// latestVersion returns the newest version of key (object or delete
// marker), or nil.
func latestVersion(r meta.Reader, m2 directory.Meta2, key string) (*record, error) {
	latest, _, _, err := latestAndVersion(r, m2, key, false, "")
	return latest, err
}

// latestAndVersion returns the newest version of key (or nil) and, if
// want, the version with id version and its meta2 key (or nil), in one
// pass: the newest is decoded once even when it is also the one wanted.
func latestAndVersion(r meta.Reader, m2 directory.Meta2, key string, want bool, version string) (latest, found *record, foundKey []byte, err error) {
	p := m2.Versions(key)
	it := r.Iter(p, meta.PrefixEnd(p))
	defer it.Close()
	if !it.First() {
		return nil, nil, nil, it.Error()
	}
	if latest, err = decodeRecord(it.Value()); err != nil {
		return nil, nil, nil, err
	}
	for first := true; want; first = false {
		k := it.Key()
		if string(k[len(p)+8:]) == version {
			found = latest
			if !first {
				if found, err = decodeRecord(it.Value()); err != nil {
					return nil, nil, nil, err
				}
			}
			return latest, found, bytes.Clone(k), nil
		}
		if !it.Next() {
			break
		}
	}
	return latest, nil, nil, it.Error()
}

// findVersion returns a version of key by id, and its meta2 key.
func findVersion(r meta.Reader, m2 directory.Meta2, key, version string) (*record, []byte, error) {
	p := m2.Versions(key)
	it := r.Iter(p, meta.PrefixEnd(p))
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		k := it.Key()
		if string(k[len(p)+8:]) == version {
			rec, err := decodeRecord(it.Value())
			return rec, bytes.Clone(k), err
		}
	}
	if err := it.Error(); err != nil {
		return nil, nil, err
	}
	return nil, nil, noSuchVersion(key, version)
}

func noSuchVersion(key, version string) error {
	return strata.Errorf("object.findVersion", strata.NotExist, "NoSuchVersion: version %q of %q does not exist", version, key)
}
