package sites

import (
	"crypto/md5"
	"fmt"
	"testing"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestStretchedMajoritySiteKilled kills the other site: site1, which
// holds two of the three metadata members. Site2 keeps a copy of every
// acknowledged write but its metadata member has lost quorum, so its
// gateways read through the serializable fallback (docs/DESIGN.md
// "Reads survive the loss of quorum"); writes fail with 503.
func TestStretchedMajoritySiteKilled(t *testing.T) {
	lc := testenv.StartLocalCluster(t, testenv.LocalOptions{Nodes: 4,
		Args: []string{"--sites", "2", "--min-sites", "2", "--policy", "TWOCOPIES"}})
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
	mustRead(t, lc.S3("node2"), "stretch", acked, "node2 (site2, metadata member without quorum)")
	mustRead(t, lc.S3("node4"), "stretch", acked, "node4 (site2)")
	err := put(lc.S3("node2"), "stretch", "refused", randomBytes(7, 100<<10), "")
	if status(err) != 503 {
		t.Fatalf("write without site1: %v (status %d), want 503", err, status(err))
	}
}
