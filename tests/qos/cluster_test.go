package qostest

import (
	"math"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/qos"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestClusterSharesOneLimit: three gateways enforce one account limit
// together. The limit set through one gateway reaches the others through
// the metadata watch; each takes a third of it (equal demand); alt's
// requests sent to all three at once pass no more than the limit's bound
// in total, while root's are untouched.
func TestClusterSharesOneLimit(t *testing.T) {
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 3})
	const gws = 3
	var roots, alts = make([]*s3.Client, gws), make([]*s3.Client, gws)
	for i := range gws {
		url := c.Node(i).URL()
		roots[i] = client(url, testenv.AccessKey, testenv.SecretKey)
		alts[i] = client(url, testenv.AltAccessKey, testenv.AltSecretKey)
	}
	mkBucket(t, roots[0], "root-b")
	mkBucket(t, alts[0], "alt-b")

	// Burst 30 cluster-wide, refilled at 0.3 req/s: counts depend on the
	// burst, the refill is accounted for in the bound.
	const rate, burst = 0.3, 30.0
	sc := qos.Scope{Kind: qos.Account, Name: "alt"}
	set := time.Now()
	setLimit(t, c.Node(0).QoS(), sc, qos.Limit{Requests: rate, Burst: burst})
	for i := 1; i < gws; i++ {
		waitFor(t, "the limit reaches another gateway", 5*time.Second, func() bool {
			_, ok := c.Node(i).QoS().Limits()[sc]
			return ok
		})
	}
	t.Logf("limit set through node1 and seen by all %d gateways after %v", gws, time.Since(set))
	waitFor(t, "equal shares", 10*time.Second, func() bool {
		for i := range gws {
			if math.Abs(c.Node(i).QoS().Share(sc)-1.0/gws) > 0.01 {
				return false
			}
		}
		return true
	})

	start := time.Now()
	var mu sync.Mutex
	var wg sync.WaitGroup
	altPassed, rootPassed := make([]int, gws), make([]int, gws)
	for i := range gws {
		wg.Add(2)
		go func() {
			defer wg.Done()
			n := count(t, alts[i], "alt-b", 20)
			mu.Lock()
			altPassed[i] = n
			mu.Unlock()
		}()
		go func() {
			defer wg.Done()
			n := count(t, roots[i], "root-b", 20)
			mu.Lock()
			rootPassed[i] = n
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start).Seconds()
	total := 0
	for i := range gws {
		total += altPassed[i]
		if rootPassed[i] != 20 {
			t.Errorf("root through node%d: %d of 20 passed", i+1, rootPassed[i])
		}
		// One gateway's third of the burst, its token of rounding, and
		// at most the whole rate's refill.
		if max := burst/gws + 1 + rate*elapsed; float64(altPassed[i]) > max {
			t.Errorf("alt through node%d: %d passed, over its share's bound %.1f", i+1, altPassed[i], max)
		}
	}
	t.Logf("alt: %v passed of 20 per gateway in %.2fs (limit: burst %v, %v req/s)", altPassed, elapsed, burst, rate)
	if bound := burst + gws + rate*elapsed; float64(total) > bound {
		t.Fatalf("alt: %d passed cluster-wide, over the bound %.1f", total, bound)
	}
	if total < 10 {
		t.Fatalf("alt: only %d passed cluster-wide", total)
	}

	// A gateway that stops leaves the board (its lease is revoked): the
	// two others take half each once alt's demand has faded.
	c.Stop(2)
	d := waitFor(t, "two gateways share the limit", 20*time.Second, func() bool {
		for i := range 2 {
			if math.Abs(c.Node(i).QoS().Share(sc)-0.5) > 0.01 {
				return false
			}
		}
		return true
	})
	t.Logf("shares 1/2 each %v after node3 stopped", d)
}
