package object

import (
	"context"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// TierLister is the optional listing ability of a TierRemote (tier.Remote
// has it): the orphan collector lists a tier's prefix with it.
type TierLister interface {
	// List calls fn for every object under the tier's prefix whose key
	// (relative to the prefix) sorts after after, in key order.
	List(ctx context.Context, after string, fn func(key string, size int64, modified time.Time) error) error
}

// TierNames is the optional ability of Tiers to name every tier.
type TierNames interface {
	Names(ctx context.Context) ([]string, error)
}

// TierGCReport says what the orphan collection did on the remote tiers.
type TierGCReport struct {
	Tiers   int64 `json:"tiers"`
	Scanned int64 `json:"scanned"`
	Live    int64 `json:"live"`
	Young   int64 `json:"young"`   // orphans younger than the grace period, kept
	Foreign int64 `json:"foreign"` // not named as this cluster names tier objects, or of a bucket it does not have: kept
	Deleted int64 `json:"deleted"`
	Bytes   int64 `json:"bytes_deleted"`
	Errors  int64 `json:"errors"`
}

// tierGCRate bounds the remote deletes of one collection per second, so
// that a tier full of orphans (a crash loop) is not hammered.
const tierGCRate = 100

// tierGCSaveEvery is how many listed keys go by between two saves of a
// tier's resume point.
const tierGCSaveEvery = 1000

// A collection interrupted on a tier resumes after the last key saved:
//
//	tiergcat/<tier> -> last remote key checked
const tierGCAtPrefix = "tiergcat/"

// collectTierOrphans deletes the remote objects older than cutoff that no
// record names: those of writes to a tier that crashed before their
// commit. Remote objects are named <bucket>/<key>/<version>/<chunk id>
// (writeTier); any other name, or a bucket this cluster does not have,
// is left alone, since a tier's bucket may hold other data.
func (s *Service) collectTierOrphans(ctx context.Context, cutoff time.Time) TierGCReport {
	var rep TierGCReport
	t := s.tiers()
	names, ok := t.(TierNames)
	if t == nil || !ok {
		return rep
	}
	tiers, err := names.Names(ctx)
	if err != nil {
		s.log.Warn("tier orphan collection: no tier list", "err", err)
		rep.Errors++
		return rep
	}
	for _, name := range tiers {
		rep.Tiers++
		if err := s.collectTier(ctx, name, cutoff, &rep); err != nil {
			s.log.Warn("tier orphan collection stopped", "tier", name, "err", err)
			rep.Errors++
		}
	}
	if rep.Deleted > 0 {
		s.log.Info("orphan tier objects collected", "deleted", rep.Deleted, "bytes", rep.Bytes)
	}
	return rep
}

func (s *Service) collectTier(ctx context.Context, name string, cutoff time.Time, rep *TierGCReport) error {
	r, err := s.remote(ctx, name)
	if err != nil {
		return err
	}
	lister, ok := r.(TierLister)
	if !ok {
		return nil
	}
	root := s.dir.Root()
	at := []byte(tierGCAtPrefix + name)
	var after string
	err = root.View(ctx, func(rd meta.Reader) error {
		b, err := rd.Get(at)
		if err == nil {
			after = string(b)
		}
		if strata.Is(err, strata.NotExist) {
			err = nil
		}
		return err
	})
	if err != nil {
		return err
	}
	scans := map[string]map[remoteRef]bool{} // bucket -> every remote object its records name
	var listed int
	err = lister.List(ctx, after, func(key string, size int64, modified time.Time) error {
		rep.Scanned++
		if listed++; listed%tierGCSaveEvery == 0 {
			if err := root.Update(ctx, func(tx meta.Txn) error { return tx.Set(at, []byte(key)) }); err != nil {
				return err
			}
		}
		ref := remoteRef{Tier: name, Key: key}
		switch state, err := s.tierObjectState(ctx, scans, ref, !modified.After(cutoff)); {
		case err != nil:
			rep.Errors++
		case state == tierLive:
			rep.Live++
		case state == tierForeign:
			rep.Foreign++
		case modified.After(cutoff):
			rep.Young++
		default:
			if err := r.Delete(ctx, key); err != nil && !strata.Is(err, strata.NotExist) {
				rep.Errors++
				return nil
			}
			rep.Deleted++
			rep.Bytes += size
			return sleepCtx(ctx, time.Second/tierGCRate)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// A whole pass done: the next one starts from the beginning.
	return root.Update(ctx, func(tx meta.Txn) error { return tx.Delete(at) })
}

type tierState int

const (
	tierOrphan tierState = iota
	tierLive
	tierForeign
)

// tierObjectState says whether a remote object is named by a record of
// its bucket. The versions of its key are read first (one meta2 read);
// an old object that none of them names is checked against every record
// of the bucket (parts, pending file writes, versions of other keys that
// a rename or a copy gave it), scanned once per collection.
func (s *Service) tierObjectState(ctx context.Context, scans map[string]map[remoteRef]bool, ref remoteRef, old bool) (tierState, error) {
	bucket, key, ok := parseTierKey(ref.Key)
	if !ok {
		return tierForeign, nil
	}
	_, e, m2, err := s.bucketKey(ctx, bucket, key)
	if strata.Is(err, strata.NotExist) {
		return tierForeign, nil
	}
	if err != nil {
		return tierOrphan, err
	}
	found := false
	err = e.View(ctx, func(r meta.Reader) error {
		return scanVersions(r, m2, key, func(rec *record) bool {
			found = hasRemote(rec.owned(), ref)
			return found
		})
	})
	switch {
	case err != nil:
		return tierOrphan, err
	case found:
		return tierLive, nil
	case !old:
		return tierOrphan, nil // young: kept whatever it is
	}
	set, ok := scans[bucket]
	if !ok {
		_, e, m2, err := s.bucketAll(ctx, bucket)
		if err != nil {
			return tierOrphan, err
		}
		if set, err = containerRemotes(ctx, e, m2); err != nil {
			return tierOrphan, err
		}
		scans[bucket] = set
	}
	if set[ref] {
		return tierLive, nil
	}
	return tierOrphan, nil
}

// parseTierKey splits a remote key <bucket>/<key>/<version>/<chunk id>;
// ok is false for a key not named so.
func parseTierKey(k string) (bucket, key string, ok bool) {
	bucket, rest, ok := strings.Cut(k, "/")
	if !ok || bucket == "" {
		return "", "", false
	}
	i := strings.LastIndexByte(rest, '/')
	if i < 0 || !strata.ChunkID(rest[i+1:]).Valid() {
		return "", "", false
	}
	rest = rest[:i]
	j := strings.LastIndexByte(rest, '/')
	if j <= 0 || j == len(rest)-1 {
		return "", "", false
	}
	return bucket, rest[:j], true
}

func hasRemote(content []segment, ref remoteRef) bool {
	for _, sg := range content {
		if sg.Remote != nil && *sg.Remote == ref {
			return true
		}
	}
	return false
}

// containerRemotes lists every remote object a container's records name.
func containerRemotes(ctx context.Context, e meta.Engine, m2 directory.Meta2) (map[remoteRef]bool, error) {
	set := map[remoteRef]bool{}
	err := eachContent(ctx, e, m2, func(content []segment) {
		for _, sg := range content {
			if sg.Remote != nil {
				set[*sg.Remote] = true
			}
		}
	})
	return set, err
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
