package object

import (
	"bytes"
	"context"
	"encoding/hex"
	"slices"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/strata"

	"github.com/strata-storage/strata/internal/meta"
)

// Bucket-wide work on a split bucket runs range after range; each range
// is one sub-container with its own queues (improver, restore), change
// feed and usage counters, so a per-key commit stays one transaction
// (docs/SHARDING.md).

func (s *Service) improveBucket(ctx context.Context, bucket string, rep *ImproveReport) error {
	c, parts, err := s.rangesOf(ctx, bucket)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if err := s.improveRange(ctx, c, p.e, p.m2, rep); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) rebuildBucket(ctx context.Context, bucket string, opts RebuildOptions, rep *RebuildReport) error {
	c, parts, err := s.rangesOf(ctx, bucket)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if err := s.rebuildRange(ctx, c, p.e, p.m2, opts, rep); err != nil {
			return err
		}
	}
	return nil
}

// restoreBucket does one bucket's queued restores and due expiries.
// idle reports that the bucket had no restore work at all when the pass
// read its queues (nothing queued, no restored copy).
func (s *Service) restoreBucket(ctx context.Context, bucket string, rep *RestoreReport) (bool, error) {
	c, parts, err := s.rangesOf(ctx, bucket)
	if err != nil {
		return false, err
	}
	idle := true
	for _, p := range parts {
		i, err := s.restoreRange(ctx, c, p.e, p.m2, rep)
		if err != nil {
			return false, err
		}
		idle = idle && i
	}
	return idle, nil
}

// Changes returns up to max feed entries with Seq >= since, oldest first:
// each range keeps its own feed, merged here by time.
func (s *Service) Changes(ctx context.Context, bucket string, since int64, max int) ([]Change, error) {
	return s.ChangesSkipping(ctx, bucket, since, max, "")
}

// ChangesSkipping is Changes without the entries of origin skip (a
// mount's own): each range gives, in their place, a marker without a key
// at the newest of them (see changesRange).
func (s *Service) ChangesSkipping(ctx context.Context, bucket string, since int64, max int, skip string) ([]Change, error) {
	_, parts, err := s.rangesOf(ctx, bucket)
	if err != nil {
		return nil, err
	}
	var out []Change
	for _, p := range parts {
		cs, err := s.changesRange(ctx, p.e, p.m2, since, max, skip)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	if len(parts) > 1 {
		slices.SortStableFunc(out, func(a, b Change) int { return cmpInt64(a.Seq, b.Seq) })
		if len(out) > max {
			out = out[:max]
		}
	}
	return out, nil
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// RecountUsage recomputes a bucket's counters from its versions, range
// by range, each in one transaction (so concurrent writes either land
// before and are counted, or retry after), and marks them exact. It is
// for buckets created before the counters, and for checking them: it
// returns the fresh count.
//
// It refuses (strata.Unavailable) while a split of the bucket is in
// progress: the old range then still holds the records it handed over,
// and a scan would count them twice.
func (s *Service) RecountUsage(ctx context.Context, bucket string) (Usage, error) {
	c, parts, err := s.rangesOf(ctx, bucket)
	if err != nil {
		return Usage{}, err
	}
	err = s.dir.Root().View(ctx, func(r meta.Reader) error {
		_, err := r.Get(directory.SplitKey(c.ID))
		return err
	})
	if err == nil {
		return Usage{}, strata.Errorf("object.RecountUsage", strata.Unavailable, "bucket %q is being split", bucket)
	} else if !strata.Is(err, strata.NotExist) {
		return Usage{}, err
	}
	total := Usage{RawBytes: map[string]int64{}}
	for _, p := range parts {
		u, err := s.recountRange(ctx, p.e, p.m2)
		if err != nil {
			return Usage{}, err
		}
		total.Add(u, 1)
	}
	return total, nil
}

// readUsageAll sums the counters of every range; counted only if every
// range's are exact, or the bucket's have been since it was made.
func (s *Service) readUsageAll(ctx context.Context, bucket string) (Usage, bool, error) {
	c, parts, err := s.rangesOf(ctx, bucket)
	if err != nil {
		return Usage{}, false, err
	}
	total, counted := Usage{RawBytes: map[string]int64{}}, true
	// A split hands its moved usage over before it publishes the range:
	// the old range's minus delta counts once the target is in the map,
	// at the same moment as the target's own slots.
	published := map[string]bool{}
	for _, p := range parts {
		published[string(p.m2.All())] = true
	}
	for _, p := range parts {
		moved := p.m2.UsageMoved(strata.ContainerID{})
		moved = moved[:len(moved)-len(strata.ContainerID{})]
		keep := func(k []byte) bool {
			sub, ok := bytes.CutPrefix(k, moved)
			if !ok {
				return true
			}
			id, err := strata.ParseContainerID(hex.EncodeToString(sub))
			return err == nil && published[string(directory.NewMeta2(id).All())]
		}
		u, ok, err := readUsageKeep(ctx, p.e, p.m2, keep)
		if err != nil {
			return Usage{}, false, err
		}
		total.Add(u, 1)
		counted = counted && ok
	}
	return total, counted || c.UsageExact, nil
}

// deleteUnder deletes every key under prefix in tx.
func deleteUnder(tx meta.Txn, prefix []byte) error {
	it := tx.Iter(prefix, meta.PrefixEnd(prefix))
	var keys [][]byte
	for ok := it.First(); ok; ok = it.Next() {
		keys = append(keys, bytes.Clone(it.Key()))
	}
	if err := it.Close(); err != nil {
		return err
	}
	for _, k := range keys {
		if err := tx.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// bucket runs a lifecycle pass over each range of a bucket: each range
// keeps its own index and scanner state; the configuration is the home
// range's, read in each range's snapshot of the home engine.
func (r *lcRun) bucket(ctx context.Context, name string) error {
	c, parts, err := r.s.rangesOf(ctx, name)
	if err != nil {
		return err
	}
	var doc []byte
	home := parts[0]
	err = home.e.View(ctx, func(rd meta.Reader) error {
		var err error
		doc, err = rd.Get(home.m2.Config(LifecycleConfigName))
		return err
	})
	if err != nil {
		return err
	}
	for _, p := range parts {
		if err := r.bucketRange(ctx, name, c, p.e, p.m2, doc); err != nil {
			return err
		}
	}
	return nil
}
