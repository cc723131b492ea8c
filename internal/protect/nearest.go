package protect

import "sort"

// RankFunc ranks a fragment for reading: lower is tried first. A reader
// on a stretched cluster ranks the fragments on its own site 0 and the
// others 1, so reads cross sites only when the local ones fail.
type RankFunc func(Fragment) int

// sortByRank orders fragments by rank, then index (nil rank: by index).
func sortByRank(frags []Fragment, rank RankFunc) {
	sort.SliceStable(frags, func(i, j int) bool {
		if rank != nil {
			if ri, rj := rank(frags[i]), rank(frags[j]); ri != rj {
				return ri < rj
			}
		}
		return frags[i].Index < frags[j].Index
	})
}

// readOrder is the order in which an EC read tries fragment indexes: by
// rank, then data before parity (a data fragment costs no decoding),
// then index. Indexes without a stored fragment come last; they fail at
// once and only count as missing.
func readOrder(p Policy, mc Metachunk, rank RankFunc) []int {
	width := p.K + p.M
	byIndex := make(map[int]Fragment, len(mc.Fragments))
	for _, f := range mc.Fragments {
		if f.Index >= 0 && f.Index < width {
			byIndex[f.Index] = f
		}
	}
	order := make([]int, width)
	for i := range order {
		order[i] = i
	}
	key := func(i int) int {
		f, ok := byIndex[i]
		switch {
		case !ok:
			return 1 << 30
		case rank == nil:
			return 0
		}
		return rank(f)
	}
	sort.SliceStable(order, func(a, b int) bool {
		ka, kb := key(order[a]), key(order[b])
		if ka != kb {
			return ka < kb
		}
		return order[a] < order[b]
	})
	return order
}
