package replicationtest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/replication"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestTwoClustersCrash runs two `strata cluster local` clusters on
// separate loopback addresses. A (2 nodes) replicates to B (1 node).
// Writes under load (PUT, overwrite, delete, tags) go to both of A's
// gateways; node2 is killed with SIGKILL halfway and restarted with
// `strata cluster node`. B must end with exactly A's current state.
// REPL_OBJECTS sets the number of keys (default 200; the benchmark,
// scripts/replication-bench.sh, runs 10,000).
func TestTwoClustersCrash(t *testing.T) {
	objects := 200
	if v, err := strconv.Atoi(os.Getenv("REPL_OBJECTS")); err == nil && v > 0 {
		objects = v
	}
	a := testenv.StartLocalCluster(t, testenv.LocalOptions{Nodes: 2, Args: []string{"--meta", "1"}, IPBase: "127.0.1.11"})
	b := testenv.StartLocalCluster(t, testenv.LocalOptions{Nodes: 1, Args: []string{"--meta", "1"}, IPBase: "127.0.2.11"})
	ctx := context.Background()
	a1, a2, b1 := a.S3("node1"), a.S3("node2"), b.S3("node1")
	mkBucket(t, a1, "src")
	mkBucket(t, b1, "dst")
	bn, _, _ := b.File.Node("node1")
	an, _, _ := a.File.Node("node1")

	// The target through the CLI, as an operator registers it.
	out, err := exec.Command(testenv.Binary(t), "replicate", "target", "add", "siteb", "--server", an.S3, "--data", a.Dir,
		"--endpoint", bn.S3, "--bucket", "dst", "--access-key", b.Root.AccessKey, "--secret-key", b.Root.SecretKey).CombinedOutput()
	if err != nil {
		t.Fatalf("replicate target add: %v\n%s", err, out)
	}
	arn := strings.TrimSpace(strings.Split(string(out), "\n")[0])
	if arn != "arn:strata:s3:::target/siteb" {
		t.Fatalf("target add printed %q", out)
	}
	putRule(t, a1, "src", arn)

	metrics := benchProfile(t, a, an.S3)
	defer metrics()

	// Load: workers write to both gateways; halfway node2 dies.
	var done atomic.Int64
	var killed atomic.Bool
	start := time.Now()
	var wg sync.WaitGroup
	workers := 8
	for w := range workers {
		wg.Go(func() {
			rnd := rand.New(rand.NewPCG(uint64(w), 7))
			for i := w; i < objects; i += workers {
				c := a1
				if i%2 == 1 && !killed.Load() {
					c = a2
				}
				key := fmt.Sprintf("k/%05d", i)
				ops := []func(*s3.Client) error{func(c *s3.Client) error { return putObj(ctx, c, key, i, 0) }}
				switch rnd.IntN(6) {
				case 0: // overwrite
					ops = append(ops, func(c *s3.Client) error { return putObj(ctx, c, key, i, 1) })
				case 1: // delete (a delete marker)
					ops = append(ops, func(c *s3.Client) error {
						_, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("src"), Key: &key})
						return err
					})
				case 2: // tags
					ops = append(ops, func(c *s3.Client) error {
						_, err := c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String("src"), Key: &key,
							Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("n"), Value: aws.String(strconv.Itoa(i))}}}})
						return err
					})
				}
				for _, op := range ops {
					// A write to the dying gateway may fail: it goes again to
					// node1 (the comparison is with A's final state anyway).
					err := op(c)
					for try := 0; err != nil && try < 5; try++ {
						time.Sleep(time.Duration(try) * 200 * time.Millisecond)
						err = op(a1)
					}
					if err != nil {
						t.Errorf("write %s: %v", key, err)
						return
					}
				}
				if done.Add(1) == int64(objects/2) {
					killed.Store(true)
					a.Kill("node2")
					t.Logf("node2 killed after %d keys", objects/2)
				}
			}
		})
	}
	wg.Wait()
	loadEnd := time.Now()
	t.Logf("load: %d keys in %v", objects, loadEnd.Sub(start).Round(time.Millisecond))
	a.Restart("node2")

	// Drain: until the lanes are empty cluster-wide (twice, a second
	// apart: the relay may still hold a last batch), then B must hold
	// A's state (compared once; a last in-flight copy gets more time).
	deadline := time.Now().Add(3*time.Minute + time.Duration(objects)*50*time.Millisecond)
	for empty := 0; empty < 2; {
		st := status(t, a, an.S3)
		if st.Status.Queued == 0 && st.Status.Failed == 0 {
			empty++
		} else {
			empty = 0
		}
		if time.Now().After(deadline) {
			t.Fatalf("replication did not drain: %+v", st.Status)
		}
		time.Sleep(time.Second)
	}
	drain := time.Since(loadEnd) - time.Second // the second confirming poll
	for {
		diff := diffBuckets(t, a1, "src", b1, "dst")
		if diff == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("B did not converge to A: %s", diff)
		}
		t.Logf("not yet equal: %s", diff)
		time.Sleep(time.Second)
	}
	for _, args := range [][]string{{"replicate", "status", "src"}, {"replicate", "target", "list"}} {
		out, err := exec.Command(testenv.Binary(t), append(args, "--endpoint", an.S3, "--data", a.Dir)...).CombinedOutput()
		if err != nil || !strings.Contains(string(out), map[bool]string{true: "queued:   0 events", false: "siteb"}[args[1] == "status"]) {
			t.Fatalf("strata %v: %v\n%s", args, err, out)
		}
		t.Logf("strata %s:\n%s", strings.Join(args, " "), out)
	}
	n2, _, _ := a.File.Node("node2")
	s1, s2 := status(t, a, an.S3).Status, status(t, a, n2.S3).Status
	t.Logf("drained %v after the load; lag p50/p99: node1 %.3f/%.3f s (%d samples), node2 since its restart %.3f/%.3f s (%d)",
		drain.Round(time.Millisecond), s1.LagP50, s1.LagP99, s1.Samples, s2.LagP50, s2.LagP99, s2.Samples)
	fmt.Printf("REPL-BENCH objects=%d load=%v drain=%v node1_lag_p50=%.3fs p99=%.3fs n=%d node2_lag_p50=%.3fs p99=%.3fs n=%d\n", objects,
		loadEnd.Sub(start).Round(time.Millisecond), drain.Round(time.Millisecond), s1.LagP50, s1.LagP99, s1.Samples, s2.LagP50, s2.LagP99, s2.Samples)
}

func mkBucket(t *testing.T, c *s3.Client, name string) {
	t.Helper()
	ctx := context.Background()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &name}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: &name,
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatal(err)
	}
}

func putRule(t *testing.T, c *s3.Client, bucket, arn string) {
	t.Helper()
	_, err := c.PutBucketReplication(context.Background(), &s3.PutBucketReplicationInput{Bucket: &bucket,
		ReplicationConfiguration: &types.ReplicationConfiguration{Role: aws.String(""), Rules: []types.ReplicationRule{{
			ID: aws.String("all"), Priority: aws.Int32(1), Status: types.ReplicationRuleStatusEnabled,
			Filter:                  &types.ReplicationRuleFilter{Prefix: aws.String("")},
			DeleteMarkerReplication: &types.DeleteMarkerReplication{Status: types.DeleteMarkerReplicationStatusEnabled},
			Destination:             &types.Destination{Bucket: aws.String(arn)}}}}})
	if err != nil {
		t.Fatal(err)
	}
}

func putObj(ctx context.Context, c *s3.Client, key string, i, gen int) error {
	body := strings.Repeat(fmt.Sprintf("%s gen %d;", key, gen), 1+i%50)
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: &key, Body: strings.NewReader(body),
		ContentType: aws.String("text/plain"), Metadata: map[string]string{"gen": strconv.Itoa(gen)}})
	return err
}

// entry is a key's current version in a listing, with metadata and tags.
type entry struct {
	etag, ctype string
	size        int64
	meta, tags  string
}

// diffBuckets compares current keys (ETag, size), then metadata and
// tags of every key; "" when equal.
func diffBuckets(t *testing.T, ac *s3.Client, ab string, bc *s3.Client, bb string) string {
	ea, eb := listing(t, ac, ab), listing(t, bc, bb)
	var diffs []string
	for k, x := range ea {
		if y, ok := eb[k]; !ok || x != y {
			diffs = append(diffs, k)
		}
	}
	for k := range eb {
		if _, ok := ea[k]; !ok {
			diffs = append(diffs, k+" (only on B)")
		}
	}
	if len(diffs) > 0 {
		sort.Strings(diffs)
		return fmt.Sprintf("%d keys differ, e.g. %v", len(diffs), diffs[:min(5, len(diffs))])
	}
	// Same keys and bytes: now metadata and tags.
	for k := range ea {
		x, y := details(t, ac, ab, k), details(t, bc, bb, k)
		if x != y {
			return fmt.Sprintf("%s: A %+v, B %+v", k, x, y)
		}
	}
	return ""
}

func listing(t *testing.T, c *s3.Client, bucket string) map[string]entry {
	out := map[string]entry{}
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: &bucket})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			out[*o.Key] = entry{etag: aws.ToString(o.ETag), size: aws.ToInt64(o.Size)}
		}
	}
	return out
}

func details(t *testing.T, c *s3.Client, bucket, key string) entry {
	ctx := context.Background()
	h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bucket, Key: &key})
	if err != nil {
		return entry{etag: "error " + err.Error()}
	}
	tg, err := c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: &bucket, Key: &key})
	if err != nil {
		return entry{etag: "error " + err.Error()}
	}
	tags := map[string]string{}
	for _, x := range tg.TagSet {
		tags[*x.Key] = *x.Value
	}
	return entry{etag: aws.ToString(h.ETag), ctype: aws.ToString(h.ContentType), size: aws.ToInt64(h.ContentLength),
		meta: fmt.Sprint(h.Metadata), tags: fmt.Sprint(tags)}
}

type statusDoc struct {
	Status  replication.Status `json:"status"`
	Resyncs []replication.Job  `json:"resyncs"`
}

func status(t *testing.T, lc *testenv.LocalCluster, endpoint string) statusDoc {
	t.Helper()
	b, err := testenv.AdminAs(context.Background(), endpoint, lc.Root.AccessKey, lc.Root.SecretKey, "GET", "/_strata/api/v1/replication/status", nil)
	if err != nil {
		t.Fatal(err)
	}
	var st statusDoc
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatalf("status %s: %v", b, err)
	}
	return st
}
