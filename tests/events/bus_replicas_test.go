package eventstest

import (
	"slices"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/strata-storage/strata/internal/bus"
	"github.com/strata-storage/strata/internal/testenv"
)

// busStreamReplicas reads the replicas of the event streams from the bus
// server of the named node (one started with --bus-listen).
func busStreamReplicas(t *testing.T, lc *testenv.LocalCluster, node string) map[string]int {
	t.Helper()
	n, _, _ := lc.File.Node(node)
	i := slices.Index(n.Args, "--bus-listen")
	if i < 0 || i+1 >= len(n.Args) {
		t.Fatalf("%s runs no bus server: %v", node, n.Args)
	}
	nc, err := nats.Connect("nats://" + n.Args[i+1])
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, name := range []string{bus.EventStream, bus.DeliverStream, bus.DeadStream} {
		// A loaded machine can leave one request unanswered: retry.
		for deadline := time.Now().Add(30 * time.Second); ; {
			s, err := js.Stream(ctx, name)
			if err == nil {
				got[name] = s.CachedInfo().Config.Replicas
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("stream %s: %v", name, err)
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
	return got
}
