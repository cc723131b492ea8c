package conscience

import (
	"math/rand"

	"github.com/strata-storage/strata/internal/strata"
)

// Place chooses n distinct services among candidates. Each pick keeps
// only the candidates farthest from everything already used (distinct
// sites first, then racks, then hosts), then draws among them at random
// weighted by score. So with enough hosts no two picks share a host, and
// among equally distant candidates a service with twice the score gets
// about twice the picks. Services with score 0, missing tags or in
// opts.Avoid are never chosen.
//
// It returns strata.NoSpace (with the picks it could make) when fewer
// than n services qualify, and shortfall=true when a pick had to share a
// host with an earlier one.
func Place(candidates []strata.Service, n int, opts SelectOptions, rnd *rand.Rand) ([]strata.Service, bool, error) {
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
	used := append([]strata.Location(nil), opts.Near...)
	var chosen []strata.Service
	shortfall := false
	for len(chosen) < n && len(pool) > 0 {
		best, dists := -1, make([]int, len(pool))
		for i, s := range pool {
			d := 5 // farther than any two locations
			for _, u := range used {
				d = min(d, s.Location.Distance(u))
			}
			dists[i] = d
			best = max(best, d)
		}
		var tier []int
		total := 0
		for i, d := range dists {
			if d == best {
				tier = append(tier, i)
				total += pool[i].Score
			}
		}
		x := rnd.Intn(total)
		pick := tier[len(tier)-1]
		for _, i := range tier {
			if x < pool[i].Score {
				pick = i
				break
			}
			x -= pool[i].Score
		}
		if best <= 1 && len(used) > 0 {
			shortfall = true
		}
		chosen = append(chosen, pool[pick])
		used = append(used, pool[pick].Location)
		pool = append(pool[:pick], pool[pick+1:]...)
	}
	if len(chosen) < n {
		return chosen, shortfall, strata.Errorf("conscience.Select", strata.NoSpace,
			"%d services available with a score above 0, %d needed", len(chosen), n)
	}
	return chosen, shortfall, nil
}

func hasTags(s strata.Service, want map[string]string) bool {
	for k, v := range want {
		if s.Tags[k] != v {
			return false
		}
	}
	return true
}
