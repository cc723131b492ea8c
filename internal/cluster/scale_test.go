package cluster_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	_ "net/http/pprof"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/cluster"
	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/testenv"
)

// scaleRow is one line of the simulation's table.
type scaleRow struct {
	nodes, gateways                           int
	writesPerSec, eventsPerGwSec, beatsPerSec float64
	digestBytes                               int
	gwStart                                   time.Duration
	failed, dead, gone, scored, placed        time.Duration
	failover, fallback                        time.Duration
	chi2                                      float64
	maxRelErr                                 float64
}

// TestScaleSimulation measures the conscience at several cluster sizes
// on a real etcd member: simulated nodes of 12 volumes heartbeat once a
// second, two candidates contend to publish the score digest and 200
// gateways follow it. The sizes come from STRATA_SCALE_NODES (default
// "10,100"; scripts/scale-sim.sh runs "10,100,1000"), the gateways from
// STRATA_SCALE_GATEWAYS (default 200). The 10 s claims are measured and
// printed; the test only fails past generous deadlines.
func TestScaleSimulation(t *testing.T) {
	testenv.Heavy(t)
	if addr := os.Getenv("STRATA_SCALE_PPROF"); addr != "" {
		// A live profile of the simulation, e.g. its heap while 200
		// gateways start (go tool pprof http://ADDR/debug/pprof/heap).
		go func() { t.Log(http.ListenAndServe(addr, nil)) }()
	}
	sizes := envInts(t, "STRATA_SCALE_NODES", "10,100")
	gws := envInts(t, "STRATA_SCALE_GATEWAYS", "200")[0]
	var rows []scaleRow
	for i, n := range sizes {
		// The placement draw and the fallback are checked once, at the
		// first size: they cost CPU the shared machine lacks.
		t.Run(fmt.Sprintf("nodes=%d", n), func(t *testing.T) { rows = append(rows, simulate(t, n, gws, i == 0)) })
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n| nodes | volumes | gateways | heartbeats/s | etcd writes/s | before: writes/s | watch events/s per gateway | before: events/s per gateway | digest bytes | gateway start | failed volume → 0 | dead node → 0 | dead node forgotten | new node scored | new node placed | publisher failover | fallback sees a failure | chi² (9 df) | max rel. error |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %d | %d | %d | %.1f | %.1f | %d | %.2f | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %.1f | %.3f |\n",
			r.nodes, r.nodes*12, r.gateways, r.beatsPerSec, r.writesPerSec, r.nodes*12, r.eventsPerGwSec, r.nodes*12, r.digestBytes,
			sec(r.gwStart), sec(r.failed), sec(r.dead), sec(r.gone), sec(r.scored), sec(r.placed), sec(r.failover), sec(r.fallback), r.chi2, r.maxRelErr)
	}
	t.Log(b.String())
}

func sec(d time.Duration) string {
	if d == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

func envInts(t *testing.T, name, def string) []int {
	v := os.Getenv(name)
	if v == "" {
		v = def
	}
	var out []int
	for _, f := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			t.Fatalf("%s=%q: want positive integers separated by commas", name, v)
		}
		out = append(out, n)
	}
	return out
}

func simulate(t *testing.T, nodes, gateways int, full bool) scaleRow {
	row := scaleRow{nodes: nodes, gateways: gateways}
	began := time.Now()
	simBegan = began
	defer func() {
		t.Logf("[%v] simulated %d nodes in %v", time.Since(simBegan).Round(time.Millisecond), nodes, time.Since(began))
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := newSim(t, ctx, startEtcd(t))
	s.addNodes(nodes)
	s.beat(ctx)
	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	go s.run(runCtx)

	t.Logf("[%v] etcd and %d nodes up after %v", time.Since(simBegan).Round(time.Millisecond), nodes, time.Since(began))
	pubs := []*cluster.Registry{s.registry(0, true, "pub0"), s.registry(1, true, "pub1")}
	await(t, "first digest", time.Now(), func() bool { return pubs[0].Counters().Published+pubs[1].Counters().Published > 0 })
	t.Logf("[%v] first digest after %v", time.Since(simBegan).Round(time.Millisecond), time.Since(began))
	start := time.Now()
	s.addGateways(gateways)
	row.gwStart = time.Since(start)
	t.Logf("[%v] %d gateways up after %v, %d fallback polls", time.Since(simBegan).Round(time.Millisecond), gateways, row.gwStart, gatewayPolls(s))
	await(t, "every gateway scores every node", time.Now(), func() bool {
		return s.everyGateway(func(g *cluster.Registry) bool {
			for _, n := range s.nodes {
				if sc, _ := g.Local().ScoreOf(n.svcs[0].ID); sc == 0 {
					return false
				}
			}
			return true
		})
	})

	t.Logf("[%v] every gateway scores every node after %v", time.Since(simBegan).Round(time.Millisecond), time.Since(began))
	// Steady state: count etcd writes and watch events over a window.
	time.Sleep(2 * time.Second)
	window := 5 * time.Second
	if nodes >= 1000 {
		window = 10 * time.Second
	}
	w0, e0, h0, t0 := etcdWrites(t), gatewayEvents(s), s.heartbeats(), time.Now()
	time.Sleep(window)
	w1, e1, h1, el := etcdWrites(t), gatewayEvents(s), s.heartbeats(), time.Since(t0).Seconds()
	row.writesPerSec = (w1 - w0) / el
	row.beatsPerSec = float64(h1-h0) / el
	row.eventsPerGwSec = float64(e1-e0) / el / float64(gateways)
	if resp, err := s.cli(0).Get(ctx, cluster.DigestKey); err == nil && len(resp.Kvs) == 1 {
		row.digestBytes = len(resp.Kvs[0].Value)
	}
	t.Logf("[%v] %d nodes: %.1f heartbeats/s, %.1f etcd writes/s, %.2f watch events/s per gateway, digest %d bytes", time.Since(simBegan).Round(time.Millisecond), nodes, row.beatsPerSec, row.writesPerSec, row.eventsPerGwSec, row.digestBytes)

	events(t, s, &row)
	checkScores(t, s)
	if full {
		row.chi2, row.maxRelErr = checkProportions(t, s)
	}
	failover(t, s, pubs, &row, full)
	return row
}

var simBegan time.Time

// gatewayPolls is how many times the gateways read every stats record
// themselves because no usable digest had come.
func gatewayPolls(s *sim) int64 {
	var n int64
	for _, g := range s.gws {
		n += g.Counters().Polls
	}
	return n
}

func gatewayEvents(s *sim) int64 {
	var n int64
	for _, g := range s.gws {
		n += g.Counters().WatchEvents
	}
	return n
}

// events fails one volume, kills one node and adds one, all at once, and
// times how long every gateway takes to see each.
func events(t *testing.T, s *sim, row *scaleRow) {
	nodes := len(s.nodes)
	failing, dying := s.nodes[nodes/3], s.nodes[2*nodes/3]
	t0 := time.Now()
	failing.mu.Lock()
	failing.failed[failing.svcs[5].ID] = true
	failing.mu.Unlock()
	dying.mu.Lock()
	dying.dead = true
	dying.mu.Unlock()
	dying.hb.StopKeepAlive()
	fresh := s.addNodes(1)[0]
	if svcs, ok := fresh.services(); ok {
		fresh.hb.Beat(s.ctx, svcs) // a node's first heartbeat goes out as it starts
	}
	// The placement probe draws in its own goroutine, so that its cost at
	// 12,000 volumes does not coarsen the other timings.
	gw0 := s.gws[0]
	var placedAt atomic.Int64
	probeCtx, stopProbe := context.WithCancel(s.ctx)
	defer stopProbe()
	go func() {
		for probeCtx.Err() == nil {
			// Enough draws that a node with 1/N of the volumes is hit
			// about once per round when it is placeable: "placed"
			// measures when it becomes so, not the luck of the draw.
			for range 50 * max(1, nodes/100) {
				got, _, err := gw0.Select(probeCtx, strata.ServiceBlob, 3, conscience.SelectOptions{})
				if err != nil {
					return
				}
				if strings.HasPrefix(got[0].ID, fresh.name) || strings.HasPrefix(got[1].ID, fresh.name) || strings.HasPrefix(got[2].ID, fresh.name) {
					placedAt.Store(int64(time.Since(t0)))
					return
				}
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	for row.failed == 0 || row.dead == 0 || row.gone == 0 || row.scored == 0 || row.placed == 0 {
		if time.Since(t0) > 90*time.Second {
			t.Fatalf("after 90 s: failed %v, dead %v, gone %v, new scored %v, new placed %v", row.failed, row.dead, row.gone, row.scored, row.placed)
		}
		if row.failed == 0 && s.everyGateway(func(g *cluster.Registry) bool { sc, _ := g.Local().ScoreOf(failing.svcs[5].ID); return sc == 0 }) {
			row.failed = time.Since(t0)
		}
		if row.dead == 0 && s.everyGateway(func(g *cluster.Registry) bool { return scoredZero(g, dying) }) {
			row.dead = time.Since(t0)
		}
		if row.gone == 0 && s.everyGateway(func(g *cluster.Registry) bool { _, ok := g.Local().ScoreOf(dying.svcs[0].ID); return !ok }) {
			row.gone = time.Since(t0)
		}
		if row.scored == 0 && s.everyGateway(func(g *cluster.Registry) bool { sc, _ := g.Local().ScoreOf(fresh.svcs[0].ID); return sc > 0 }) {
			row.scored = time.Since(t0)
		}
		row.placed = time.Duration(placedAt.Load())
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("[%v] failed volume scored 0 everywhere after %v; dead node scored 0 after %v, forgotten after %v; new node scored everywhere after %v, placed after %v", time.Since(simBegan).Round(time.Millisecond),
		row.failed, row.dead, row.gone, row.scored, row.placed)
}

func scoredZero(g *cluster.Registry, n *simNode) bool {
	for _, s := range n.svcs {
		if sc, _ := g.Local().ScoreOf(s.ID); sc != 0 {
			return false
		}
	}
	return true
}

// checkScores: the scores a gateway got from the digest are the formula's
// on the simulated stats, for every live volume.
func checkScores(t *testing.T, s *sim) {
	f, _ := conscience.ParseFormula(conscience.DefaultFormula)
	for _, g := range []*cluster.Registry{s.gws[0], s.gws[len(s.gws)-1]} {
		for i, n := range s.nodes {
			svcs, ok := n.services()
			if !ok {
				continue
			}
			for v, sv := range svcs {
				want := conscience.Rate(f, sv.Stats)
				if sv.Stats.Extra == nil && want != conscience.Rate(f, simStats(i, v)) {
					t.Fatalf("simulated stats of %s changed", sv.ID)
				}
				if got, _ := g.Local().ScoreOf(sv.ID); got != want {
					t.Fatalf("%s scored %d on a gateway, the formula says %d", sv.ID, got, want)
				}
			}
		}
	}
}

// checkProportions draws 100,000 single placements over the first four
// nodes' volumes as the gateway scores them and compares the picks per
// score decile with the scores' shares. The draw is seeded, so the test
// cannot flake; the bound is 10% relative per decile (about 10 sigma).
func checkProportions(t *testing.T, s *sim) (chi2, maxRel float64) {
	all, _ := s.gws[0].Services(s.ctx, strata.ServiceBlob)
	var cands []strata.Service
	for _, sv := range all {
		for _, n := range s.nodes[:min(4, len(s.nodes))] {
			if strings.HasPrefix(sv.ID, n.name+"-") {
				cands = append(cands, sv)
			}
		}
	}
	const picks = 100_000
	rnd := rand.New(rand.NewPCG(14, 4))
	var got, want [10]float64
	total := 0
	for _, sv := range cands {
		total += sv.Score
	}
	for _, sv := range cands {
		want[min(9, sv.Score/10)] += picks * float64(sv.Score) / float64(total)
	}
	for range picks {
		c, _, err := conscience.Place(cands, 1, conscience.SelectOptions{}, rnd)
		if err != nil {
			t.Fatal(err)
		}
		got[min(9, c[0].Score/10)]++
	}
	df := 0
	for i := range got {
		if want[i] == 0 {
			if got[i] != 0 {
				t.Fatalf("decile %d: %v picks of services scored 0", i, got[i])
			}
			continue
		}
		df++
		chi2 += (got[i] - want[i]) * (got[i] - want[i]) / want[i]
		rel := math.Abs(got[i]-want[i]) / want[i]
		if want[i] >= 2000 {
			maxRel = max(maxRel, rel)
			if rel > 0.10 {
				t.Errorf("score decile %d: %v picks, want %.0f", i, got[i], want[i])
			}
		}
	}
	t.Logf("[%v] 100,000 picks over %d volumes: chi² %.1f over %d deciles, max relative error %.3f", time.Since(simBegan).Round(time.Millisecond), len(cands), chi2, df, maxRel)
	return chi2, maxRel
}

// failover closes the publishing candidate and times the other taking
// over; then, for small clusters, closes it too and times the gateways'
// fallback (reading the stats records themselves) noticing a failure.
func failover(t *testing.T, s *sim, pubs []*cluster.Registry, row *scaleRow, fallback bool) {
	lead, other := pubs[0], pubs[1]
	p0, p1 := lead.Counters().Published, other.Counters().Published
	time.Sleep(1500 * time.Millisecond)
	if other.Counters().Published > p1 && lead.Counters().Published == p0 {
		lead, other = other, lead
	}
	t0 := time.Now()
	lead.Close()
	t.Logf("[%v] closed the publisher in %v", time.Since(simBegan).Round(time.Millisecond), time.Since(t0))
	before := other.Counters().Published
	row.failover = await(t, "the other candidate publishes", t0, func() bool { return other.Counters().Published > before })
	if !fallback {
		return
	}
	// Twenty gateways are enough to show the fallback; every gateway
	// reading every stats record each period is the cost the digest
	// avoids, and too much for the shared machine at 200.
	for _, g := range s.gws[20:] {
		g.Close()
	}
	s.gws = s.gws[:20]
	other.Close()
	n := s.nodes[1]
	t0 = time.Now()
	n.mu.Lock()
	n.failed[n.svcs[7].ID] = true
	n.mu.Unlock()
	// The failed volume must score 0 while its neighbour keeps its score
	// past the expiry: only reading the stats records can do both.
	row.fallback = await(t, "gateways without a digest see a failure", t0, func() bool {
		return s.everyGateway(func(g *cluster.Registry) bool { sc, _ := g.Local().ScoreOf(n.svcs[7].ID); return sc == 0 })
	})
	time.Sleep(simExpiry + 2*time.Second)
	if !s.everyGateway(func(g *cluster.Registry) bool { sc, _ := g.Local().ScoreOf(n.svcs[6].ID); return sc > 0 }) {
		t.Fatal("without a digest, a live volume expired on some gateway: the fallback does not read the stats records")
	}
	if s.gws[0].Counters().Polls == 0 {
		t.Fatal("gateways saw the failure without reading the stats records")
	}
	t.Logf("[%v] publisher failover after %v; without a publisher, gateways saw a failure after %v", time.Since(simBegan).Round(time.Millisecond), row.failover, row.fallback)
}
