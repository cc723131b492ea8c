package cluster

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/testenv"
)

// blobServiceOf returns the id of node i's (only) volume.
func blobServiceOf(t *testing.T, c *testenv.Cluster, i int) string {
	t.Helper()
	svcs, _ := c.Node(0).Conscience().Services(ctx, strata.ServiceBlob)
	for _, s := range svcs {
		if strings.HasPrefix(string(s.Location), "dc1.rack1."+c.Cfgs[i].Host+".") {
			return s.ID
		}
	}
	t.Fatalf("no blob service on node%d", i+1)
	return ""
}

func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > limit {
			t.Fatalf("%s: not within %v", what, limit)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return time.Since(start)
}

func scoreOf(c *testenv.Cluster, node int, id string) (int, bool) {
	svcs, _ := c.Node(node).Conscience().Services(ctx, "")
	for _, s := range svcs {
		if s.ID == id {
			return s.Score, s.Locked
		}
	}
	return -1, false
}

// TestInProcessCluster: gateways share one namespace, copies land on
// distinct nodes, and a lock drains a service on every gateway, survives
// a full restart, and leaves the other services scored.
func TestInProcessCluster(t *testing.T) {
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 4, Policy: "THREECOPIES"})
	mkBucket(t, c.S3(0), "shared")
	data := randomBytes(1, 1<<20)
	mustPut(t, c.S3(1), "shared", "one", data, "")
	got, err := get(c.S3(3), "shared", "one")
	if err != nil || md5hex(got) != md5hex(data) {
		t.Fatalf("read through another gateway: %v", err)
	}
	holders := 0
	for i := range c.Cfgs {
		if n := countChunks(c.VolumeDirs(i)[0]); n == 1 {
			holders++
		} else if n != 0 {
			t.Fatalf("node%d holds %d chunks of one object", i+1, n)
		}
	}
	if holders != 3 {
		t.Fatalf("THREECOPIES landed on %d nodes, want 3", holders)
	}

	// Lock node1's volume through node2; node4's gateway must stop
	// choosing it.
	victim := blobServiceOf(t, c, 0)
	if err := c.Node(1).Conscience().Lock(ctx, victim, 0); err != nil {
		t.Fatal(err)
	}
	d := waitFor(t, "lock reaches node4", 5*time.Second, func() bool { s, l := scoreOf(c, 3, victim); return l && s == 0 })
	t.Logf("lock visible on another gateway after %v", d)
	before := countChunks(c.VolumeDirs(0)[0])
	for i := 0; i < 20; i++ {
		mustPut(t, c.S3(3), "shared", fmt.Sprintf("locked/%d", i), randomBytes(uint64(i), 100<<10), "")
	}
	if after := countChunks(c.VolumeDirs(0)[0]); after != before {
		t.Fatalf("locked volume received %d new chunks", after-before)
	}

	// Restart the whole cluster: the lock is still there, and every
	// other service is scored at once, not locked at 0.
	c.StopAll()
	var wg sync.WaitGroup
	for i := range c.Cfgs {
		wg.Add(1)
		go func() { defer wg.Done(); c.Restart(i) }()
	}
	wg.Wait()
	waitFor(t, "restarted services registered", 10*time.Second, func() bool {
		svcs, _ := c.Node(2).Conscience().Services(ctx, strata.ServiceBlob)
		live := 0
		for _, s := range svcs {
			if s.ID == victim {
				if !s.Locked || s.Score != 0 {
					t.Fatalf("lock lost across restart: %+v", s)
				}
			} else if s.Score > 0 {
				live++
			}
		}
		return live == 3
	})
	for i := 20; i < 30; i++ {
		mustPut(t, c.S3(2), "shared", fmt.Sprintf("locked/%d", i), randomBytes(uint64(i), 100<<10), "")
	}
	if after := countChunks(c.VolumeDirs(0)[0]); after != before {
		t.Fatalf("locked volume received %d new chunks after restart", after-before)
	}

	// Unlock: it takes writes again.
	if err := c.Node(0).Conscience().Unlock(ctx, victim); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "unlock reaches node3", 5*time.Second, func() bool { s, l := scoreOf(c, 2, victim); return !l && s > 0 })
	for i := 0; i < 20; i++ {
		mustPut(t, c.S3(2), "shared", fmt.Sprintf("unlocked/%d", i), randomBytes(uint64(i), 100<<10), "")
	}
	if after := countChunks(c.VolumeDirs(0)[0]); after == before {
		t.Fatal("unlocked volume received no chunks")
	}
	for i := 0; i < 30; i++ {
		if _, err := get(c.S3(i%4), "shared", fmt.Sprintf("locked/%d", i)); err != nil {
			t.Fatalf("locked/%d: %v", i, err)
		}
	}
}

// TestWritesFollowScores: volumes with 1x, 2x, 3x and 4x the free space,
// scored by the formula free_gib*100, receive writes in that proportion.
func TestWritesFollowScores(t *testing.T) {
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 4, Policy: "SINGLE", Edit: func(i int, cfg *server.Config) {
		cfg.VolumeCap = int64(i+1) * 100 << 20
	}})
	mkBucket(t, c.S3(0), "scores")
	// The formula is set once for the whole cluster, through one node.
	type formulaSetter interface {
		SetFormula(context.Context, string) error
	}
	if err := c.Node(2).Conscience().(formulaSetter).SetFormula(ctx, "free_gib * 100"); err != nil {
		t.Fatal(err)
	}
	if err := c.Node(2).Conscience().(formulaSetter).SetFormula(ctx, "free_gib * ("); err == nil {
		t.Fatal("a broken formula was accepted")
	}
	waitFor(t, "every gateway scores by free space", 5*time.Second, func() bool {
		for i := range c.Nodes {
			svcs, _ := c.Node(i).Conscience().Services(ctx, strata.ServiceBlob)
			var scores []int
			for _, s := range svcs {
				scores = append(scores, s.Score)
			}
			sort.Ints(scores)
			if len(scores) != 4 || scores[0] < 9 || scores[0] > 11 || scores[3] < 38 || scores[3] > 40 {
				return false
			}
		}
		return true
	})
	svcs, _ := c.Node(0).Conscience().Services(ctx, strata.ServiceBlob)
	const objects = 600
	var wg sync.WaitGroup
	errs := make(chan error, objects)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < objects; i += 8 {
				if err := put(c.S3(i%4), "scores", fmt.Sprintf("o/%d", i), randomBytes(uint64(i), 80<<10), ""); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	total := 0
	for _, s := range svcs {
		total += s.Score
	}
	sort.Slice(svcs, func(i, j int) bool { return svcs[i].Location < svcs[j].Location })
	t.Logf("%-8s %-10s %-6s %-9s %-9s", "node", "capacity", "score", "expected", "measured")
	for i := range c.Cfgs {
		var score int
		for _, s := range svcs {
			if strings.Contains(string(s.Location), "."+c.Cfgs[i].Host+".") {
				score = s.Score
			}
		}
		want := float64(score) / float64(total)
		got := float64(countChunks(c.VolumeDirs(i)[0])) / objects
		t.Logf("%-8s %-10s %-6d %-9.3f %-9.3f", c.Cfgs[i].Name, fmt.Sprintf("%dMiB", (i+1)*100), score, want, got)
		if got < want-0.06 || got > want+0.06 {
			t.Errorf("node%d got %.3f of the writes, want %.3f +- 0.06", i+1, got, want)
		}
	}
}

// TestImproverSpreadsShortfallWrites: with two of four volumes drained,
// THREECOPIES writes land on two hosts (one holds two copies) and are
// queued; once the volumes are back, the improver moves the extra copies
// so that every object has its three copies on three hosts.
func TestImproverSpreadsShortfallWrites(t *testing.T) {
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 4, Policy: "THREECOPIES"})
	mkBucket(t, c.S3(0), "improve")
	drained := []string{blobServiceOf(t, c, 2), blobServiceOf(t, c, 3)}
	for _, id := range drained {
		if err := c.Node(0).Conscience().Lock(ctx, id, 0); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "locks everywhere", 5*time.Second, func() bool { s, l := scoreOf(c, 1, drained[1]); return l && s == 0 })
	const n = 12
	sums := map[string]string{}
	for i := 0; i < n; i++ {
		data := randomBytes(uint64(i), 200<<10)
		key := fmt.Sprintf("o%d", i)
		mustPut(t, c.S3(i%2), "improve", key, data, "")
		sums[key] = md5hex(data)
	}
	// A multipart upload (two parts, two metachunks) written drained too.
	mp := randomBytes(99, 6<<20)
	up, err := c.S3(0).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("improve"), Key: aws.String("mp")})
	if err != nil {
		t.Fatal(err)
	}
	var done []types.CompletedPart
	for i, chunk := range [][]byte{mp[:5<<20], mp[5<<20:]} {
		out, err := c.S3(0).UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("improve"), Key: aws.String("mp"),
			UploadId: up.UploadId, PartNumber: aws.Int32(int32(i + 1)), Body: bytes.NewReader(chunk)})
		if err != nil {
			t.Fatal(err)
		}
		done = append(done, types.CompletedPart{ETag: out.ETag, PartNumber: aws.Int32(int32(i + 1))})
	}
	if _, err := c.S3(1).CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("improve"), Key: aws.String("mp"),
		UploadId: up.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: done}}); err != nil {
		t.Fatal(err)
	}
	sums["mp"] = md5hex(mp)
	const chunks = 3*n + 3*2
	perNode := func() []int {
		var out []int
		for i := range c.Cfgs {
			out = append(out, countChunks(c.VolumeDirs(i)[0]))
		}
		return out
	}
	before := perNode()
	t.Logf("chunks per node after writes on 2 hosts: %v", before)
	if before[0]+before[1] != chunks || max(before[0], before[1]) <= n+2 {
		t.Fatalf("expected 3 copies per object on nodes 1-2 only: %v", before)
	}
	for _, id := range drained {
		if err := c.Node(0).Conscience().Unlock(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "unlocks everywhere", 5*time.Second, func() bool { s, l := scoreOf(c, 1, drained[1]); return !l && s > 0 })
	rep, err := c.Node(1).Objects.Improve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	after := perNode()
	t.Logf("improver: %+v; chunks per node after: %v", rep, after)
	total := 0
	for _, x := range after {
		total += x
		if x > n+2 {
			t.Fatalf("a node still holds two copies of some object: %v", after)
		}
	}
	if total != chunks || rep.Improved != n+1 || rep.Moved != n+2 {
		t.Fatalf("after improving: %d chunks (want %d), report %+v", total, chunks, rep)
	}
	for key, sum := range sums {
		got, err := get(c.S3(3), "improve", key)
		if err != nil || md5hex(got) != sum {
			t.Fatalf("%s after improving: %v", key, err)
		}
	}
	if again, _ := c.Node(2).Objects.Improve(ctx); again.Queued != 0 {
		t.Fatalf("queue not empty after improving: %+v", again)
	}
}
