package object

import (
	"bytes"
	"context"
	"sort"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// IndexBackfillReport says what a backfill of the volume index did.
type IndexBackfillReport struct {
	Shards  int   `json:"shards"`
	Done    int   `json:"shards_done"` // shards whose index is complete
	Keys    int64 `json:"keys_scanned"`
	Entries int64 `json:"entries_written"`
}

// backfillBatch is the number of keys one backfill transaction walks:
// small enough to stay far from a replicated engine's transaction limits.
const backfillBatch = 512

// BackfillVolumeIndex indexes the records written before the volume
// index existed, one resumable pass per meta2 shard: each transaction
// walks the next keys after the stored cursor and writes their entries
// and the new cursor together, so a restart resumes where it stopped
// and a concurrent write (indexed by indexTxn) is never missed or
// undone. A shard whose pass is done costs one read. Until then a rebuild
// of a volume scans that shard's containers instead of its index.
func (s *Service) BackfillVolumeIndex(ctx context.Context) (IndexBackfillReport, error) {
	var rep IndexBackfillReport
	groups, err := s.shardContainers(ctx)
	if err != nil {
		return rep, err
	}
	for _, id := range sortedKeys(groups) {
		e, err := s.dir.Shard(id)
		if err != nil {
			return rep, err
		}
		rep.Shards++
		done, err := backfillShard(ctx, e, backfillBatch, -1, &rep)
		if err != nil {
			return rep, err
		}
		if done {
			rep.Done++
		}
	}
	if rep.Entries > 0 {
		s.log.Info("volume index backfilled", "shards", rep.Shards, "keys", rep.Keys, "entries", rep.Entries)
	}
	return rep, nil
}

// backfillShard runs up to batches transactions (-1: until done) of the
// shard's backfill and reports whether it is done.
func backfillShard(ctx context.Context, e meta.Engine, batch, batches int, rep *IndexBackfillReport) (bool, error) {
	for n := 0; batches < 0 || n < batches; n++ {
		var done bool
		var keys, entries int64
		err := e.Update(ctx, func(tx meta.Txn) error {
			done, keys, entries = false, 0, 0
			start := directory.ShardRecordsPrefix()
			if cur, err := tx.Get(directory.VolumeBackfill()); err == nil {
				if len(cur) > 0 && cur[0] == 'd' {
					done = true
					return nil
				}
				if len(cur) > 1 && cur[0] == 'c' {
					start = append(cur[1:], 0) // the key right after the cursor
				}
			} else if !strata.Is(err, strata.NotExist) {
				return err
			}
			add := map[string][]byte{}
			var last []byte
			it := tx.Iter(start, meta.PrefixEnd(directory.ShardRecordsPrefix()))
			ok := it.First()
			for ; ok && keys < int64(batch); ok = it.Next() {
				keys++
				last = append(last[:0], it.Key()...)
				if cid, rel, isRec := directory.SplitRecordKey(it.Key()); isRec && indexedKind(rel[0]) {
					for k, v := range indexEntries(cid, bytes.Clone(rel), it.Value()) {
						add[k] = v
					}
				}
			}
			if err := it.Close(); err != nil {
				return err
			}
			for k, v := range add {
				if err := tx.Set([]byte(k), v); err != nil {
					return err
				}
			}
			entries = int64(len(add))
			cursor := []byte{'d'}
			if ok {
				cursor = append([]byte{'c'}, last...)
			}
			done = !ok
			return tx.Set(directory.VolumeBackfill(), cursor)
		})
		if err != nil {
			return false, err
		}
		rep.Keys += keys
		rep.Entries += entries
		if done {
			return true, nil
		}
	}
	return false, nil
}

// indexReady reports whether a shard's backfill is done, so its index
// lists every fragment of its records.
func indexReady(ctx context.Context, e meta.Engine) bool {
	ready := false
	e.View(ctx, func(r meta.Reader) error {
		v, err := r.Get(directory.VolumeBackfill())
		ready = err == nil && len(v) > 0 && v[0] == 'd'
		return nil
	})
	return ready
}

// shardContainers groups every container by its meta2 shard.
func (s *Service) shardContainers(ctx context.Context) (map[string][]directory.Container, error) {
	out := map[string][]directory.Container{}
	for _, acct := range s.dir.Accounts(ctx) {
		cs, err := s.dir.List(ctx, acct)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			out[c.Shard] = append(out[c.Shard], c)
		}
	}
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
