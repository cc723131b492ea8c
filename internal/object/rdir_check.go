package object

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
)

// IndexCheckReport compares the volume index with a full scan.
type IndexCheckReport struct {
	Shards   int      `json:"shards"`
	Ready    int      `json:"shards_backfilled"`
	Records  int64    `json:"records_scanned"`
	Expected int64    `json:"entries_expected"`
	Entries  int64    `json:"entries_found"`
	Missing  int64    `json:"entries_missing"` // a record's fragment without its entry
	Stale    int64    `json:"entries_stale"`   // an entry no record backs
	Samples  []string `json:"samples,omitempty"`
}

// CheckVolumeIndex scans every record of every shard and compares the
// fragments they name with the volume index. Missing entries in a shard
// whose backfill is not done are expected; anything else is a bug.
func (s *Service) CheckVolumeIndex(ctx context.Context) (IndexCheckReport, error) {
	var rep IndexCheckReport
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
		if indexReady(ctx, e) {
			rep.Ready++
		}
		if err := checkShard(ctx, e, groups[id], &rep); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

func checkShard(ctx context.Context, e meta.Engine, cs []directory.Container, rep *IndexCheckReport) error {
	return e.View(ctx, func(r meta.Reader) error {
		want := map[string][]byte{}
		for _, c := range cs {
			m2 := directory.NewMeta2(c.ID)
			for _, kind := range []byte{'v', 'p', 'l'} {
				p := append(m2.All(), kind, '/')
				it := r.Iter(p, meta.PrefixEnd(p))
				for ok := it.First(); ok; ok = it.Next() {
					rep.Records++
					_, rel, _ := directory.SplitRecordKey(it.Key())
					for k, v := range indexEntries(c.ID, bytes.Clone(rel), it.Value()) {
						want[k] = v
					}
				}
				if err := it.Close(); err != nil {
					return err
				}
			}
		}
		rep.Expected += int64(len(want))
		all := directory.VolumeIndexAll()
		it := r.Iter(all, meta.PrefixEnd(all))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			rep.Entries++
			v, found := want[string(it.Key())]
			if found && bytes.Equal(v, it.Value()) {
				delete(want, string(it.Key()))
				continue
			}
			rep.Stale++
			rep.sample("stale", it.Key())
		}
		for k := range want {
			rep.Missing++
			rep.sample("missing", []byte(k))
		}
		return it.Error()
	})
}

func (rep *IndexCheckReport) sample(what string, key []byte) {
	if len(rep.Samples) >= 10 {
		return
	}
	ent, ok := directory.ParseVolumeIndexKey(key)
	if !ok {
		rep.Samples = append(rep.Samples, fmt.Sprintf("%s: unparsable %q", what, key))
		return
	}
	rep.Samples = append(rep.Samples, fmt.Sprintf("%s: %s %s %s %q", what, ent.Volume,
		hex.EncodeToString(ent.CID[:]), ent.Chunk, ent.Record))
}
