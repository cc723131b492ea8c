package eventstest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/fn"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestClusterFunctionsTLS: on a `cluster local --tls` cluster, events go
// through the TLS bus and a function pinned to node3 runs there, called
// by the other nodes' schedulers over https.
func TestClusterFunctionsTLS(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 3-node cluster")
	}
	lc := testenv.StartLocalCluster(t, testenv.LocalOptions{Nodes: 3, TLS: true, Args: []string{"--node-tag", "node3:gpu=1"}})
	c1 := lc.S3("node1")
	mkBucket(t, c1, "work")
	work := build(t, "./tests/events/testdata/work")
	clusterDeploy(t, lc, map[string]any{"name": "gpu", "tags": map[string]string{"gpu": "1"}, "concurrency": 4,
		"triggers": []map[string]any{{"events": []string{"s3:ObjectCreated:*"}, "bucket": "work", "prefix": "in/gpu-"}},
		"grants":   map[string]any{"write": []string{"work"}}}, work)
	const n = 10
	for i := range n {
		put(t, c1, "work", fmt.Sprintf("in/gpu-%02d", i), []byte("x"))
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		recs := clusterRecords(t, lc, "node1", "gpu")
		if len(recs) >= n {
			for _, r := range recs {
				if r.Agent != "agent-node3" || r.Result != fn.ResultOK {
					t.Fatalf("gpu function: agent %s, result %s", r.Agent, r.Result)
				}
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d invocations over TLS", len(recs), n)
		}
		time.Sleep(200 * time.Millisecond)
	}
	// A failed https call would have moved the invocation on: none did.
	for _, node := range []string{"node1", "node2", "node3"} {
		if log := lc.Log(node); strings.Contains(log, "agent unreachable") {
			t.Fatalf("%s could not call an agent over TLS:\n%s", node, log)
		}
	}
}
