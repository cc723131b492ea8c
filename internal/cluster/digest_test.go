package cluster

import (
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/strata"
)

// digestRegistry is a Registry with two described nodes and no etcd: the
// digest is built and applied in memory.
func digestRegistry(t testing.TB) (*Registry, map[string]*statsRec) {
	local, err := conscience.NewLocal(conscience.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	r := &Registry{local: local, log: slog.New(slog.DiscardHandler), opts: defaultOptions(), expiry: 8 * time.Second,
		descs: map[string]nodeDesc{}, polled: map[string]int64{}}
	recs := map[string]*statsRec{}
	for n := range 2 {
		node := fmt.Sprintf("n%d", n)
		var svcs []strata.Service
		st := map[string]strata.Stats{}
		for v := range 3 {
			s := strata.Service{ID: fmt.Sprintf("%s-v%d", node, v), Type: strata.ServiceBlob,
				Location: strata.Location(fmt.Sprintf("dc1.r1.%s.v%d", node, v)), Stats: strata.Stats{TotalBytes: 1 << 40}}
			svcs = append(svcs, s)
			st[s.ID] = strata.Stats{CPUIdle: 100, IOIdle: 100, SpaceFree: float64(10 + 30*v), TotalBytes: 1 << 40}
		}
		r.descs[node] = nodeDesc{rev: int64(10 + n), svcs: svcs}
		recs[node] = &statsRec{rev: 1, seen: time.Now(), stats: st}
	}
	return r, recs
}

// TestDigestRoundTrip: the scores a follower applies from a digest are
// the formula's on the publisher's stats; a failed service and a silent
// node score 0; a node described at another revision keeps its scores.
func TestDigestRoundTrip(t *testing.T) {
	r, recs := digestRegistry(t)
	recs["n0"].stats["n0-v2"] = strata.Stats{CPUIdle: 100, IOIdle: 100, SpaceFree: 90, Extra: map[string]float64{conscience.FailedMetric: 1}}
	recs["n1"].seen = time.Now().Add(-time.Minute)
	r.applyDigest(r.buildDigest(recs, time.Now()))
	f, _ := conscience.ParseFormula(conscience.DefaultFormula)
	for id, want := range map[string]int{
		"n0-v0": conscience.Rate(f, recs["n0"].stats["n0-v0"]), "n0-v1": conscience.Rate(f, recs["n0"].stats["n0-v1"]),
		"n0-v2": 0, "n1-v0": 0, "n1-v2": 0,
	} {
		if got, ok := r.local.ScoreOf(id); !ok || got != want {
			t.Errorf("%s scored %d (known %v), want %d", id, got, ok, want)
		}
	}
	if got, _ := r.local.ScoreOf("n0-v0"); got == 0 {
		t.Fatal("a live volume scored 0")
	}
	if r.lastDigest.IsZero() {
		t.Fatal("an applied digest did not count as fresh")
	}
	// A digest of another formula is ignored, so the fallback takes over.
	r2, recs2 := digestRegistry(t)
	b := r2.buildDigest(recs2, time.Now())
	r2.local.SetFormula("cpu")
	r2.applyDigest(b)
	if !r2.lastDigest.IsZero() {
		t.Fatal("a digest computed with another formula was applied")
	}
}

// TestDigestStalledPublisher: a publisher that has received no stats for
// longer than the silence delay (its watch fell behind) does not score
// every node 0; a node silent against the newest record still scores 0.
func TestDigestStalledPublisher(t *testing.T) {
	r, recs := digestRegistry(t)
	now := time.Now()
	recs["n0"].seen = now.Add(-20 * time.Second) // the newest record, 20 s ago
	recs["n1"].seen = now.Add(-30 * time.Second) // 10 s older than that
	r.applyDigest(r.buildDigest(recs, now))
	if got, _ := r.local.ScoreOf("n0-v0"); got == 0 {
		t.Fatal("a stalled publisher scored the node of its newest record 0")
	}
	if got, _ := r.local.ScoreOf("n1-v0"); got != 0 {
		t.Fatalf("a node silent 10 s longer than the others scored %d, want 0", got)
	}
	recs["n1"].seen = now.Add(-21 * time.Second)
	r.applyDigest(r.buildDigest(recs, now))
	if got, _ := r.local.ScoreOf("n1-v0"); got == 0 {
		t.Fatal("a stalled publisher scored a node 0 that beat 1 s before the newest record")
	}
}

// FuzzApplyDigest: whatever the digest key holds, applying it never
// panics.
func FuzzApplyDigest(f *testing.F) {
	r, recs := digestRegistry(f)
	f.Add(r.buildDigest(recs, time.Now()))
	f.Add([]byte(`{"formula":"root(3, cpu * io * space)","nodes":[{"n":"n0","r":10,"s":"AQID","f":""}]}`))
	f.Add([]byte(`{"nodes":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, _ := digestRegistry(t)
		r.applyDigest(b)
	})
}
