package object

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Class convergence: when a storage class changes (its pool or its
// policies), new writes follow at once but old objects stay where they
// were written. The improver then makes one full pass over every version
// of every bucket for that class generation, and rewrites (Rewrite) the
// versions whose chunks are outside their class's pool or under another
// policy than the class now gives their size. The pass is resumable: its
// cursor (generation, bucket, last version key) is kept in the root
// engine, so an interrupted pass continues where it stopped, and a pass
// that finished is not repeated until the next class change.
//
// Cost: the pass reads every version record once (a metadata scan of the
// whole cluster) and, for each misplaced version, reads its data once and
// writes it once more under the new policy, then deletes the old chunks.

var classCursorKey = []byte("SC!improve")

// classCursor is how far the convergence pass went.
type classCursor struct {
	Gen    uint64 `json:"gen"`
	Done   bool   `json:"done,omitempty"`
	Bucket string `json:"bucket,omitempty"`
	After  []byte `json:"after,omitempty"` // last version key done in Bucket, after its VersionPrefix
}

// classBatch is how many version records one metadata read takes.
const classBatch = 128

// improveClasses runs or resumes the convergence pass of the current
// class generation.
func (s *Service) improveClasses(ctx context.Context, rep *ImproveReport) error {
	s.classes.invalidate()
	gen, err := s.classes.Generation(ctx)
	if err != nil || gen == 0 {
		return err
	}
	cur, err := s.loadClassCursor(ctx)
	if err != nil {
		return err
	}
	if cur.Gen == gen && cur.Done {
		return nil
	}
	if cur.Gen != gen {
		cur = classCursor{Gen: gen}
	}
	names, err := s.allBuckets(ctx)
	if err != nil {
		return err
	}
	slices.Sort(names)
	pools := s.servicePools(ctx)
	for _, b := range names {
		if b < cur.Bucket {
			continue
		}
		if b != cur.Bucket {
			cur.Bucket, cur.After = b, nil
		}
		if err := s.convergeBucket(ctx, &cur, pools, rep); err != nil && !strata.Is(err, strata.NotExist) {
			return err
		}
	}
	cur.Done, cur.Bucket, cur.After = true, "", nil
	return s.saveClassCursor(ctx, cur)
}

// convergeBucket walks one bucket's versions from the cursor on.
func (s *Service) convergeBucket(ctx context.Context, cur *classCursor, pools map[string]string, rep *ImproveReport) error {
	c, e, m2, err := s.bucketAll(ctx, cur.Bucket)
	if err != nil {
		return err
	}
	prefix := m2.VersionPrefix()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		recs, last, err := versionBatch(ctx, e, prefix, cur.After)
		if err != nil || len(recs) == 0 {
			return err
		}
		for _, rec := range recs {
			rep.ClassScanned++
			move, err := s.misplaced(ctx, c, rec, pools)
			if err != nil || !move {
				continue
			}
			switch err := s.Rewrite(ctx, cur.Bucket, rec.Info.Key, rec.Info.VersionID, rec.Info.StorageClass); {
			case err == nil:
				rep.ClassMoved++
			case strata.Is(err, strata.NotExist), strata.Is(err, strata.Conflict):
				// Gone or rewritten meanwhile: the new write followed the class.
			case strata.Is(err, strata.NoSpace), strata.Is(err, strata.Unavailable):
				rep.ClassWaiting++
				s.log.Warn("class convergence: version not moved", "bucket", cur.Bucket, "key", rec.Info.Key, "err", err)
			default:
				return err
			}
		}
		cur.After = last
		if err := s.saveClassCursor(ctx, *cur); err != nil {
			return err
		}
	}
}

// versionBatch reads up to classBatch version records after after.
func versionBatch(ctx context.Context, e meta.Engine, prefix, after []byte) ([]*record, []byte, error) {
	var recs []*record
	var last []byte
	err := e.View(ctx, func(r meta.Reader) error {
		recs, last = nil, nil
		lower := append(bytes.Clone(prefix), after...)
		it := r.Iter(lower, meta.PrefixEnd(prefix))
		defer it.Close()
		for ok := it.First(); ok && len(recs) < classBatch; ok = it.Next() {
			k := it.Key()
			if after != nil && bytes.Equal(k[len(prefix):], after) {
				continue
			}
			rec, err := decodeRecord(it.Value())
			if err != nil {
				continue
			}
			recs, last = append(recs, rec), bytes.Clone(k[len(prefix):])
		}
		return it.Error()
	})
	return recs, last, err
}

// misplaced reports whether a version's chunks are outside its configured
// class's pool or under another policy than the class gives its size.
// Versions of unconfigured classes, delete markers and inline bodies are
// never misplaced.
func (s *Service) misplaced(ctx context.Context, c directory.Container, rec *record, pools map[string]string) (bool, error) {
	if rec.Info.DeleteMarker {
		return false, nil
	}
	sc, ok, err := s.classes.lookup(ctx, rec.Info.StorageClass)
	if err != nil || !ok {
		return false, err
	}
	if move, decided := tierMisplaced(sc, rec); decided || move {
		return move, nil
	}
	var segs []segment
	for _, sg := range rec.Content {
		if sg.MC != nil {
			segs = append(segs, sg)
		}
	}
	if len(segs) == 0 {
		return false, nil
	}
	p, pool, err := s.policyFor(ctx, c, rec.Info.StorageClass, contentSize(rec.Content))
	if err != nil {
		return false, err
	}
	for _, sg := range segs {
		if sg.Policy != p.Name {
			return true, nil
		}
		for _, f := range sg.MC.Fragments {
			if sc.Pool != "" && pools[f.Service] != pool {
				return true, nil
			}
		}
	}
	return false, nil
}

func (s *Service) loadClassCursor(ctx context.Context) (classCursor, error) {
	var cur classCursor
	err := s.dir.Root().View(ctx, func(r meta.Reader) error {
		b, err := r.Get(classCursorKey)
		if strata.Is(err, strata.NotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		return json.Unmarshal(b, &cur)
	})
	return cur, err
}

func (s *Service) saveClassCursor(ctx context.Context, cur classCursor) error {
	b, _ := json.Marshal(cur)
	return s.dir.Root().Update(ctx, func(tx meta.Txn) error { return tx.Set(classCursorKey, b) })
}
