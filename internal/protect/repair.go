package protect

import (
	"context"

	"github.com/strata-storage/strata/internal/strata"
)

// Repair recreates the fragments missing from mc (indexes the policy
// wants but mc does not list) from the survivors, storing them with put.
// The caller removes fragments it found lost or corrupt from mc first.
// It returns mc with the new fragments added.
func Repair(ctx context.Context, p Policy, mc Metachunk, open OpenFunc, put PutFunc) (Metachunk, error) {
	present := map[int]bool{}
	for _, f := range mc.Fragments {
		present[f.Index] = true
	}
	var missing []int
	for i := 0; i < p.Width(); i++ {
		if !present[i] {
			missing = append(missing, i)
		}
	}
	if len(missing) == 0 {
		return mc, nil
	}
	if len(present) < p.Needed() {
		return mc, strata.Errorf("protect.Repair", strata.Unavailable, "only %d fragments left, %d needed", len(present), p.Needed())
	}
	var (
		fresh Metachunk
		err   error
	)
	if p.IsEC() {
		fresh, err = repairEC(ctx, p, mc, missing, open, put)
	} else {
		var rc interface {
			Read([]byte) (int, error)
			Close() error
		}
		rc, err = Read(ctx, p, mc, 0, -1, open)
		if err == nil {
			fresh, err = writeCopies(ctx, p, rc, missing, put)
			rc.Close()
		}
	}
	out := mc
	out.Fragments = append(append([]Fragment(nil), mc.Fragments...), fresh.Fragments...)
	if err != nil {
		return out, err
	}
	if len(fresh.Fragments) < len(missing) {
		return out, strata.Errorf("protect.Repair", strata.Unavailable, "recreated %d of %d missing fragments", len(fresh.Fragments), len(missing))
	}
	return out, nil
}

func repairEC(ctx context.Context, p Policy, mc Metachunk, missing []int, open OpenFunc, put PutFunc) (Metachunk, error) {
	r, err := newECReader(ctx, p, mc, 0, mc.Size, open)
	if err != nil {
		return Metachunk{}, err
	}
	defer r.Close()
	r.stripe, r.lastPlus1 = 0, stripes(mc, p.K)
	f := newFanout(ctx, missing, p.Width(), put)
	var ferr error
	for r.stripe < r.lastPlus1 {
		have := 0
		for i := 0; i < p.K+p.M; i++ {
			if have < p.K && r.readShard(i) {
				have++
			} else if r.streams[i] != nil && r.readShard(i) {
				have++
			} else {
				r.shards[i] = r.shards[i][:0]
			}
		}
		if have < p.K {
			ferr = strata.Errorf("protect.Repair", strata.Unavailable, "stripe %d: only %d fragments readable: %v", r.stripe, have, r.errs)
			break
		}
		for _, i := range missing {
			r.shards[i] = r.shards[i][:0]
		}
		if err := r.enc.Reconstruct(r.shards); err != nil {
			ferr = strata.E("protect.Repair", strata.Internal, err)
			break
		}
		f.write(func(i int) []byte { return r.shards[i] })
		r.stripe++
	}
	f.finish(ferr)
	frags, _ := f.stored()
	if ferr == nil && len(frags) < len(missing) {
		ferr = strata.Errorf("protect.Repair", strata.Unavailable, "recreated %d of %d missing fragments", len(frags), len(missing))
	}
	return Metachunk{Size: mc.Size, Unit: mc.Unit, Fragments: frags}, ferr
}
