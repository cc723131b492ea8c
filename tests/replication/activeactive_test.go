package replicationtest

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestActiveActiveClusters runs two `strata cluster local` clusters,
// each replicating the bucket "shared" to the other (targets added with
// the CLI). Both sides write at once: keys of their own, deletes, and
// keys written on both sides. Both end with the same keys and the same
// versions, one per write and no more (a replica is never sent back),
// and the replication counters stop moving once both are drained.
func TestActiveActiveClusters(t *testing.T) {
	a := testenv.StartLocalCluster(t, testenv.LocalOptions{Nodes: 1, Args: []string{"--meta", "1"}, IPBase: "127.0.1.11"})
	b := testenv.StartLocalCluster(t, testenv.LocalOptions{Nodes: 1, Args: []string{"--meta", "1"}, IPBase: "127.0.2.11"})
	ctx := context.Background()
	ac, bc := a.S3("node1"), b.S3("node1")
	an, _, _ := a.File.Node("node1")
	bn, _, _ := b.File.Node("node1")
	sides := []struct {
		name     string
		lc       *testenv.LocalCluster
		c        *s3.Client
		endpoint string
	}{{"A", a, ac, an.S3}, {"B", b, bc, bn.S3}}
	for i, s := range sides {
		mkBucket(t, s.c, "shared")
		other := sides[1-i]
		out, err := exec.Command(testenv.Binary(t), "replicate", "target", "add", "to-"+other.name, "--server", s.endpoint,
			"--data", s.lc.Dir, "--endpoint", other.endpoint, "--bucket", "shared",
			"--access-key", other.lc.Root.AccessKey, "--secret-key", other.lc.Root.SecretKey).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: replicate target add: %v\n%s", s.name, err, out)
		}
		putRuleOn(t, s.c, "shared", strings.TrimSpace(strings.Split(string(out), "\n")[0]))
	}

	// Each side: 60 keys of its own, a delete of every fifth, and 20 keys
	// that the other side writes too, at the same time.
	const own, both = 60, 20
	var wg sync.WaitGroup
	writes := make([]int, 2)
	for i, s := range sides {
		wg.Go(func() {
			for k := range own {
				key := fmt.Sprintf("%s/%03d", strings.ToLower(s.name), k)
				putShared(t, s.c, key, s.name+" "+key)
				writes[i]++
				if k%5 == 0 {
					if _, err := s.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("shared"), Key: &key}); err != nil {
						t.Errorf("%s delete %s: %v", s.name, key, err)
					}
					writes[i]++
				}
			}
			for k := range both {
				putShared(t, s.c, fmt.Sprintf("both/%03d", k), s.name+" wrote it")
				writes[i]++
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}

	// Converged: same current keys, bytes, metadata and tags.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		diff := diffBuckets(t, ac, "shared", bc, "shared")
		if diff == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("A and B did not converge: %s", diff)
		}
		time.Sleep(500 * time.Millisecond)
	}
	for _, s := range sides {
		drained(t, s.lc, s.endpoint)
	}
	ops := []map[string]int{replOps(t, an.S3), replOps(t, bn.S3)}

	// One version (or delete marker) per write on each side, with the
	// same ids on both: a replica sent back would add one.
	total := writes[0] + writes[1]
	ids := make([]map[string]bool, 2)
	for i, s := range sides {
		ids[i] = versionIDs(t, s.c, "shared")
		if len(ids[i]) != total {
			t.Errorf("%s holds %d versions and markers for %d writes (A %d, B %d)", s.name, len(ids[i]), total, writes[0], writes[1])
		}
	}
	for id := range ids[0] {
		if !ids[1][id] {
			t.Errorf("version %s is on A only", id)
		}
	}

	// Nothing moves any more: no copy goes round in a loop.
	time.Sleep(3 * time.Second)
	for i, s := range sides {
		if again := replOps(t, s.endpoint); fmt.Sprint(again) != fmt.Sprint(ops[i]) {
			t.Errorf("%s kept replicating after both were drained: %v, then %v", s.name, ops[i], again)
		}
	}
	t.Logf("writes: A %d, B %d; replication operations on A %v, on B %v", writes[0], writes[1], ops[0], ops[1])
}

func putRuleOn(t *testing.T, c *s3.Client, bucket, arn string) {
	t.Helper()
	if !strings.HasPrefix(arn, "arn:strata:s3:::target/") {
		t.Fatalf("target add printed %q", arn)
	}
	putRule(t, c, bucket, arn)
}

func putShared(t *testing.T, c *s3.Client, key, body string) {
	t.Helper()
	_, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("shared"), Key: &key,
		Body: strings.NewReader(body), ContentType: aws.String("text/plain")})
	if err != nil {
		t.Errorf("put %s: %v", key, err)
	}
}

// drained waits until a cluster's lanes and backlog are empty twice in
// a row, a second apart.
func drained(t *testing.T, lc *testenv.LocalCluster, endpoint string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for empty := 0; empty < 2; {
		st := status(t, lc, endpoint)
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
}

// versionIDs lists every version id and delete marker id of a bucket.
func versionIDs(t *testing.T, c *s3.Client, bucket string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	p := s3.NewListObjectVersionsPaginator(c, &s3.ListObjectVersionsInput{Bucket: &bucket})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range page.Versions {
			out[aws.ToString(v.Key)+"@"+aws.ToString(v.VersionId)] = true
		}
		for _, m := range page.DeleteMarkers {
			out[aws.ToString(m.Key)+"@"+aws.ToString(m.VersionId)] = true
		}
	}
	return out
}

// replOps reads strata_replication_operations_total by op from a node.
func replOps(t *testing.T, endpoint string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for op, n := range testenv.ReadMetrics(t, endpoint).By("strata_replication_operations_total", "op") {
		out[op] = int(n)
	}
	return out
}
