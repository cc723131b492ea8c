package conscience

import "github.com/strata-storage/strata/internal/strata"

// usage counts the locations already used by a placement, per site, rack
// and host, to rank candidates by how far they would spread it.
type usage struct {
	locs  []strata.Location
	count map[[3]string]int // keys: {site}, {site, rack}, {site, rack, host}
}

func (u *usage) add(loc strata.Location) {
	if u.count == nil {
		u.count = map[[3]string]int{}
	}
	u.locs = append(u.locs, loc)
	p := loc.Parts()
	u.count[[3]string{p[0]}]++
	u.count[[3]string{p[0], p[1]}]++
	u.count[[3]string{p[0], p[1], p[2]}]++
}

// rank orders candidates: larger is better. Distance to the nearest used
// location comes first, then how empty its site, rack and host are.
type rank struct {
	dist             int
	site, rack, host int // used locations sharing each (fewer is better)
}

func (a rank) better(b rank) bool {
	switch {
	case a.dist != b.dist:
		return a.dist > b.dist
	case a.site != b.site:
		return a.site < b.site
	case a.rack != b.rack:
		return a.rack < b.rack
	}
	return a.host < b.host
}

func (u *usage) rank(loc strata.Location) rank {
	r := rank{dist: 5} // farther than any two locations: nothing used yet
	for _, l := range u.locs {
		r.dist = min(r.dist, loc.Distance(l))
	}
	p := loc.Parts()
	r.site = u.count[[3]string{p[0]}]
	r.rack = u.count[[3]string{p[0], p[1]}]
	r.host = u.count[[3]string{p[0], p[1], p[2]}]
	return r
}

// farthest returns the indexes of the best-ranked services of pool, and
// their distance to the nearest used location (5 when nothing is used).
func (u *usage) farthest(pool []strata.Service) (tier []int, dist int) {
	var best rank
	for i, s := range pool {
		r := u.rank(s.Location)
		switch {
		case len(tier) == 0 || r.better(best):
			best, tier = r, append(tier[:0], i)
		case !best.better(r):
			tier = append(tier, i)
		}
	}
	return tier, best.dist
}
