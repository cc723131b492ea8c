package sharding

import (
	"fmt"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestSplitAcrossShards runs a cluster with two metadata shards (the root
// one on nodes 1-3, shard 1 on node 4) and splits a bucket until one of
// its ranges lives on the other shard than its home. Every gateway then
// reads, lists and writes the bucket: the ones that cached the old range
// map follow the new one (fence on writes, meta1 watch).
func TestSplitAcrossShards(t *testing.T) {
	peer, client := "http://"+testenv.FreeAddr(t), "http://"+testenv.FreeAddr(t)
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 4, Policy: "TWOCOPIES", Edit: func(i int, cfg *server.Config) {
		cfg.Shards.SplitObjects = 0
		cfg.Shards.SplitGrace = time.Second
		if i == 3 {
			cfg.Roles, cfg.Shard = nil, "1"
			cfg.MetaPeers, cfg.MetaClientURL = "node4="+peer, client
		}
	}})
	deadline := time.Now().Add(30 * time.Second)
	for {
		svcs, _ := c.Node(0).Conscience().Services(ctx, "meta")
		if len(svcs) == 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("shard 1 not registered: %d meta services", len(svcs))
		}
		time.Sleep(100 * time.Millisecond)
	}
	bucket := "spread"
	if _, err := c.S3(0).CreateBucket(ctx, bucketInput(bucket)); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for i := range 64 {
		k := fmt.Sprintf("k%03d", i)
		put(t, c.S3(i%3), bucket, k)
		keys = append(keys, k)
	}
	// Every gateway caches the one-range map.
	for g := range 3 {
		got, _ := listAll(t, c.S3(g), bucket, "", "", 1000)
		sameKeys(t, "list before", got, keys)
	}
	// New ranges go to a shard drawn by score, and a shard scores as its
	// lowest member: under load the three-member root shard could lose
	// every draw (CI once placed all seven ranges on shard 1). The home
	// shard's services are locked to 1 and the other's to 100, so a split
	// lands on the other one nearly always.
	preferOtherShard(t, c, bucket)
	// Split at every eighth key until the ranges use both shards.
	shards := map[string]bool{}
	for i := 8; i < 64 && len(shards) < 2; i += 8 {
		if err := c.Node(1).Objects.SplitRange(ctx, bucket, fmt.Sprintf("k%03d", i), object.SplitOptions{Grace: time.Second}); err != nil {
			t.Fatal(err)
		}
		rs, err := c.Node(1).Objects.BucketRanges(ctx, bucket)
		if err != nil {
			t.Fatal(err)
		}
		clear(shards)
		for _, r := range rs {
			shards[r.Shard] = true
		}
	}
	if len(shards) < 2 {
		t.Fatalf("no range placed on shard 1: %v", shards)
	}
	// Writes through gateways that cached the old map, then reads and
	// listings through every gateway.
	for i := range 64 {
		k := fmt.Sprintf("k%03dw", i)
		put(t, c.S3(i%3), bucket, k)
		keys = append(keys, k)
	}
	for g := range 3 {
		got, _ := listAll(t, c.S3(g), bucket, "", "", 9)
		sameKeys(t, fmt.Sprintf("list through gateway %d", g), got, keys)
		for _, k := range keys {
			get(t, c.S3(g), bucket, k)
		}
	}
	rs, _ := c.Node(2).Objects.BucketRanges(ctx, bucket)
	var total int64
	for _, r := range rs {
		total += r.Objects
	}
	if total != int64(len(keys)) || !slices.ContainsFunc(rs, func(r object.RangeInfo) bool { return r.Shard == "1" }) {
		t.Fatalf("ranges %+v", rs)
	}
	// The file namespace across shards: a file created, written and
	// renamed in a range on the other shard than the bucket's home (a
	// bucket may be homed on either) through every gateway; a rename to
	// the home range fails with EXDEV.
	far := rs[slices.IndexFunc(rs, func(r object.RangeInfo) bool { return r.Shard != rs[0].Shard })].Start
	for g := range 3 {
		o := c.Node(g).Objects
		p := fmt.Sprintf("%sf%d", far, g)
		if _, err := o.FSCreate(ctx, bucket, p, object.FileAttr{Mode: 0o644}, true); err != nil {
			t.Fatalf("gateway %d: create %s: %v", g, p, err)
		}
		fsWrite(t, o, bucket, p, "v:"+p+"x", true)
		if err := o.FSRename(ctx, bucket, p, p+"x", 0); err != nil {
			t.Fatalf("gateway %d: rename %s: %v", g, p, err)
		}
		get(t, c.S3((g+1)%3), bucket, p+"x")
		if err := o.FSRename(ctx, bucket, p+"x", "a"+p, 0); object.Errno(err) != syscall.EXDEV {
			t.Fatalf("gateway %d: rename to the home range: %v, want EXDEV", g, err)
		}
	}
}

// preferOtherShard locks the meta services of the shard holding bucket's
// first range to score 1 and the others' to 100, and waits until node 2
// (which runs the splits) sees it.
func preferOtherShard(t *testing.T, c *testenv.Cluster, bucket string) {
	t.Helper()
	rs, err := c.Node(1).Objects.BucketRanges(ctx, bucket)
	if err != nil {
		t.Fatal(err)
	}
	home := rs[0].Shard
	want := map[string]int{}
	svcs, err := c.Node(0).Conscience().Services(ctx, strata.ServiceMeta)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range svcs {
		score := 100
		if s.Tags["shard"] == home {
			score = 1
		}
		if err := c.Node(0).Conscience().Lock(ctx, s.ID, score); err != nil {
			t.Fatal(err)
		}
		want[s.ID] = score
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		seen := 0
		svcs, _ := c.Node(1).Conscience().Services(ctx, strata.ServiceMeta)
		for _, s := range svcs {
			if sc, ok := want[s.ID]; ok && s.Locked && s.Score == sc {
				seen++
			}
		}
		if seen == len(want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("node 2 sees %d of %d locked meta scores", seen, len(want))
		}
		time.Sleep(100 * time.Millisecond)
	}
}
