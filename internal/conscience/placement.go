package conscience

import (
	"math/rand/v2"

	"github.com/strata-storage/strata/internal/strata"
)

// Place chooses up to n distinct services among candidates; it is the pure
// core of Select and uses nothing but its arguments.
//
// Services with score 0, without every tag in opts.Tags, or listed in
// opts.Avoid never qualify. Each pick then keeps only the candidates
// farthest from every location already used (the earlier picks and
// opts.Near): Location.Distance to the nearest used location is
// maximised, so a new site beats a new rack, which beats a new host, which
// beats a shared host. Among equally far candidates it keeps those whose
// site, then rack, then host holds the fewest used locations, so that six
// picks over three sites land two per site rather than 3+2+1. Finally it
// draws among the survivors at random, weighted by score, without
// replacement: a service with twice the score is picked about twice as
// often among its peers, but distance always wins over score.
//
// With fewer than n qualifying services it returns all of them and an
// error of kind strata.NoSpace. shortfall is true when some pick had to
// share a host with an earlier pick or with opts.Near.
func Place(candidates []strata.Service, n int, opts SelectOptions, rnd *rand.Rand) (chosen []strata.Service, shortfall bool, err error) {
	var in interner
	svcs := make([]strata.Service, 0, len(candidates))
	var locs []locID
	for _, s := range candidates {
		if s.Score > 0 {
			svcs = append(svcs, s)
			locs = append(locs, in.intern(s.Location))
		}
	}
	fresh := map[string]int32{}
	near := make([]locID, len(opts.Near))
	for i, loc := range opts.Near {
		near[i] = in.find(loc, fresh)
	}
	return place(svcs, locs, near, n, opts, rnd)
}

// place is Place over services that all score above 0, with their
// locations interned (locs[i] is svcs[i]'s) and opts.Near as near. It
// reads svcs and locs and never changes them, so Selects share them.
func place(svcs []strata.Service, locs, near []locID, n int, opts SelectOptions, rnd *rand.Rand) (chosen []strata.Service, shortfall bool, err error) {
	if n < 0 {
		return nil, false, strata.Errorf("conscience.Select", strata.Invalid, "negative count %d", n)
	}
	var avoid map[string]bool
	if len(opts.Avoid) > 0 {
		avoid = make(map[string]bool, len(opts.Avoid))
		for _, id := range opts.Avoid {
			avoid[id] = true
		}
	}
	pool := make([]int32, 0, len(svcs)) // indexes of svcs still choosable
	for i, s := range svcs {
		if !avoid[s.ID] && hasTags(s, opts.Tags) {
			pool = append(pool, int32(i))
		}
	}
	qualified := len(pool)
	u := used{locs: append(make([]locID, 0, len(near)+n), near...)}
	chosen = make([]strata.Service, 0, min(n, len(pool)))
	tier := make([]int, 0, len(pool)) // indexes of pool, reused by each pick
	for len(chosen) < n && len(pool) > 0 {
		var far int
		tier, far = u.farthest(pool, locs, tier[:0])
		if far <= 1 && len(u.locs) > 0 {
			shortfall = true
		}
		k := weighted(svcs, pool, tier, rnd)
		i := pool[k]
		chosen = append(chosen, svcs[i])
		u.locs = append(u.locs, locs[i])
		last := len(pool) - 1
		pool[k] = pool[last]
		pool = pool[:last]
	}
	if len(chosen) < n {
		return chosen, shortfall, strata.Errorf("conscience.Select", strata.NoSpace,
			"%d services qualify (score above 0, tags, not avoided), %d needed", qualified, n)
	}
	return chosen, shortfall, nil
}

func hasTags(s strata.Service, want map[string]string) bool {
	for k, v := range want {
		if got, ok := s.Tags[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// weighted draws one index of pool among those tier lists, weighted by
// score, and returns its position in pool.
func weighted(svcs []strata.Service, pool []int32, tier []int, rnd *rand.Rand) int {
	total := 0
	for _, k := range tier {
		total += svcs[pool[k]].Score
	}
	x := rnd.IntN(total)
	for _, k := range tier {
		sc := svcs[pool[k]].Score
		if x < sc {
			return k
		}
		x -= sc
	}
	panic("conscience: weighted draw out of range") // x < total by construction
}
