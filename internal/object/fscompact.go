package object

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/strata-storage/strata/internal/blob"
)

// The compactor rewrites files whose content map has become a patchwork
// of small log extents (many random writes) into whole chunks, so that
// reads stop paying a request per fragment. It works in the background
// after a publish finds a file fragmented, and commits only if the file
// has not changed meanwhile; a lost queue entry (crash, full queue) is
// re-queued by the file's next publish.

type compactJob struct{ bucket, key string }

func (s *Service) queueCompaction(bucket, key string) {
	s.compactOnce.Do(func() {
		s.compactQ = make(chan compactJob, 256)
		go s.compactor()
	})
	select {
	case s.compactQ <- compactJob{bucket, key}:
	default: // busy: the next publish queues it again
	}
}

func (s *Service) compactor() {
	for j := range s.compactQ {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		if err := s.Compact(ctx, j.bucket, j.key); err != nil {
			s.log.Warn("compaction failed", "bucket", j.bucket, "key", j.key, "err", err)
		}
		cancel()
	}
}

// Compact rewrites the content of a fragmented file into whole chunks.
func (s *Service) Compact(ctx context.Context, bucket, key string) error {
	var rec *record
	err := s.fsView(ctx, bucket, key, func(t *fsTx) error {
		r, err := t.record(key)
		if err != nil || r == nil || r.FS == nil {
			return err
		}
		ops, _, err := t.pending(r)
		if err == nil && len(ops) == 0 && fragmented(r.Content) {
			rec = r
		}
		return err
	})
	if err != nil || rec == nil {
		return err
	}
	c, _, _, err := s.bucket(ctx, bucket)
	if err != nil {
		return err
	}
	rd := &contentReader{ctx: ctx, s: s, content: rec.Content, end: rec.Info.Size}
	defer rd.Close()
	// Give up as soon as the file changes or goes: the rewrite would be
	// dropped anyway.
	check := &stillCurrent{r: rd, every: 64 << 20, current: func() bool {
		same := false
		s.fsView(ctx, bucket, key, func(t *fsTx) error {
			cur, err := t.record(key)
			same = err == nil && cur != nil && cur.Nanos == rec.Nanos
			return nil
		})
		return same
	}}
	ref := blob.BackRef{Container: c.ID.String(), Object: key, Version: "fs"}
	w, err := s.writeData(ctx, c, ref, check, rec.Info.Size, rec.Info.StorageClass)
	if errors.Is(err, errChanged) {
		return nil
	}
	if err != nil {
		return err
	}
	fresh := sharedContent(w.content)
	committed := false
	err = s.fsUpdate(ctx, bucket, key, func(t *fsTx) error {
		committed = false
		cur, err := t.record(key)
		if err != nil || cur == nil || cur.Nanos != rec.Nanos {
			return err // changed meanwhile: drop this rewrite
		}
		if ops, _, err := t.pending(cur); err != nil || len(ops) > 0 {
			return err
		}
		committed = true
		var delta Usage // the new chunks' geometry may differ: raw bytes change
		err = t.eachLink(cur, func(r *record) {
			delta.Add(usageOf(r), -1)
			r.Content = fresh
			delta.Add(usageOf(r), 1)
		})
		if err != nil {
			return err
		}
		return s.addUsage(t.tx, t.m2, delta)
	})
	if err != nil || !committed {
		s.deleteContent(context.WithoutCancel(ctx), w.content)
		return err
	}
	s.log.Debug("compacted", "bucket", bucket, "key", key, "segments", len(rec.Content))
	return nil
}

var errChanged = errors.New("file changed during compaction")

// stillCurrent reads through r, checking every so many bytes that the
// file being compacted is unchanged.
type stillCurrent struct {
	r       io.Reader
	every   int64
	read    int64
	current func() bool
}

func (s *stillCurrent) Read(p []byte) (int, error) {
	if s.read >= s.every {
		if !s.current() {
			return 0, errChanged
		}
		s.read = 0
	}
	n, err := s.r.Read(p)
	s.read += int64(n)
	return n, err
}
