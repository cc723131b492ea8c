package conscience

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

func TestFormula(t *testing.T) {
	for src, want := range map[string]float64{
		"root(3, cpu * io * space)": 50, "1 + 2 * 3": 7, "-2 ^ 2": -4, "2 ^ 3 ^ 2": 512,
		"min(cpu, io, 10)": 10, "clamp(space * 2, 0, 100)": 100, "(cpu + io) / 2": 50, "sqrt(io) * 0 + abs(-3)": 3,
	} {
		f, err := ParseFormula(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		got, err := f.Eval(map[string]float64{"cpu": 50, "io": 50, "space": 50})
		if err != nil || math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v (%v), want %v", src, got, err, want)
		}
	}
	for _, bad := range []string{"", "1 +", "foo(1)", "root(1)", "(1", "1 $ 2", "cpu cpu"} {
		if _, err := ParseFormula(bad); !strata.Is(err, strata.Invalid) {
			t.Errorf("%q: want Invalid, got %v", bad, err)
		}
	}
	f, _ := ParseFormula("nosuch + 1")
	if f.Score(strata.Stats{}) != 0 {
		t.Error("unknown metric must score 0")
	}
}

func FuzzParseFormula(f *testing.F) {
	for _, s := range []string{DefaultFormula, "1+2*3", "min(cpu,io)", "-(-(1))^2", "clamp(x,0,1)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if fm, err := ParseFormula(src); err == nil {
			fm.Score(strata.Stats{CPUIdle: 10, IOIdle: 20, SpaceFree: 30})
		}
	})
}

// topology builds sites × racks × hosts × volumes services.
func topology(sites, racks, hosts, vols, score int) []strata.Service {
	var out []strata.Service
	for s := 0; s < sites; s++ {
		for r := 0; r < racks; r++ {
			for h := 0; h < hosts; h++ {
				for v := 0; v < vols; v++ {
					id := fmt.Sprintf("s%d.r%d.h%d.v%d", s, r, h, v)
					out = append(out, strata.Service{ID: id, Type: strata.ServiceBlob, Location: strata.Location(id), Score: score})
				}
			}
		}
	}
	return out
}

func TestPlaceDistinctHosts(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	cands := topology(2, 2, 3, 2, 50)
	for _, n := range []int{3, 6, 12} {
		for trial := 0; trial < 2000; trial++ {
			got, short, err := Place(cands, n, SelectOptions{}, rnd)
			if err != nil || short {
				t.Fatalf("n=%d: err %v shortfall %v", n, err, short)
			}
			hosts := map[string]bool{}
			sites := map[string]int{}
			for _, s := range got {
				if hosts[s.Location.Host()] {
					t.Fatalf("n=%d: two picks on host %s", n, s.Location.Host())
				}
				hosts[s.Location.Host()] = true
				sites[s.Location.Parts()[0]]++
			}
			if n >= 2 && len(sites) != 2 {
				t.Fatalf("n=%d: picks on %d sites", n, len(sites))
			}
		}
	}
	// 13 picks over 12 hosts: must share, and say so.
	_, short, err := Place(cands, 13, SelectOptions{}, rnd)
	if err != nil || !short {
		t.Fatalf("13 picks: err %v shortfall %v", err, short)
	}
	if _, _, err := Place(cands, 25, SelectOptions{}, rnd); !strata.Is(err, strata.NoSpace) {
		t.Fatalf("25 picks of 24: %v", err)
	}
}

func TestPlaceProportional(t *testing.T) {
	rnd := rand.New(rand.NewSource(2))
	cands := []strata.Service{
		{ID: "a", Location: "s.r.h.a", Score: 20}, {ID: "b", Location: "s.r.h.b", Score: 40},
		{ID: "c", Location: "s.r.h.c", Score: 80}, {ID: "d", Location: "s.r.h.d", Score: 0},
	}
	count := map[string]int{}
	const trials = 100000
	for i := 0; i < trials; i++ {
		got, _, err := Place(cands, 1, SelectOptions{}, rnd)
		if err != nil {
			t.Fatal(err)
		}
		count[got[0].ID]++
	}
	for id, score := range map[string]float64{"a": 20, "b": 40, "c": 80} {
		want := score / 140
		got := float64(count[id]) / trials
		if math.Abs(got-want) > 0.01 {
			t.Errorf("%s: share %.3f, want %.3f", id, got, want)
		}
	}
	if count["d"] != 0 {
		t.Error("score 0 chosen")
	}
	t.Logf("shares over %d picks: a(20)=%.3f b(40)=%.3f c(80)=%.3f", trials,
		float64(count["a"])/trials, float64(count["b"])/trials, float64(count["c"])/trials)
}

func TestLocalExpiryAndLocks(t *testing.T) {
	now := time.Unix(1000, 0)
	cfg := DefaultConfig()
	cfg.Now = func() time.Time { return now }
	l, err := NewLocal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st := strata.Stats{CPUIdle: 100, IOIdle: 100, SpaceFree: 100}
	l.Register(ctx, strata.Service{ID: "v1", Type: strata.ServiceBlob, Location: "a.b.c.v1", Stats: st})
	l.Register(ctx, strata.Service{ID: "v2", Type: strata.ServiceBlob, Location: "a.b.d.v2", Stats: st})
	svcs, _ := l.Services(ctx, strata.ServiceBlob)
	if svcs[0].Score != 100 || svcs[1].Score != 100 {
		t.Fatalf("scores %d %d", svcs[0].Score, svcs[1].Score)
	}
	l.Lock(ctx, "v1", 0)
	for i := 0; i < 100; i++ {
		got, _, _ := l.Select(ctx, strata.ServiceBlob, 1, SelectOptions{})
		if got[0].ID == "v1" {
			t.Fatal("locked service chosen")
		}
	}
	l.Unlock(ctx, "v1")
	now = now.Add(11 * time.Second)
	l.Register(ctx, strata.Service{ID: "v2", Type: strata.ServiceBlob, Location: "a.b.d.v2", Stats: st})
	svcs, _ = l.Services(ctx, strata.ServiceBlob)
	if svcs[0].Score != 0 || svcs[1].Score != 100 {
		t.Fatalf("after expiry: v1=%d v2=%d", svcs[0].Score, svcs[1].Score)
	}
}
