package conscience

import (
	"fmt"
	"math/rand/v2"
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
