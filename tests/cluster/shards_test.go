package cluster

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestMetaShards runs a cluster with two metadata shards: the root shard
// (3 members on nodes 1-3) and shard 1 (its own etcd cluster on node4).
// New buckets go to both shards by score, and every gateway serves the
// buckets of both.
func TestMetaShards(t *testing.T) {
	peer, client := "http://"+testenv.FreeAddr(t), "http://"+testenv.FreeAddr(t)
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 4, Policy: "TWOCOPIES", Edit: func(i int, cfg *server.Config) {
		if i == 3 {
			cfg.Roles, cfg.Shard = nil, "1"
			cfg.MetaPeers, cfg.MetaClientURL = "node4="+peer, client
		}
	}})
	waitFor(t, "both shards registered", 10*time.Second, func() bool {
		svcs, _ := c.Node(0).Conscience().Services(ctx, "meta")
		return len(svcs) == 4
	})
	const buckets = 16
	for b := 0; b < buckets; b++ {
		name := fmt.Sprintf("shard-test-%02d", b)
		mkBucket(t, c.S3(b%4), name)
		data := randomBytes(uint64(b), 70<<10)
		mustPut(t, c.S3((b+1)%4), name, "k", data, "")
		got, err := get(c.S3((b+2)%4), name, "k")
		if err != nil || md5hex(got) != md5hex(data) {
			t.Fatalf("%s: %v", name, err)
		}
	}
	// Count the containers whose meta2 lives in shard 1's own cluster.
	cli, err := clientv3.New(clientv3.Config{Endpoints: []string{client}, DialTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	resp, err := cli.Get(cctx, "/strata/meta/c/", clientv3.WithPrefix(), clientv3.WithKeysOnly())
	if err != nil {
		t.Fatal(err)
	}
	inShard1 := map[string]bool{}
	for _, kv := range resp.Kvs {
		inShard1[string(kv.Key[len("/strata/meta/c/"):len("/strata/meta/c/")+32])] = true
	}
	t.Logf("%d of %d buckets placed on metadata shard 1", len(inShard1), buckets)
	if len(inShard1) == 0 || len(inShard1) == buckets {
		t.Fatalf("%d of %d buckets on shard 1: placement does not use both shards", len(inShard1), buckets)
	}
}

// TestBucketChangesReachEveryGateway: gateways cache bucket lookups; a
// change made through another gateway must be seen at once (the cache
// follows meta1 changes).
func TestBucketChangesReachEveryGateway(t *testing.T) {
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 3, Policy: "TWOCOPIES"})
	mkBucket(t, c.S3(0), "coherent")
	mustPut(t, c.S3(0), "coherent", "warm", []byte("cache the bucket on node1"), "")
	if _, err := c.S3(1).PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String("coherent"),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for {
		mustPut(t, c.S3(0), "coherent", "k", []byte("v1"), "")
		mustPut(t, c.S3(0), "coherent", "k", []byte("v2"), "")
		out, err := c.S3(0).ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String("coherent"), Prefix: aws.String("k")})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Versions) >= 2 {
			break
		}
		// Milliseconds alone; under `go test ./...` on 2 cores the watch
		// can lag behind other packages' load for a few seconds.
		if time.Since(start) > 10*time.Second {
			t.Fatal("node1 still writes unversioned 10 s after versioning was enabled through node2")
		}
	}
	t.Logf("versioning enabled through node2 applied by node1 after %v", time.Since(start))

	// Gateways cache a bucket's configuration documents by the bucket's
	// configuration generation: a policy set, then deleted, through node2
	// reaches node1's warm cache.
	policyOn := func(want bool) {
		t.Helper()
		start := time.Now()
		for {
			docs, err := c.Node(0).Objects.BucketConfigs(ctx, "coherent", "policy", "acl")
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := docs["policy"]; ok == want {
				return
			}
			if time.Since(start) > 10*time.Second {
				t.Fatalf("node1 still reads policy=%v 10 s after node2 changed it", !want)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	policyOn(false)
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::coherent/*"}]}`
	if _, err := c.S3(1).PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("coherent"), Policy: &policy}); err != nil {
		t.Fatal(err)
	}
	policyOn(true)
	if _, err := c.S3(1).DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String("coherent")}); err != nil {
		t.Fatal(err)
	}
	policyOn(false)
	if _, err := c.S3(2).DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("gone")}); err == nil {
		t.Fatal("deleting a missing bucket succeeded")
	}
}

// TestGrowMetadataTier adds a fourth metadata member to a running
// 3-member cluster with --meta-join: it becomes a voting member with a
// copy of the directory, and the cluster keeps its quorum when a founding
// member stops.
func TestGrowMetadataTier(t *testing.T) {
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 3, Policy: "TWOCOPIES"})
	mkBucket(t, c.S3(0), "grow-meta")
	mustPut(t, c.S3(0), "grow-meta", "before", []byte("written by 3 members"), "")
	client := "http://" + testenv.FreeAddr(t)
	i := c.AddNode(t, func(cfg *server.Config) {
		cfg.Roles = nil
		cfg.MetaJoin, cfg.MetaPeerURL, cfg.MetaClientURL = true, "http://"+testenv.FreeAddr(t), client
	})
	cli, err := clientv3.New(clientv3.Config{Endpoints: []string{client}, DialTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	list, err := cli.MemberList(cctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range list.Members {
		names = append(names, m.Name)
		if m.IsLearner {
			t.Fatalf("member %s is a learner", m.Name)
		}
	}
	if len(list.Members) != 4 {
		t.Fatalf("members %v, want 4", names)
	}
	// The new member holds the directory (a local, serializable read).
	resp, err := cli.Get(cctx, "/strata/meta/m1/b/grow-meta", clientv3.WithSerializable())
	if err != nil || len(resp.Kvs) != 1 {
		t.Fatalf("bucket record on the new member: %v %v", resp, err)
	}
	c.Stop(0)
	mustPut(t, c.S3(i), "grow-meta", "after", []byte("written with node1 down"), "")
	if got, err := get(c.S3(1), "grow-meta", "before"); err != nil || string(got) != "written by 3 members" {
		t.Fatalf("read back: %q %v", got, err)
	}
	t.Logf("metadata members after the join: %v", names)
}
