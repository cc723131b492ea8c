package cluster_test

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/strata-storage/strata/internal/cluster"
	"github.com/strata-storage/strata/internal/conscience"
	metaetcd "github.com/strata-storage/strata/internal/meta/etcd"
	"github.com/strata-storage/strata/internal/strata"
)

// The simulation: a real embedded etcd member, simulated nodes that
// heartbeat simulated stats through real Heartbeaters, digest publishers
// and gateways that are real Registries (a watcher and a scorer each).

const (
	simVolumes = 12
	simExpiry  = 8 * time.Second // as a clustered server configures it
)

type simNode struct {
	name string
	hb   *cluster.Heartbeater

	mu     sync.Mutex
	svcs   []strata.Service
	failed map[string]bool
	dead   bool
}

func (n *simNode) services() ([]strata.Service, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.dead {
		return nil, false
	}
	out := make([]strata.Service, len(n.svcs))
	for i, s := range n.svcs {
		if n.failed[s.ID] {
			s.Stats.Extra = map[string]float64{conscience.FailedMetric: 1}
		}
		out[i] = s
	}
	return out, true
}

// simStats gives every volume a fixed, distinct fullness, so that scores
// spread over 1..100 and stay put while picks are counted.
func simStats(node, vol int) strata.Stats {
	const total = 20 << 40
	free := 2 + float64((node*simVolumes+vol)*37%97)
	return strata.Stats{CPUIdle: 100, IOIdle: 100, SpaceFree: free, TotalBytes: total, FreeBytes: int64(free / 100 * total)}
}

func newSimNode(cli *clientv3.Client, i int) *simNode {
	n := &simNode{name: fmt.Sprintf("node%04d", i), failed: map[string]bool{}}
	n.hb = cluster.NewHeartbeater(cli, n.name, cluster.LeaseTTL, nil)
	for v := range simVolumes {
		n.svcs = append(n.svcs, strata.Service{
			ID: fmt.Sprintf("%s-v%02d", n.name, v), Type: strata.ServiceBlob,
			Addr:     fmt.Sprintf("10.%d.%d.%d:6000", i/65536, i/256%256, i%256),
			Location: strata.Location(fmt.Sprintf("dc%d.r%02d.%s.v%02d", i%3, i%40, n.name, v)),
			Tags:     map[string]string{"pool": fmt.Sprintf("p%d", i%2)},
			Stats:    simStats(i, v),
		})
	}
	return n
}

type sim struct {
	t     *testing.T
	ctx   context.Context
	clis  []*clientv3.Client
	mu    sync.Mutex
	nodes []*simNode
	pubs  []*cluster.Registry
	gws   []*cluster.Registry
}

// startEtcd starts a one-member metadata cluster in the test's folder.
func startEtcd(t *testing.T) string {
	t.Helper()
	url, _ := startEtcdMember(t)
	return url
}

// startEtcdMember is startEtcd that also returns the member, for a test
// that stops it.
func startEtcdMember(t *testing.T) (string, *metaetcd.Member) {
	t.Helper()
	port := func() int {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		return ln.Addr().(*net.TCPAddr).Port
	}
	cfg := metaetcd.MemberConfig{Name: "sim", Dir: t.TempDir(), Token: t.Name(),
		PeerURL: fmt.Sprintf("http://127.0.0.1:%d", port()), ClientURL: fmt.Sprintf("http://127.0.0.1:%d", port()),
		Logger: slog.New(slog.DiscardHandler)}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	m, err := metaetcd.StartMember(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return cfg.ClientURL, m
}

// newSim dials a few shared clients: simulated nodes and gateways share
// connections as many processes would share the member's CPU.
func newSim(t *testing.T, ctx context.Context, endpoint string) *sim {
	s := &sim{t: t, ctx: ctx}
	for range 4 {
		cli, err := metaetcd.NewClient([]string{endpoint})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cli.Close() })
		s.clis = append(s.clis, cli)
	}
	return s
}

// heartbeats is how many heartbeat transactions the nodes committed.
func (s *sim) heartbeats() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n int64
	for _, sn := range s.nodes {
		n += sn.hb.Writes()
	}
	return n
}

func (s *sim) cli(i int) *clientv3.Client { return s.clis[i%len(s.clis)] }

// addNodes adds simulated nodes numbered from the current count.
func (s *sim) addNodes(n int) []*simNode {
	s.mu.Lock()
	defer s.mu.Unlock()
	var added []*simNode
	for range n {
		i := len(s.nodes)
		sn := newSimNode(s.cli(i), i)
		s.nodes = append(s.nodes, sn)
		added = append(added, sn)
	}
	return added
}

// beat runs one heartbeat round over every live node, 16 at a time.
func (s *sim) beat(ctx context.Context) {
	s.mu.Lock()
	nodes := append([]*simNode(nil), s.nodes...)
	s.mu.Unlock()
	work := make(chan *simNode)
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range work {
				if svcs, ok := n.services(); ok {
					bctx, cancel := context.WithTimeout(ctx, 3*time.Second)
					if err := n.hb.Beat(bctx, svcs); err != nil && ctx.Err() == nil {
						s.t.Logf("beat %s: %v", n.name, err)
					}
					cancel()
				}
			}
		}()
	}
	for _, n := range nodes {
		work <- n
	}
	close(work)
	wg.Wait()
}

// run heartbeats every second until ctx ends.
func (s *sim) run(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		s.beat(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *sim) registry(i int, candidate bool, name string) *cluster.Registry {
	s.t.Helper()
	cfg := conscience.DefaultConfig()
	cfg.Expiry, cfg.Logger = simExpiry, slog.New(slog.DiscardHandler)
	ctx, cancel := context.WithTimeout(s.ctx, 5*time.Minute) // generous: a loaded machine
	defer cancel()
	r, err := cluster.NewRegistry(ctx, s.cli(i), cfg, cluster.WithNode(name), cluster.WithCandidate(candidate))
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { r.Close() })
	return r
}

// addGateways starts n gateways, 8 at a time.
func (s *sim) addGateways(n int) {
	gws := make([]*cluster.Registry, n)
	// Two at a time, as a rolling start would: each start reads every
	// node's description, and at 1,000 nodes eight starts at once took
	// the whole of this simulation's two cores from the heartbeats, so
	// node leases lapsed (a cost of simulating 200 gateways in one
	// process; each real gateway reads the view once, on its own CPU).
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			gws[i] = s.registry(i, false, fmt.Sprintf("gw%03d", i))
		}()
	}
	wg.Wait()
	s.gws = append(s.gws, gws...)
}

// everyGateway reports whether cond holds on every gateway.
func (s *sim) everyGateway(cond func(*cluster.Registry) bool) bool {
	for _, g := range s.gws {
		if !cond(g) {
			return false
		}
	}
	return true
}

// await polls cond until it holds and returns how long that took; it
// fails only after a deadline far above the promised 10 s, so that a
// loaded machine never makes it flaky.
func await(t *testing.T, what string, since time.Time, cond func() bool) time.Duration {
	t.Helper()
	const limit = 90 * time.Second
	for !cond() {
		if time.Since(since) > limit {
			t.Fatalf("%s: not within %v", what, limit)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return time.Since(since)
}

// etcdWrites is the member's count of committed raft proposals: every
// put, transaction, lease grant and revoke is one.
func etcdWrites(t *testing.T) float64 {
	mfs, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == "etcd_server_proposals_committed_total" {
			return mf.GetMetric()[0].GetGauge().GetValue()
		}
	}
	t.Fatal("etcd_server_proposals_committed_total not exported")
	return 0
}
