package conscience

import (
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/strata-storage/strata/internal/strata"
)

// candidates are placeable services grouped by host: the volumes of host
// h are svcs[first[h]:first[h+1]], and locs[i] is svcs[i]'s location.
// At 1,000 nodes a pick ranks 1,000 hosts instead of 12,000 volumes.
type candidates struct {
	svcs  []strata.Service
	locs  []locID
	hosts []locID // each host's site, rack and host; volume 0, which no volume has
	first []int32 // len(hosts)+1 offsets into svcs
	sum   []int   // each host's summed score
}

// group orders services by host, hosts in order of first appearance.
func group(svcs []strata.Service, locs []locID) candidates {
	index := map[[3]int32]int32{}
	hostOf := make([]int32, len(svcs))
	var hosts []locID
	for i, l := range locs {
		k := [3]int32{l[0], l[1], l[2]}
		h, ok := index[k]
		if !ok {
			h = int32(len(hosts))
			index[k] = h
			hosts = append(hosts, locID{l[0], l[1], l[2], 0})
		}
		hostOf[i] = h
	}
	c := candidates{svcs: make([]strata.Service, len(svcs)), locs: make([]locID, len(svcs)),
		hosts: hosts, first: make([]int32, len(hosts)+1), sum: make([]int, len(hosts))}
	for _, h := range hostOf {
		c.first[h+1]++
	}
	for h := range hosts {
		c.first[h+1] += c.first[h]
	}
	next := slices.Clone(c.first[:len(hosts)])
	for i, h := range hostOf {
		j := next[h]
		next[h]++
		c.svcs[j], c.locs[j] = svcs[i], locs[i]
		c.sum[h] += svcs[i].Score
	}
	return c
}

// hostOf returns the host of svcs[i].
func (c candidates) hostOf(i int32) int {
	return sort.Search(len(c.hosts), func(h int) bool { return c.first[h+1] > i })
}

// farthestHosts appends to tier the best-ranked hosts that have score
// left to draw, and returns it with their distance to the nearest used
// location (5 when nothing is used; 1 when the best host is itself used).
func (u *used) farthestHosts(hosts []locID, sum []int, tier []int32) ([]int32, int) {
	var best rank
	for h, loc := range hosts {
		if sum[h] <= 0 {
			continue
		}
		r := u.rank(loc)
		switch {
		case len(tier) == 0 || r.better(best):
			best, tier = r, append(tier[:0], int32(h))
		case !best.better(r):
			tier = append(tier, int32(h))
		}
	}
	return tier, best.dist
}

// draw takes a host of tier by its score left, then one of its available
// volumes by score.
func (c candidates) draw(sum []int, tier []int32, avail func(int32) bool, rnd *rand.Rand) int32 {
	total := 0
	for _, h := range tier {
		total += sum[h]
	}
	x := rnd.IntN(total)
	for _, h := range tier {
		if x >= sum[h] {
			x -= sum[h]
			continue
		}
		for i := c.first[h]; i < c.first[h+1]; i++ {
			if !avail(i) {
				continue
			}
			if x < c.svcs[i].Score {
				return i
			}
			x -= c.svcs[i].Score
		}
	}
	panic("conscience: weighted draw out of range") // x < total by construction
}

// drawVolume ranks every available volume on its own, as a pick must once
// every host is used, and draws one of the best by score.
func (u *used) drawVolume(c candidates, avail func(int32) bool, rnd *rand.Rand) int32 {
	var best rank
	var tier []int32
	total := 0
	for i := range int32(len(c.svcs)) {
		if !avail(i) {
			continue
		}
		r := u.rank(c.locs[i])
		switch {
		case len(tier) == 0 || r.better(best):
			best, tier, total = r, append(tier[:0], i), c.svcs[i].Score
		case !best.better(r):
			tier, total = append(tier, i), total+c.svcs[i].Score
		}
	}
	x := rnd.IntN(total)
	for _, i := range tier {
		if x < c.svcs[i].Score {
			return i
		}
		x -= c.svcs[i].Score
	}
	panic("conscience: weighted draw out of range")
}
