package conscience

// usage counts the locations already used by a placement, per site, rack
// and host, to rank candidates by how far they would spread it.
type usage struct {
	locs  [][4]string       // the used locations' parts
	count map[[3]string]int // keys: {site}, {site, rack}, {site, rack, host}
}

func (u *usage) add(p [4]string) {
	if u.count == nil {
		u.count = map[[3]string]int{}
	}
	u.locs = append(u.locs, p)
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

func (u *usage) rank(p [4]string) rank {
	r := rank{dist: 5} // farther than any two locations: nothing used yet
	for _, l := range u.locs {
		r.dist = min(r.dist, distance(p, l))
	}
	r.site = u.count[[3]string{p[0]}]
	r.rack = u.count[[3]string{p[0], p[1]}]
	r.host = u.count[[3]string{p[0], p[1], p[2]}]
	return r
}

// farthest returns the indexes of the best-ranked services of pool, and
// their distance to the nearest used location (5 when nothing is used).
func (u *usage) farthest(parts [][4]string) (tier []int, dist int) {
	tier = make([]int, 0, len(parts))
	if len(u.locs) == 0 {
		// Nothing used yet: every candidate ranks the same, so the first
		// pick skips ranking (at 12,000 volumes it was most of a Select).
		for i := range parts {
			tier = append(tier, i)
		}
		return tier, 5
	}
	var best rank
	for i, p := range parts {
		r := u.rank(p)
		switch {
		case len(tier) == 0 || r.better(best):
			best, tier = r, append(tier[:0], i)
		case !best.better(r):
			tier = append(tier, i)
		}
	}
	return tier, best.dist
}

// distance is strata.Location.Distance over parts already split.
func distance(a, b [4]string) int {
	for i := range 4 {
		if a[i] != b[i] {
			return 4 - i
		}
	}
	return 0
}
