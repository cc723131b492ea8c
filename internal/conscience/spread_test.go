package conscience

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/strata-storage/strata/internal/strata"
)

// volumesTopology builds services laid out as sites x racks x hosts x
// vols, with random scores in 10..100. (TestPlaceSpread covers the
// 2 sites x 2 racks x 3 hosts layout with one or two volumes per host.)
func volumesTopology(rnd *rand.Rand, sites, racks, hosts, vols int) []strata.Service {
	var out []strata.Service
	for s := 0; s < sites; s++ {
		for r := 0; r < racks; r++ {
			for h := 0; h < hosts; h++ {
				for v := 0; v < vols; v++ {
					loc := fmt.Sprintf("site%d.rack%d.host%d-%d-%d.vol%d", s, r, s, r, h, v)
					out = append(out, strata.Service{ID: loc, Type: strata.ServiceBlob, Score: 10 + rnd.IntN(91),
						Location: strata.Location(loc)})
				}
			}
		}
	}
	return out
}

func hostsOf(chosen []strata.Service) map[string]int {
	hosts := map[string]int{}
	for _, s := range chosen {
		hosts[s.Location.Host()]++
	}
	return hosts
}

func maxOf(m map[string]int) int {
	best := 0
	for _, v := range m {
		best = max(best, v)
	}
	return best
}

// TestSpreadWhenHostsRunOut: with fewer hosts than fragments, the write
// still gets all its services, no host holds more than its share
// (EC 4+2 on 4 hosts: at most m=2 per host), and shortfall is reported
// for the improver.
func TestSpreadWhenHostsRunOut(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 5))
	svcs := volumesTopology(rnd, 1, 1, 4, 2) // 4 hosts, 2 volumes each
	for trial := 0; trial < 2000; trial++ {
		chosen, shortfall, err := Place(svcs, 6, SelectOptions{}, rnd)
		if err != nil || len(chosen) != 6 {
			t.Fatalf("EC4+2 on 4 hosts: %v", err)
		}
		hosts := hostsOf(chosen)
		if maxOf(hosts) > 2 || len(hosts) != 4 || !shortfall {
			t.Fatalf("EC4+2 on 4 hosts: per host %v, shortfall %v", hosts, shortfall)
		}
	}
	big := volumesTopology(rnd, 2, 2, 3, 2) // 12 hosts, 24 volumes
	for trial := 0; trial < 500; trial++ {
		chosen, shortfall, err := Place(big, 18, SelectOptions{}, rnd)
		if err != nil {
			t.Fatal(err)
		}
		hosts := hostsOf(chosen)
		if maxOf(hosts) > 2 || len(hosts) != 12 || !shortfall {
			t.Fatalf("18 on 12 hosts: per host %v, shortfall %v", hosts, shortfall)
		}
	}
	if _, _, err := Place(svcs, 9, SelectOptions{}, rnd); !strata.Is(err, strata.NoSpace) {
		t.Fatalf("9 of 8 services: %v, want NoSpace", err)
	}
}

// refRank is the rank of loc against used, from the location strings
// (no interning, no grouping): the rules Place documents.
func refRank(loc strata.Location, used []strata.Location) rank {
	r := rank{dist: 5}
	for _, u := range used {
		d := loc.Distance(u)
		r.dist = min(r.dist, d)
		if d <= 3 {
			r.site++
		}
		if d <= 2 {
			r.rack++
		}
		if d <= 1 {
			r.host++
		}
	}
	return r
}

// TestPlaceRanksHold replays random placements pick by pick: every pick
// must rank best among the services still available, as computed from
// the location strings; shortfall must say whether some pick had to sit
// on a used host; the count and the NoSpace error must match the
// services that qualify.
func TestPlaceRanksHold(t *testing.T) {
	rnd := rand.New(rand.NewPCG(21, 22))
	for trial := range 300 {
		cands := volumesTopology(rnd, 1+rnd.IntN(3), 1+rnd.IntN(3), 1+rnd.IntN(4), 1+rnd.IntN(3))
		for i := range cands {
			if rnd.IntN(8) == 0 {
				cands[i].Score = 0
			}
			if rnd.IntN(2) == 0 {
				cands[i].Tags = map[string]string{"pool": "a"}
			}
		}
		var opts SelectOptions
		for _, s := range cands {
			if rnd.IntN(10) == 0 {
				opts.Avoid = append(opts.Avoid, s.ID)
			}
		}
		if rnd.IntN(3) == 0 {
			opts.Tags = map[string]string{"pool": "a"}
		}
		for range rnd.IntN(3) {
			if rnd.IntN(2) == 0 {
				opts.Near = append(opts.Near, cands[rnd.IntN(len(cands))].Location)
			} else {
				opts.Near = append(opts.Near, strata.Location(fmt.Sprintf("elsewhere%d.r.h.v", rnd.IntN(2))))
			}
		}
		qualifies := func(s strata.Service) bool {
			return s.Score > 0 && !slices.Contains(opts.Avoid, s.ID) && hasTags(s, opts.Tags)
		}
		qualified := 0
		for _, s := range cands {
			if qualifies(s) {
				qualified++
			}
		}
		n := rnd.IntN(len(cands) + 2)
		got, short, err := Place(cands, n, opts, rnd)
		if want := min(n, qualified); len(got) != want || (n > qualified) != strata.Is(err, strata.NoSpace) {
			t.Fatalf("trial %d: %d of %d asked with %d qualifying: got %d, err %v", trial, n, len(cands), qualified, len(got), err)
		}
		used := slices.Clone(opts.Near)
		chosen := map[string]bool{}
		wantShort := false
		for k, c := range got {
			if !qualifies(c) || chosen[c.ID] {
				t.Fatalf("trial %d pick %d: %s does not qualify or was chosen twice", trial, k, c.ID)
			}
			var best rank
			first := true
			for _, s := range cands {
				if qualifies(s) && !chosen[s.ID] {
					if r := refRank(s.Location, used); first || r.better(best) {
						best, first = r, false
					}
				}
			}
			if r := refRank(c.Location, used); r != best {
				t.Fatalf("trial %d pick %d: %s ranks %+v, the best available ranks %+v", trial, k, c.ID, r, best)
			}
			if len(used) > 0 && best.dist <= 1 {
				wantShort = true
			}
			chosen[c.ID] = true
			used = append(used, c.Location)
		}
		if short != wantShort {
			t.Fatalf("trial %d: shortfall %v, want %v", trial, short, wantShort)
		}
	}
}

// TestPlaceOddsWithinHost: a host is drawn by its summed score and then a
// volume of it by its own, which must give each volume its score's share.
func TestPlaceOddsWithinHost(t *testing.T) {
	rnd := rand.New(rand.NewPCG(23, 24))
	cands := []strata.Service{
		{ID: "a1", Location: "s.r.a.v1", Score: 10},
		{ID: "a2", Location: "s.r.a.v2", Score: 30},
		{ID: "b1", Location: "s.r.b.v1", Score: 60},
	}
	checkShares(t, cands, SelectOptions{}, rnd, map[string]float64{"a1": 0.1, "a2": 0.3, "b1": 0.6})
}
