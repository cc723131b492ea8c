package conscience

import (
	"math/rand/v2"
	"slices"

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
	return place(group(svcs, locs), near, n, opts, rnd)
}

// place is Place over candidates that all score above 0, with opts.Near
// interned as near. It reads c and never changes it, so concurrent
// Selects share one snapshot.
//
// A pick ranks hosts, not volumes: every volume of a host has the same
// site, rack and host counts, and the same distance to any used location
// off that host. Only when the best host is itself used (distance 1, a
// shortfall) do volumes rank apart, and that pick ranks them one by one.
// The draw takes a host by its summed score, then a volume of it by its
// score: the same odds as one draw over the volumes.
func place(c candidates, near []locID, n int, opts SelectOptions, rnd *rand.Rand) (chosen []strata.Service, shortfall bool, err error) {
	if n < 0 {
		return nil, false, strata.Errorf("conscience.Select", strata.Invalid, "negative count %d", n)
	}
	sum := slices.Clone(c.sum) // each host's score still to draw from
	var ok []bool              // nil: every candidate qualifies
	qualified := len(c.svcs)
	if len(opts.Avoid) > 0 || len(opts.Tags) > 0 {
		avoid := make(map[string]bool, len(opts.Avoid))
		for _, id := range opts.Avoid {
			avoid[id] = true
		}
		ok, qualified = make([]bool, len(c.svcs)), 0
		for h := range c.hosts {
			sum[h] = 0
			for i := c.first[h]; i < c.first[h+1]; i++ {
				if s := &c.svcs[i]; !avoid[s.ID] && hasTags(*s, opts.Tags) {
					ok[i], sum[h], qualified = true, sum[h]+s.Score, qualified+1
				}
			}
		}
	}
	var taken []int32
	avail := func(i int32) bool { return (ok == nil || ok[i]) && !slices.Contains(taken, i) }
	u := used{locs: append(make([]locID, 0, len(near)+n), near...)}
	chosen = make([]strata.Service, 0, min(n, qualified))
	tier := make([]int32, 0, len(c.hosts))
	for len(chosen) < n {
		var far int
		tier, far = u.farthestHosts(c.hosts, sum, tier[:0])
		if len(tier) == 0 {
			break
		}
		var i int32
		if far >= 2 {
			i = c.draw(sum, tier, avail, rnd)
		} else {
			shortfall = true
			i = u.drawVolume(c, avail, rnd)
		}
		chosen = append(chosen, c.svcs[i])
		u.locs = append(u.locs, c.locs[i])
		taken = append(taken, i)
		sum[c.hostOf(i)] -= c.svcs[i].Score
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
