package cli

import (
	"slices"
	"strings"
	"testing"
)

// TestLocalPlanVolumePools: volume i of every node gets pool i mod n, and
// a bad pool name is refused before anything starts.
func TestLocalPlanVolumePools(t *testing.T) {
	p := localPlan{nodes: 2, meta: 1, volumes: 4, racks: 1, sites: 1, basePort: 9000, dir: t.TempDir(), ipBase: "127.0.0.11",
		volumePools: []string{"ssd", "hdd", "archive"}}
	if err := p.validate(); err != nil {
		t.Fatal(err)
	}
	for _, n := range p.plan().Nodes {
		var pools []string
		for i, a := range n.Args {
			if a == "--volume" {
				_, pool, _ := strings.Cut(n.Args[i+1], ":pool=")
				pools = append(pools, pool)
			}
		}
		if !slices.Equal(pools, []string{"ssd", "hdd", "archive", "ssd"}) {
			t.Fatalf("%s: volume pools %v", n.Name, pools)
		}
		if strings.Contains(strings.Join(n.Volumes, ","), "pool=") {
			t.Fatalf("%s: cluster.json volumes must be plain folders: %v", n.Name, n.Volumes)
		}
	}
	p.volumePools = []string{"bad pool"}
	if err := p.validate(); err == nil {
		t.Fatal("a pool name with a space was accepted")
	}
}
