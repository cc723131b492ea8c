package sharding

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestSplitAcrossStores runs the embedded server with three metadata
// stores (--meta-shards 3): a bucket split while clients write to it
// spreads its ranges over the stores, every key stays readable and listed
// in order, and a restart with a lower --meta-shards still opens the
// stores that hold ranges.
func TestSplitAcrossStores(t *testing.T) {
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.Shards.SplitObjects = 0
		c.MetaShards = 3
	}})
	c := srv.S3()
	bucket := "spread"
	if _, err := c.CreateBucket(ctx, bucketInput(bucket)); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	wait := writers(t, c, bucket, 4, stop)
	for _, at := range []string{"d03/", "d06/", "d09/"} {
		for !hasKeyFrom(t, c, bucket, at) { // keys in the future range first
			time.Sleep(20 * time.Millisecond)
		}
		if err := srv.Objects.SplitRange(ctx, bucket, at, object.SplitOptions{}); err != nil {
			t.Fatalf("split at %s: %v", at, err)
		}
	}
	// Writes go on across the last split until every range holds some keys
	// written after it: counted from a listing, not by time, so a slow
	// machine only takes longer.
	for countKeys(t, c, bucket) < 200 {
		time.Sleep(20 * time.Millisecond)
	}
	close(stop)
	keys := wait()
	if t.Failed() {
		return
	}
	shards := func(n *server.Node) []string {
		rs, err := n.Objects.BucketRanges(ctx, bucket)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rs {
			out = append(out, r.Shard)
		}
		return out
	}
	placed := shards(srv.Node)
	t.Logf("%d keys written during the splits; ranges %q on shards %q", len(keys), ranges(t, srv.Node, bucket), placed)
	if distinct := slices.Compact(slices.Sorted(slices.Values(placed))); len(distinct) < 2 {
		t.Fatalf("every range on shard %q: the splits did not spread over the stores", distinct)
	}
	for i := 1; i < 3; i++ {
		if _, err := os.Stat(srv.Dir + "/meta-shards/" + string(rune('0'+i))); err != nil {
			t.Fatalf("store %d: %v", i, err)
		}
	}
	check := func(c *s3.Client, n *server.Node) {
		t.Helper()
		got, _ := listAll(t, c, bucket, "", "", 7)
		sameKeys(t, "ListObjectsV2 across stores", got, keys)
		u, err := n.Objects.BucketUsage(ctx, bucket)
		if err != nil || u.Objects != int64(len(keys)) {
			t.Fatalf("usage across stores: %d objects, want %d (%v)", u.Objects, len(keys), err)
		}
		for _, k := range keys[max(0, len(keys)-50):] {
			get(t, c, bucket, k)
		}
	}
	check(c, srv.Node)

	// Lowering --meta-shards never hides a store that holds ranges.
	cfg := srv.Config()
	cfg.MetaShards = 1
	srv.Node.Close()
	n2, err := server.Start(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n2.Close() })
	if got := shards(n2); !slices.Equal(got, placed) {
		t.Fatalf("shards after restart %q, want %q", got, placed)
	}
	check(testenv.S3Client(n2.URL(), testenv.AccessKey, testenv.SecretKey), n2)
}

// hasKeyFrom reports whether the bucket holds a key at or after at.
func hasKeyFrom(t *testing.T, c *s3.Client, bucket, at string) bool {
	t.Helper()
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &bucket, StartAfter: &at, MaxKeys: aws.Int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	return len(out.Contents) > 0 && strings.HasPrefix(*out.Contents[0].Key, at)
}

// countKeys counts the bucket's keys, up to the first listing page.
func countKeys(t *testing.T, c *s3.Client, bucket string) int {
	t.Helper()
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &bucket})
	if err != nil {
		t.Fatal(err)
	}
	return len(out.Contents)
}

// TestMetaShardsConfig refuses --meta-shards out of bounds and on a
// cluster, whose meta2 shards are its etcd clusters.
func TestMetaShardsConfig(t *testing.T) {
	for _, tc := range []struct {
		edit func(*server.Config)
		want string
	}{
		{func(c *server.Config) { c.MetaShards = -1 }, "--meta-shards -1"},
		{func(c *server.Config) { c.MetaShards = 65 }, "want 1 to 64"},
		{func(c *server.Config) { c.MetaShards, c.MetaPeers = 2, "a=http://127.0.0.1:1" }, "embedded server"},
	} {
		cfg := testenv.NodeConfig(t, testenv.Options{})
		tc.edit(&cfg)
		if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate: %v, want an error with %q", err, tc.want)
		}
	}
}
