package eventstest

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/fn"
	"github.com/strata-storage/strata/internal/testenv"
)

// clusterAdmin calls the admin API of a local cluster's node.
func clusterAdmin(t *testing.T, lc *testenv.LocalCluster, node, method, path string, body any) []byte {
	t.Helper()
	n, _, _ := lc.File.Node(node)
	var b []byte
	switch v := body.(type) {
	case nil:
	case []byte:
		b = v
	default:
		b, _ = json.Marshal(v)
	}
	out, err := testenv.AdminWith(ctx, lc.HTTP, n.S3, lc.Root.AccessKey, lc.Root.SecretKey, method, path, b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func clusterDeploy(t *testing.T, lc *testenv.LocalCluster, manifest map[string]any, wasmPath string) {
	t.Helper()
	mod, err := os.ReadFile(wasmPath)
	if err != nil {
		t.Fatal(err)
	}
	// A deploy stores the module and the manifest: on a loaded machine a
	// step may time out while the bus or a store elects a leader, which
	// the API answers 503. A deploy is idempotent, so it is retried.
	n, _, _ := lc.File.Node("node1")
	path := fmt.Sprintf("/_strata/api/v1/functions/%s", manifest["name"])
	body, _ := json.Marshal(map[string]any{"manifest": manifest, "module": mod})
	deadline := time.Now().Add(time.Minute)
	for {
		_, err := testenv.AdminWith(ctx, lc.HTTP, n.S3, lc.Root.AccessKey, lc.Root.SecretKey, "PUT", path, body)
		if err == nil {
			return
		}
		if !strings.Contains(err.Error(), "503 Service Unavailable") || time.Now().After(deadline) {
			t.Fatal(err)
		}
		t.Logf("deploy retried: %v", err)
		time.Sleep(time.Second)
	}
}

func clusterRecords(t *testing.T, lc *testenv.LocalCluster, node, name string) []fn.Record {
	var recs []fn.Record
	if err := json.Unmarshal(clusterAdmin(t, lc, node, "GET", "/_strata/api/v1/functions/"+name+"/logs?limit=100000", nil), &recs); err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestClusterFunctions runs on a 4-node cluster of processes: a function
// pinned to the gpu-tagged node runs only there, and killing a node with
// SIGKILL while agents work through 1,000 events loses none.
func TestClusterFunctions(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 4-node cluster")
	}
	lc := testenv.StartLocalCluster(t, testenv.LocalOptions{Nodes: 4, Args: []string{"--node-tag", "node3:gpu=1"}})
	c1, c2 := lc.S3("node1"), lc.S3("node2")
	mkBucket(t, c1, "work")
	work := build(t, "./tests/events/testdata/work")

	t.Run("StreamsReplicated", func(t *testing.T) {
		// node4 joins the bus with --bus-url and no --bus-replicas: it
		// must not scale the streams the bus servers made R3 down to R1
		// (then losing node1 could lose the only copy, and every event
		// committed after it waits in the outbox).
		for name, r := range busStreamReplicas(t, lc, "node2") {
			if r != 3 {
				t.Errorf("stream %s has %d replicas, want 3", name, r)
			}
		}
	})

	t.Run("GPUPinning", func(t *testing.T) {
		clusterDeploy(t, lc, map[string]any{"name": "gpu", "tags": map[string]string{"gpu": "1"}, "concurrency": 4,
			"triggers": []map[string]any{{"events": []string{"s3:ObjectCreated:*"}, "bucket": "work", "prefix": "in/gpu-"}},
			"grants":   map[string]any{"write": []string{"work"}}}, work)
		for i := range 20 {
			put(t, c2, "work", fmt.Sprintf("in/gpu-%02d", i), []byte("x"))
		}
		deadline := time.Now().Add(60 * time.Second)
		for {
			recs := clusterRecords(t, lc, "node2", "gpu")
			if len(recs) >= 20 {
				for _, r := range recs {
					if r.Agent != "agent-node3" || r.Result != fn.ResultOK {
						t.Fatalf("gpu function ran on %s (%s)", r.Agent, r.Result)
					}
				}
				t.Logf("20 invocations, all on agent-node3 (the only gpu node)")
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d of 20 gpu invocations", len(recs))
			}
			time.Sleep(200 * time.Millisecond)
		}
	})

	t.Run("KillAgentNode", func(t *testing.T) {
		clusterDeploy(t, lc, map[string]any{"name": "work", "concurrency": 16,
			"triggers": []map[string]any{{"events": []string{"s3:ObjectCreated:*"}, "bucket": "work", "prefix": "in/job-"}},
			"grants":   map[string]any{"write": []string{"work"}}}, work)
		const n = 1000
		var next atomic.Int64
		var wg sync.WaitGroup
		for w := range 8 {
			c := []*s3.Client{c1, c2}[w%2]
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := next.Add(1) - 1; i < n; i = next.Add(1) - 1 {
					put(t, c, "work", fmt.Sprintf("in/job-%04d", i), []byte("x"))
				}
			}()
		}
		wg.Wait()
		// Kill node4 (an agent, not a metadata member nor the bus) once it
		// has done some of the work.
		deadline := time.Now().Add(60 * time.Second)
		for {
			on4 := 0
			for _, r := range clusterRecords(t, lc, "node1", "work") {
				if r.Agent == "agent-node4" {
					on4++
				}
			}
			if on4 >= 20 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("node4 ran %d invocations", on4)
			}
			time.Sleep(100 * time.Millisecond)
		}
		lc.Kill("node4")
		killed := time.Now()
		t.Logf("node4 killed")

		// Every event is processed: done/<key> holds the event id.
		deadline = time.Now().Add(5 * time.Minute)
		for {
			res, err := c1.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("work"), Prefix: aws.String("done/job-"), MaxKeys: aws.Int32(1000)})
			if err == nil && len(res.Contents) == n {
				break
			}
			if time.Now().After(deadline) {
				got := 0
				if res != nil {
					got = len(res.Contents)
				}
				t.Fatalf("%d of %d events processed", got, n)
			}
			time.Sleep(250 * time.Millisecond)
		}
		done := time.Now()
		time.Sleep(2 * time.Second) // records of the last runs
		recs := clusterRecords(t, lc, "node1", "work")
		ids := map[string]string{}
		runs := map[string]int{}
		var reruns []float64
		perAgent := map[string]int{}
		for _, r := range recs {
			if r.Result != fn.ResultOK {
				continue
			}
			perAgent[r.Agent]++
			runs[r.Key]++
			if id, ok := ids[r.Key]; ok && id != r.EventID {
				t.Errorf("%s: duplicate run with another event id (%s, %s)", r.Key, id, r.EventID)
			}
			ids[r.Key] = r.EventID
			if r.Attempt > 1 && r.Start.After(killed) {
				reruns = append(reruns, r.Start.Sub(killed).Seconds())
			}
		}
		for i := range n {
			key := fmt.Sprintf("in/job-%04d", i)
			out, err := c1.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("work"), Key: aws.String(fmt.Sprintf("done/job-%04d", i))})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(out.Body)
			out.Body.Close()
			if runs[key] > 0 && string(b) != ids[key] {
				t.Errorf("%s: output carries event %s, records %s", key, b, ids[key])
			}
		}
		dups := 0
		for _, c := range runs {
			dups += c - 1
		}
		sort.Float64s(reruns)
		t.Logf("1,000 events: all processed %.1f s after the kill; runs per agent %v; %d duplicate runs (same event id); %d re-run after their lease expired",
			done.Sub(killed).Seconds(), perAgent, dups, len(reruns))
		if len(reruns) > 0 {
			t.Logf("re-allocation after the lease: first re-run %.2f s after the kill, last %.2f s", reruns[0], reruns[len(reruns)-1])
		}
		// Invocations that schedulers on the other nodes had sent to node4
		// moved to another agent as soon as the call failed.
		moved := 0
		for _, name := range []string{"node1", "node2", "node3"} {
			n, _, _ := lc.File.Node(name)
			v, _ := testenv.ReadMetrics(t, n.S3).Sum("strata_fn_reallocations_total")
			moved += int(v)
		}
		t.Logf("re-allocation at once (the agent's connection failed): %d invocations", moved)
	})

	t.Run("KillBusNode", func(t *testing.T) {
		// node1 runs a metadata member and one of the three servers of the
		// bus; both keep a quorum without it.
		h := newHook(t)
		clusterAdmin(t, lc, "node2", "PUT", "/_strata/api/v1/events/targets/hook", map[string]any{"kind": "webhook", "url": h.URL, "secret": secret})
		mkBucket(t, c2, "busfail")
		if _, err := c2.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String("busfail"),
			NotificationConfiguration: webhookRule("hook", "", "s3:ObjectCreated:*")}); err != nil {
			t.Fatal(err)
		}
		for i := range 100 {
			put(t, c2, "busfail", fmt.Sprintf("before/%03d", i), []byte("x"))
		}
		h.waitFor(t, 100, 30*time.Second)
		lc.Kill("node1")
		killed := time.Now()
		for i := range 100 {
			put(t, c2, "busfail", fmt.Sprintf("after/%03d", i), []byte("x"))
		}
		evs := h.waitFor(t, 200, 2*time.Minute)
		keys := map[string]bool{}
		for _, ev := range evs {
			keys[ev.Key] = true
		}
		if len(keys) != 200 {
			t.Fatalf("%d distinct events of 200", len(keys))
		}
		t.Logf("node1 (metadata member and bus server) killed: 100 more writes, all 200 events delivered %.1f s after the kill", time.Since(killed).Seconds())
	})
}
