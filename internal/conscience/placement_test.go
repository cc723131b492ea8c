package conscience

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/strata-storage/strata/internal/strata"
)

// topology builds sites × racks × hosts services with 1 or 2 volumes per
// host (at random) and random scores in 1..100.
func topology(rnd *rand.Rand, sites, racks, hosts int) []strata.Service {
	var out []strata.Service
	for s := range sites {
		for r := range racks {
			for h := range hosts {
				for v := range 1 + rnd.IntN(2) {
					loc := fmt.Sprintf("s%d.r%d.h%d.v%d", s, r, h, v)
					out = append(out, strata.Service{ID: loc, Type: strata.ServiceBlob,
						Location: strata.Location(loc), Score: 1 + rnd.IntN(100)})
				}
			}
		}
	}
	return out
}

// spread counts the picks per site, rack and host.
func spread(picks []strata.Service) (sites, racks, hosts map[string]int) {
	sites, racks, hosts = map[string]int{}, map[string]int{}, map[string]int{}
	for _, s := range picks {
		p := s.Location.Parts()
		sites[p[0]]++
		racks[p[0]+"."+p[1]]++
		hosts[s.Location.Host()]++
	}
	return sites, racks, hosts
}

func TestPlaceSpread(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for trial := range 3000 {
		cands := topology(rnd, 2, 2, 3) // 12 hosts, 12..24 volumes
		for _, n := range []int{1, 2, 3, 4, 6, 12} {
			got, short, err := Place(cands, n, SelectOptions{}, rnd)
			if err != nil || short || len(got) != n {
				t.Fatalf("trial %d n=%d: %d picks, err %v, shortfall %v", trial, n, len(got), err, short)
			}
			sites, racks, hosts := spread(got)
			if len(hosts) != n {
				t.Fatalf("trial %d n=%d: two picks share a host: %v", trial, n, hosts)
			}
			// Sites first, then racks, evenly: n=3 uses 2 sites and 3
			// racks; n=6 puts 3 per site and 1 or 2 per rack.
			if want := min(n, 2); len(sites) != want {
				t.Fatalf("trial %d n=%d: %d sites, want %d", trial, n, len(sites), want)
			}
			if want := min(n, 4); len(racks) != want {
				t.Fatalf("trial %d n=%d: %d racks, want %d", trial, n, len(racks), want)
			}
			for site, c := range sites {
				if c > (n+1)/2 {
					t.Fatalf("trial %d n=%d: %d picks on site %s", trial, n, c, site)
				}
			}
		}
	}
}

func TestPlaceShortfallAndNoSpace(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	cands := topology(rnd, 2, 2, 3)
	for len(cands) < 13 { // need at least 13 volumes on 12 hosts
		cands = topology(rnd, 2, 2, 3)
	}
	got, short, err := Place(cands, 13, SelectOptions{}, rnd)
	if err != nil || !short || len(got) != 13 {
		t.Fatalf("13 picks on 12 hosts: %d picks, err %v, shortfall %v", len(got), err, short)
	}
	if _, _, hosts := spread(got); len(hosts) != 12 {
		t.Fatalf("13 picks used %d hosts, want all 12", len(hosts))
	}
	got, _, err = Place(cands, len(cands)+1, SelectOptions{}, rnd)
	if !strata.Is(err, strata.NoSpace) || len(got) != len(cands) {
		t.Fatalf("%d of %d: %d picks, err %v", len(cands)+1, len(cands), len(got), err)
	}
	if _, _, err := Place(cands, -1, SelectOptions{}, rnd); !strata.Is(err, strata.Invalid) {
		t.Fatalf("n=-1: %v", err)
	}
	if got, _, err := Place(nil, 0, SelectOptions{}, rnd); err != nil || len(got) != 0 {
		t.Fatalf("n=0: %v %v", got, err)
	}
}

func TestPlaceFilters(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	cands := []strata.Service{
		{ID: "zero", Location: "a.r.h1.v", Score: 0},
		{ID: "hdd", Location: "a.r.h2.v", Score: 50, Tags: map[string]string{"media": "hdd"}},
		{ID: "ssd", Location: "a.r.h3.v", Score: 50, Tags: map[string]string{"media": "ssd", "zone": "x"}},
		{ID: "avoided", Location: "a.r.h4.v", Score: 50, Tags: map[string]string{"media": "ssd"}},
		{ID: "ssd2", Location: "a.r.h5.v", Score: 50, Tags: map[string]string{"media": "ssd"}},
	}
	opts := SelectOptions{Tags: map[string]string{"media": "ssd"}, Avoid: []string{"avoided"}}
	for range 1000 {
		got, _, err := Place(cands, 2, opts, rnd)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range got {
			if s.ID != "ssd" && s.ID != "ssd2" {
				t.Fatalf("chose %s", s.ID)
			}
		}
	}
	got, _, err := Place(cands, 3, opts, rnd)
	if !strata.Is(err, strata.NoSpace) || len(got) != 2 {
		t.Fatalf("3 of 2 qualifying: %v, %v", got, err)
	}
	// A tag that must be present matches only services that have it,
	// even when the wanted value is "".
	if got, _, _ := Place(cands, 5, SelectOptions{Tags: map[string]string{"zone": ""}}, rnd); len(got) != 0 {
		t.Fatalf("empty tag value matched %v", got)
	}
}

func TestPlaceNear(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	cands := topology(rnd, 2, 2, 3)
	near := []strata.Location{"s0.r0.h0.v0", "s1.r0.h0.v0"}
	for range 1000 {
		got, short, err := Place(cands, 2, SelectOptions{Near: near}, rnd)
		if err != nil || short {
			t.Fatal(err, short)
		}
		for _, s := range got {
			if s.Location.Parts()[1] != "r1" {
				t.Fatalf("picked %s; free racks remain", s.Location)
			}
		}
	}
	// Rebuild on a single host: the only candidate shares the host of a
	// surviving copy, which is a shortfall, not a failure.
	one := []strata.Service{{ID: "b", Location: "s.r.h.b", Score: 10}}
	got, short, err := Place(one, 1, SelectOptions{Near: []strata.Location{"s.r.h.a"}}, rnd)
	if err != nil || !short || len(got) != 1 {
		t.Fatalf("single host: %v %v %v", got, short, err)
	}
}

// TestPlaceProportional checks that picks follow scores: 20, 40 and 80
// should get 1/7, 2/7 and 4/7 of the picks. It also checks that distance
// beats score: with a copy already on site s0, the score-100 service
// there is never picked while site s1 has room.
func TestPlaceProportional(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	cands := []strata.Service{
		{ID: "a", Location: "s1.r0.h0.v", Score: 20},
		{ID: "b", Location: "s1.r1.h0.v", Score: 40},
		{ID: "c", Location: "s1.r0.h1.v", Score: 80},
		{ID: "d", Location: "s1.r0.h2.v", Score: 0},
		{ID: "near", Location: "s0.r0.h1.v", Score: 100},
	}
	opts := SelectOptions{Near: []strata.Location{"s0.r0.h0.v"}}
	checkShares(t, cands, opts, rnd, map[string]float64{"a": 20.0 / 140, "b": 40.0 / 140, "c": 80.0 / 140})
}

// checkShares draws single picks among cands 100,000 times and checks
// that each ID's share is within 3% of want; an ID outside want must
// never be drawn.
func checkShares(t *testing.T, cands []strata.Service, opts SelectOptions, rnd *rand.Rand, want map[string]float64) {
	t.Helper()
	count := map[string]int{}
	const trials = 100_000
	for range trials {
		got, _, err := Place(cands, 1, opts, rnd)
		if err != nil {
			t.Fatal(err)
		}
		count[got[0].ID]++
	}
	for id, n := range count {
		if _, ok := want[id]; !ok {
			t.Fatalf("picked %s %d times: it should never be (%v)", id, n, count)
		}
	}
	for id, share := range want {
		got := float64(count[id]) / trials
		if rel := math.Abs(got-share) / share; rel > 0.03 {
			t.Errorf("%s: share %.4f, want %.4f (off by %.1f%%)", id, got, share, 100*rel)
		}
		t.Logf("%s: share %.4f, expected %.4f (%+.2f%%)", id, got, share, 100*(got-share)/share)
	}
}
