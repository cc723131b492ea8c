package sites

import (
	"crypto/md5"
	"fmt"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestStretchedMajoritySiteKilled kills the other site: site1, which
// holds two of the three metadata members. Site2 keeps a copy of every
// acknowledged write but its metadata member has lost quorum, so its
// gateways read through the serializable fallback (docs/DESIGN.md
// "Reads survive the loss of quorum"); writes fail with 503.
func TestStretchedMajoritySiteKilled(t *testing.T) {
	t0 := time.Now()
	lc := testenv.StartLocalCluster(t, testenv.LocalOptions{Nodes: 4,
		Args: []string{"--sites", "2", "--min-sites", "2", "--policy", "TWOCOPIES"}})
	t.Logf("cluster up in %v", time.Since(t0))
	c := lc.S3("node1")
	mkBucket(t, c, "stretch")
	acked := map[string][md5.Size]byte{}
	for i := 0; i < 20; i++ {
		key := fmt.Sprintf("k%03d", i)
		body := randomBytes(uint64(i), 150<<10+i*100)
		if err := put(c, "stretch", key, body, ""); err != nil {
			t.Fatalf("put %s: %v", key, err)
		}
		acked[key] = md5.Sum(body)
	}
	lc.Kill("node1")
	lc.Kill("node3")
	start := time.Now()
	mustRead(t, lc.S3("node2"), "stretch", acked, "node2 (site2, metadata member without quorum)")
	t.Logf("node2 read %d objects in %v", len(acked), time.Since(start))
	start = time.Now()
	mustRead(t, lc.S3("node4"), "stretch", acked, "node4 (site2)")
	t.Logf("node4 read %d objects in %v", len(acked), time.Since(start))
	start = time.Now()
	err := put(lc.S3("node2"), "stretch", "refused", randomBytes(7, 100<<10), "")
	t.Logf("write refused in %v: %v", time.Since(start), err)
	if status(err) != 503 {
		t.Fatalf("write without site1: %v (status %d), want 503", err, status(err))
	}
	// Members without quorum are slow to stop cleanly: end them now.
	lc.Kill("node2")
	lc.Kill("node4")
}
