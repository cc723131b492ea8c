package bus

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"testing"
)

func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var ports []int
	var lns []net.Listener
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		lns = append(lns, ln)
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
	}
	for _, ln := range lns {
		ln.Close()
	}
	return ports
}

// wantReplicas checks the replicas of every stream, as b's server sees them.
func wantReplicas(t *testing.T, b *Bus, want int, when string) {
	t.Helper()
	for _, name := range []string{EventStream, DeliverStream, DeadStream} {
		s, err := b.JS.Stream(context.Background(), name)
		if err != nil {
			t.Fatalf("stream %s: %v", name, err)
		}
		if got := s.CachedInfo().Config.Replicas; got != want {
			t.Errorf("%s: stream %s has %d replicas, want %d", when, name, got, want)
		}
	}
}

// TestClientKeepsReplicas: three embedded servers make the streams R3; a
// gateway that joins with only a URL (no replicas given) must leave them
// R3, not scale them down to one copy, and an explicit count still
// applies.
func TestClientKeepsReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 3-server NATS cluster")
	}
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	ports := freePorts(t, 6)
	route := func(i int) string { return fmt.Sprintf("127.0.0.1:%d", ports[3+i]) }
	servers := make([]*Bus, 3)
	errs := make([]error, 3)
	var wg sync.WaitGroup
	for i := range 3 {
		var routes []string
		for j := range 3 {
			if j != i {
				routes = append(routes, route(j))
			}
		}
		wg.Go(func() {
			servers[i], errs[i] = Open(ctx, Options{Dir: t.TempDir(), Name: fmt.Sprintf("s%d", i), Logger: log,
				Listen: fmt.Sprintf("127.0.0.1:%d", ports[i]), ClusterListen: route(i), Routes: routes, Replicas: 3})
		})
	}
	wg.Wait()
	for i, b := range servers {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		t.Cleanup(b.Close)
	}
	url := fmt.Sprintf("nats://127.0.0.1:%d,nats://127.0.0.1:%d", ports[0], ports[1])
	client, err := Open(ctx, Options{URL: url, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	wantReplicas(t, servers[2], 3, "after a URL-only gateway joined")
	// An operator's explicit --bus-replicas is applied.
	two, err := Open(ctx, Options{URL: url, Logger: log, Replicas: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer two.Close()
	wantReplicas(t, servers[2], 2, "after --bus-replicas 2")
}
