package conscience

// used is the locations a placement has used so far (its earlier picks
// and opts.Near), to rank candidates by how far they would spread it.
// A placement uses a handful, so each rank compares with each of them
// rather than keeping counts in maps.
type used struct {
	locs []locID
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

func (u *used) rank(p locID) rank {
	r := rank{dist: 5} // farther than any two locations: nothing used yet
	for _, l := range u.locs {
		d := dist(p, l)
		r.dist = min(r.dist, d)
		if d <= 3 { // same site
			r.site++
		}
		if d <= 2 { // same rack
			r.rack++
		}
		if d <= 1 { // same host
			r.host++
		}
	}
	return r
}
