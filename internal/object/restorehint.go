package object

import (
	"context"
	"encoding/binary"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// The archive worker visits only the buckets that have restore work, so
// that its passes cost what is queued or restored, not what is stored. A
// bucket is marked in the root engine when a restore is asked in it, and
// unmarked by the worker once it holds no queued restore and no restored
// copy:
//
//	archive/<bucket> -> (empty)
//
// The mark is written after the restore's own commit (the root engine may
// be another engine than the bucket's meta2), with the time it was
// written: a pass unmarks an idle bucket only if the mark is older than
// the pass's start by more than hintSkew, so a request that lands while a
// pass reads the bucket keeps its mark. A crash between the commit and
// the mark leaves the bucket unmarked: a full pass over every bucket, at
// start and every fullScanEvery, catches those.
const archiveHintPrefix = "archive/"

// hintSkew covers clock differences between gateways.
const hintSkew = 30 * time.Second

// fullScanEvery is how often a pass visits every bucket.
const fullScanEvery = 10 * time.Minute

// hintArchive marks a bucket as having restore work (best effort: the
// full scan is the fallback), and remembers it for this gateway's next
// pass.
func (s *Service) hintArchive(ctx context.Context, bucket string) {
	s.archive.mu.Lock()
	if s.archive.queued == nil {
		s.archive.queued = map[string]bool{}
	}
	s.archive.queued[bucket] = true
	s.archive.mu.Unlock()
	var at [8]byte
	binary.BigEndian.PutUint64(at[:], uint64(time.Now().UnixNano()))
	err := s.dir.Root().Update(context.WithoutCancel(ctx), func(tx meta.Txn) error {
		return tx.Set([]byte(archiveHintPrefix+bucket), at[:])
	})
	if err != nil {
		s.log.Warn("archive hint not written; the next full pass finds the restore", "bucket", bucket, "err", err)
	}
}

// archiveBuckets lists the buckets a pass visits: every bucket on a full
// pass, else the marked ones and those queued on this gateway. marked
// says which are marked, so the pass can unmark the idle ones.
func (s *Service) archiveBuckets(ctx context.Context) (buckets []string, marked map[string]bool, err error) {
	s.archive.mu.Lock()
	full := time.Since(s.archive.lastFull) >= fullScanEvery
	if full {
		s.archive.lastFull = time.Now()
	}
	seen := map[string]bool{}
	for b := range s.archive.queued {
		seen[b] = true
		buckets = append(buckets, b)
	}
	s.archive.queued = nil
	s.archive.mu.Unlock()
	add := func(b string) {
		if !seen[b] {
			seen[b] = true
			buckets = append(buckets, b)
		}
	}
	marked = map[string]bool{}
	err = s.dir.Root().View(ctx, func(r meta.Reader) error {
		keys, err := keysUnder(r, []byte(archiveHintPrefix), nil)
		for _, k := range keys {
			b := string(k[len(archiveHintPrefix):])
			marked[b] = true
			add(b)
		}
		return err
	})
	if err != nil || !full {
		return buckets, marked, err
	}
	for _, acct := range s.dir.Accounts(ctx) {
		bs, err := s.ListBuckets(ctx, acct)
		if err != nil {
			return buckets, marked, err
		}
		for _, b := range bs {
			add(b.Name)
		}
	}
	return buckets, marked, nil
}

// unhintArchive unmarks a bucket that a pass started at start found with
// no restore work, unless it was marked again since (see hintSkew).
func (s *Service) unhintArchive(ctx context.Context, bucket string, start time.Time) error {
	k := []byte(archiveHintPrefix + bucket)
	return s.dir.Root().Update(ctx, func(tx meta.Txn) error {
		v, err := tx.Get(k)
		if strata.Is(err, strata.NotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if len(v) == 8 && int64(binary.BigEndian.Uint64(v)) > start.Add(-hintSkew).UnixNano() {
			return nil // marked while this pass ran: the next one looks again
		}
		return tx.Delete(k)
	})
}
