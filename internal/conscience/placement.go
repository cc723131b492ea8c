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
	if n < 0 {
		return nil, false, strata.Errorf("conscience.Select", strata.Invalid, "negative count %d", n)
	}
	pool := qualify(candidates, opts)
	qualified := len(pool)
	var u usage
	for _, loc := range opts.Near {
		u.add(loc.Parts())
	}
	// Split every location once, not once per pick and comparison.
	parts := make([][4]string, len(pool))
	for i, s := range pool {
		parts[i] = s.Location.Parts()
	}
	chosen = make([]strata.Service, 0, min(n, len(pool)))
	for len(chosen) < n && len(pool) > 0 {
		tier, far := u.farthest(parts)
		if far <= 1 && len(u.locs) > 0 {
			shortfall = true
		}
		i := weighted(pool, tier, rnd)
		chosen = append(chosen, pool[i])
		u.add(parts[i])
		last := len(pool) - 1
		pool[i], parts[i] = pool[last], parts[last]
		pool, parts = pool[:last], parts[:last]
	}
	if len(chosen) < n {
		return chosen, shortfall, strata.Errorf("conscience.Select", strata.NoSpace,
			"%d services qualify (score above 0, tags, not avoided), %d needed", qualified, n)
	}
	return chosen, shortfall, nil
}

// qualify returns a fresh slice of the candidates that may be chosen.
func qualify(candidates []strata.Service, opts SelectOptions) []strata.Service {
	avoid := make(map[string]bool, len(opts.Avoid))
	for _, id := range opts.Avoid {
		avoid[id] = true
	}
	pool := make([]strata.Service, 0, len(candidates))
	for _, s := range candidates {
		if s.Score > 0 && !avoid[s.ID] && hasTags(s, opts.Tags) {
			pool = append(pool, s)
		}
	}
	return pool
}

func hasTags(s strata.Service, want map[string]string) bool {
	for k, v := range want {
		if got, ok := s.Tags[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// weighted draws one index of tier at random, weighted by score.
func weighted(pool []strata.Service, tier []int, rnd *rand.Rand) int {
	total := 0
	for _, i := range tier {
		total += pool[i].Score
	}
	x := rnd.IntN(total)
	for _, i := range tier {
		if x < pool[i].Score {
			return i
		}
		x -= pool[i].Score
	}
	panic("conscience: weighted draw out of range") // x < total by construction
}
