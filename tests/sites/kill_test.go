package sites

import (
	"crypto/md5"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestStretchedSiteKilled runs `strata cluster local --nodes 4 --sites 2
// --min-sites 2 --policy THREECOPIES`: node1 and node3 on site1, node2
// and node4 on site2, metadata members on node1-3 (the etcd majority on
// site1). Two writers PUT through site1's gateway while every node of
// site2 is killed with SIGKILL. Then every acknowledged write reads back
// (bytes equal) from both site1 gateways, and every write begun after
// site2's blob servers stopped answering was refused with 503.
//
// THREECOPIES over 2 sites is 2+1: its quorum (2) can hold on site1
// alone, so this also shows that the quorum is not enough.
func TestStretchedSiteKilled(t *testing.T) {
	lc := testenv.StartLocalCluster(t, testenv.LocalOptions{Nodes: 4,
		Args: []string{"--sites", "2", "--min-sites", "2", "--policy", "THREECOPIES"}})
	c := lc.S3("node1")
	mkBucket(t, c, "stretch")

	var (
		mu        sync.Mutex
		acked     = map[string][md5.Size]byte{}
		afterDown []error // writes begun once site2 was down
		siteDown  atomic.Bool
		stop      atomic.Bool
		wg        sync.WaitGroup
	)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load() && i < 500; i++ {
				key := fmt.Sprintf("w%d/%04d", w, i)
				body := randomBytes(uint64(w*1000+i), 100<<10+i*512)
				down := siteDown.Load()
				err := put(c, "stretch", key, body, "")
				mu.Lock()
				if err == nil {
					acked[key] = md5.Sum(body)
				}
				if down {
					afterDown = append(afterDown, err)
				}
				mu.Unlock()
			}
		}()
	}
	waitFor(t, "20 acknowledged writes", func() bool { mu.Lock(); defer mu.Unlock(); return len(acked) >= 20 })
	lc.Kill("node2")
	lc.Kill("node4")
	for _, name := range []string{"node2", "node4"} {
		n, _, _ := lc.File.Node(name)
		waitFor(t, name+"'s blob server down", func() bool {
			conn, err := net.DialTimeout("tcp", n.Blob, time.Second)
			if err == nil {
				conn.Close()
			}
			return err != nil
		})
	}
	siteDown.Store(true)
	waitFor(t, "10 writes begun with site2 down", func() bool { mu.Lock(); defer mu.Unlock(); return len(afterDown) >= 10 })
	stop.Store(true)
	wg.Wait()

	for _, err := range afterDown {
		if status(err) != 503 {
			t.Fatalf("a write begun with site2 down: %v (status %d), want 503", err, status(err))
		}
	}
	t.Logf("%d writes acknowledged, %d refused with 503 once site2 was down; last: %v", len(acked), len(afterDown), afterDown[len(afterDown)-1])
	mustRead(t, c, "stretch", acked, "node1 (site1)")
	mustRead(t, lc.S3("node3"), "stretch", acked, "node3 (site1)")
}

// waitFor polls cond for up to a minute.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
