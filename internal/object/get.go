package object

import (
	"bytes"
	"context"
	"io"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/protect"
	"github.com/strata-storage/strata/internal/strata"
)

// lookup finds the record a read asks for, with the delete-marker rules
// of GetObject's contract.
func (s *Service) lookup(ctx context.Context, bucket, key string, opts GetOptions) (*record, error) {
	const op = "object.Get"
	_, e, m2, err := s.bucket(ctx, bucket)
	if err != nil {
		return nil, err
	}
	var rec *record
	err = e.View(ctx, func(r meta.Reader) error {
		if opts.VersionID == "" {
			rec, err = s.recs.get(r, m2.Current(key))
			if strata.Is(err, strata.NotExist) {
				// Say whether a delete marker hides the key.
				if latest, lerr := latestVersion(r, m2, key); lerr == nil && latest != nil && latest.Info.DeleteMarker {
					rec = latest
				}
				return strata.Errorf(op, strata.NotExist, "NoSuchKey: the specified key does not exist")
			}
			if rec != nil {
				rec.Info.IsLatest = true
			}
			return err
		}
		rec, _, err = findVersion(r, m2, key, opts.VersionID)
		if err == nil {
			latest, lerr := latestVersion(r, m2, key)
			rec.Info.IsLatest = lerr == nil && latest != nil && latest.Nanos == rec.Nanos
			if rec.Info.DeleteMarker {
				return strata.E(op, strata.Invalid, ErrDeleteMarker)
			}
		}
		return err
	})
	if rec != nil {
		rec.Info.Bucket = bucket
	}
	return rec, err
}

// HeadObject describes a version without reading its data.
func (s *Service) HeadObject(ctx context.Context, bucket, key string, opts GetOptions) (ObjectInfo, error) {
	rec, err := s.lookup(ctx, bucket, key, opts)
	if rec == nil {
		return ObjectInfo{}, err
	}
	info := rec.Info
	if err == nil && opts.PartNumber > 0 {
		if _, _, perr := partRange(rec, opts.PartNumber); perr != nil {
			return info, perr
		}
	}
	if err == nil {
		err = checkSSEC(rec.Enc, opts.SSE)
	}
	return info, err
}

// GetObject returns a version and a reader over the asked range.
func (s *Service) GetObject(ctx context.Context, bucket, key string, opts GetOptions) (ObjectInfo, io.ReadCloser, error) {
	rec, err := s.lookup(ctx, bucket, key, opts)
	if err != nil {
		if rec != nil {
			return rec.Info, nil, err
		}
		return ObjectInfo{}, nil, err
	}
	if !opts.Archived {
		if rec, err = readable(rec); err != nil {
			return rec.Info, nil, err
		}
	}
	off, end := int64(0), rec.Info.Size
	if opts.PartNumber > 0 {
		if off, end, err = partRange(rec, opts.PartNumber); err != nil {
			return rec.Info, nil, err
		}
	}
	if opts.Range != nil {
		start, stop := off+opts.Range.Start, off+opts.Range.End+1
		if opts.Range.Start < 0 || start > stop || stop > end {
			return rec.Info, nil, strata.Errorf("object.Get", strata.Invalid, "InvalidRange: range outside the object")
		}
		off, end = start, stop
	}
	if rec.Enc != nil || opts.SSE != nil {
		rc, err := s.openDecrypted(ctx, bucket, rec, off, end, opts.SSE)
		return rec.Info, rc, err
	}
	return rec.Info, &contentReader{ctx: ctx, s: s, content: rec.Content, off: off, end: end}, nil
}

// partRange is the byte span of a part of a multipart object (part 1 is
// the whole of a single-part object).
func partRange(rec *record, n int) (int64, int64, error) {
	sizes := rec.Info.PartSizes
	if len(sizes) == 0 {
		sizes = []int64{rec.Info.Size}
	}
	if n > len(sizes) {
		return 0, 0, strata.Errorf("object.Get", strata.Invalid, "InvalidPart: the requested partnumber is not satisfiable")
	}
	var off int64
	for _, sz := range sizes[:n-1] {
		off += sz
	}
	return off, off + sizes[n-1], nil
}

// contentReader reads [off, end) of an object's content, opening each
// segment only when the read reaches it.
type contentReader struct {
	ctx      context.Context
	s        *Service
	content  []segment
	off, end int64
	cur      io.ReadCloser
	// The segment the last open found, so that a content map of many
	// pieces is walked once, not once per piece.
	seg     int
	segBase int64
}

func (r *contentReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil // io.Reader allows it; the loop below would spin
	}
	for {
		if r.off >= r.end {
			return 0, io.EOF
		}
		if r.cur == nil {
			if err := r.openAt(); err != nil {
				return 0, err
			}
		}
		if rem := r.end - r.off; int64(len(p)) > rem {
			p = p[:rem]
		}
		n, err := r.cur.Read(p)
		r.off += int64(n)
		if err == io.EOF {
			r.cur.Close()
			r.cur = nil
			err = nil
		}
		if n > 0 || err != nil {
			return n, err
		}
	}
}

func (r *contentReader) openAt() error {
	i, base := 0, int64(0)
	if r.off >= r.segBase {
		i, base = r.seg, r.segBase
	}
	for ; i < len(r.content); i++ {
		seg := r.content[i]
		if r.off < base+seg.Size {
			r.seg, r.segBase = i, base
			within := r.off - base
			length := min(seg.Size, r.end-base) - within
			if seg.Hole {
				r.cur = io.NopCloser(io.LimitReader(zeros{}, length))
				return nil
			}
			if seg.Remote != nil {
				rc, err := r.s.openRemote(r.ctx, seg.Remote, seg.Off+within, length)
				r.cur = rc
				return err
			}
			if seg.MC == nil {
				r.cur = io.NopCloser(bytes.NewReader(seg.Inline[within : within+length]))
				return nil
			}
			p, err := protect.ParsePolicy(seg.Policy)
			if err != nil {
				return err
			}
			rc, err := protect.ReadNear(r.ctx, p, *seg.MC, seg.Off+within, length, r.s.open, r.s.nearRank())
			if err != nil {
				return err
			}
			r.cur = rc
			return nil
		}
		base += seg.Size
	}
	return strata.Errorf("object.Read", strata.Corrupt, "content shorter than its size")
}

func (r *contentReader) Close() error {
	if r.cur != nil {
		return r.cur.Close()
	}
	return nil
}

// zeros reads as an endless run of zero bytes (holes in sparse files).
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
