package object

import (
	"bytes"
	"context"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// rdirPage is the number of index entries read per view.
const rdirPage = 1000

// rebuildVolume repairs the records that reference a fragment on
// opts.Volume: in each shard whose index is backfilled it reads only the
// volume's index range and the records it names; other shards are
// scanned whole, as Rebuild does.
func (s *Service) rebuildVolume(ctx context.Context, opts RebuildOptions, rep *RebuildReport) error {
	groups, err := s.shardContainers(ctx)
	if err != nil {
		return err
	}
	for _, id := range sortedKeys(groups) {
		raw, err := s.dir.Shard(id)
		if err != nil {
			return err
		}
		if !indexReady(ctx, raw) {
			rep.ShardsScanned++
			for _, c := range groups[id] {
				if err := s.rebuildBucket(ctx, c.Name, opts, rep); err != nil {
					return err
				}
			}
			continue
		}
		if err := s.rebuildVolumeShard(ctx, raw, groups[id], opts, rep); err != nil {
			return err
		}
	}
	return nil
}

// rebuildVolumeShard walks one shard's index range of the volume, a page
// at a time (repairs change the range behind the cursor).
func (s *Service) rebuildVolumeShard(ctx context.Context, raw meta.Engine, cs []directory.Container, opts RebuildOptions, rep *RebuildReport) error {
	byCID := make(map[strata.ContainerID]directory.Container, len(cs))
	for _, c := range cs {
		byCID[c.ID] = c
	}
	e := pokingEngine{indexingEngine{raw}, s.poke}
	prefix := directory.VolumeIndexPrefix(opts.Volume)
	from, end := prefix, meta.PrefixEnd(prefix)
	seen := map[string]bool{} // records already repaired
	for {
		var page []directory.VolumeEntry
		var last []byte
		err := raw.View(ctx, func(r meta.Reader) error {
			page, last = page[:0], nil
			it := r.Iter(from, end)
			defer it.Close()
			for ok := it.First(); ok && len(page) < rdirPage; ok = it.Next() {
				last = bytes.Clone(it.Key())
				if ent, ok := directory.ParseVolumeIndexKey(last); ok {
					page = append(page, ent)
				}
			}
			return it.Error()
		})
		if err != nil {
			return err
		}
		if last == nil {
			return nil
		}
		rep.IndexEntries += int64(len(page))
		for _, ent := range page {
			if err := s.rebuildEntry(ctx, e, byCID, ent, seen, opts, rep); err != nil {
				return err
			}
		}
		from = append(last, 0)
	}
}

// rebuildEntry repairs the record one index entry names, once.
func (s *Service) rebuildEntry(ctx context.Context, e meta.Engine, byCID map[strata.ContainerID]directory.Container, ent directory.VolumeEntry, seen map[string]bool, opts RebuildOptions, rep *RebuildReport) error {
	m2 := directory.NewMeta2(ent.CID)
	key := m2.RecordKey(ent.Record)
	c, ok := byCID[ent.CID]
	if !ok {
		rep.IndexStale++ // the container is gone or moved
		return dropStale(ctx, e, ent, key)
	}
	m2.Bucket = c.Name
	if seen[string(key)] {
		return nil
	}
	seen[string(key)] = true
	var val []byte
	err := e.View(ctx, func(r meta.Reader) error {
		v, err := r.Get(key)
		val = v
		return err
	})
	if strata.Is(err, strata.NotExist) {
		rep.IndexStale++
		return dropStale(ctx, e, ent, key)
	}
	if err != nil {
		return err
	}
	rep.Records++
	if ent.Record[0] == 'l' {
		// A pending mount write: the full rebuild leaves these to the
		// mount's publication too, which copies them into a version.
		return nil
	}
	if err := s.rebuildRecord(ctx, e, m2, c.ID.String(), key, val, ent.Record[0] == 'p', opts, rep); err != nil {
		return err
	}
	if opts.Progress != nil && time.Since(*opts.lastProgress) >= opts.ProgressEvery {
		*opts.lastProgress = time.Now()
		p := *rep
		p.Seconds = time.Since(opts.pace.start).Seconds()
		opts.Progress(p)
	}
	return nil
}

// dropStale deletes an index entry whose record is gone, unless the
// record came back meanwhile (its writer then indexed it).
func dropStale(ctx context.Context, e meta.Engine, ent directory.VolumeEntry, record []byte) error {
	return e.Update(ctx, func(tx meta.Txn) error {
		if _, err := tx.Get(record); !strata.Is(err, strata.NotExist) {
			return err
		}
		return tx.Delete(directory.VolumeIndexKey(ent.Volume, ent.CID, ent.Chunk, ent.Record))
	})
}
