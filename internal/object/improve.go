package object

import (
	"bytes"
	"context"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// ImproveReport says what an improver pass did.
type ImproveReport struct {
	Queued    int64   `json:"queued"`   // entries examined
	Improved  int64   `json:"improved"` // now fully protected and spread: dequeued
	Waiting   int64   `json:"waiting"`  // the cluster still lacks the services to do better
	Rebuilt   int64   `json:"fragments_rebuilt"`
	Moved     int64   `json:"fragments_moved"`
	Seconds   float64 `json:"seconds"`
	Forgotten int64   `json:"forgotten"` // the version is gone: dequeued
	// The class convergence pass (improve_class.go), run once per change
	// of the storage classes.
	ClassScanned int64 `json:"class_scanned,omitempty"` // versions checked against their class
	ClassMoved   int64 `json:"class_moved,omitempty"`   // versions rewritten into their class's pool and policy
	ClassWaiting int64 `json:"class_waiting,omitempty"` // could not move yet (no volume in the pool)
}

// Improve is the improver pass: every object version written with a
// placement shortfall (recorded in its bucket's queue by the write) gets
// its missing fragments created and its crowded ones moved to new hosts,
// as far as the services registered now allow. Versions that reach their
// policy leave the queue; the others wait for the next pass.
func (s *Service) Improve(ctx context.Context) (ImproveReport, error) {
	start := time.Now()
	var rep ImproveReport
	for _, acct := range s.dir.Accounts(ctx) {
		buckets, err := s.ListBuckets(ctx, acct)
		if err != nil {
			return rep, err
		}
		for _, b := range buckets {
			if err := s.improveBucket(ctx, b.Name, &rep); err != nil && !strata.Is(err, strata.NotExist) {
				return rep, err
			}
		}
	}
	if err := s.improveClasses(ctx, &rep); err != nil {
		return rep, err
	}
	rep.Seconds = time.Since(start).Seconds()
	if rep.Queued > 0 || rep.ClassMoved > 0 {
		s.log.Info("improver pass done", "queued", rep.Queued, "improved", rep.Improved, "waiting", rep.Waiting, "moved", rep.Moved)
	}
	return rep, nil
}

func (s *Service) improveRange(ctx context.Context, c directory.Container, e meta.Engine, m2 directory.Meta2, rep *ImproveReport) error {
	var entries [][]byte
	var err error
	prefix := m2.ImprovePrefix()
	err = e.View(ctx, func(r meta.Reader) error {
		it := r.Iter(prefix, meta.PrefixEnd(prefix))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			entries = append(entries, bytes.Clone(it.Key()))
		}
		return it.Error()
	})
	if err != nil {
		return err
	}
	opts := RebuildOptions{Spread: true, pace: &pacer{}}
	for _, entry := range entries {
		rep.Queued++
		key, vid, ok := bytes.Cut(m2.Strip(entry), []byte{0})
		if !ok {
			continue
		}
		var vkey, val []byte
		err := e.View(ctx, func(r meta.Reader) error {
			_, k, err := findVersion(r, m2, string(key), string(vid))
			if err != nil {
				return err
			}
			vkey = k
			val, err = r.Get(k)
			return err
		})
		full, gone := true, false
		if err == nil {
			var rr RebuildReport
			full, err = s.rebuildOne(ctx, e, m2, c.ID.String(), vkey, val, false, opts, &rr)
			rep.Rebuilt += rr.Rebuilt
			rep.Moved += rr.Moved
			if err != nil {
				return err
			}
		} else if strata.Is(err, strata.NotExist) {
			gone = true
		} else {
			return err
		}
		if !full {
			rep.Waiting++
			continue
		}
		if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Delete(entry) }); err != nil {
			return err
		}
		if gone {
			rep.Forgotten++
		} else {
			rep.Improved++
		}
	}
	return nil
}
