package replicationtest

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// TestReplicatePuts: objects written on A (new keys, an overwrite, tags,
// metadata) reach B with their bytes, metadata and tags; A's versions
// end COMPLETED and B's copies are REPLICA.
func TestReplicatePuts(t *testing.T) {
	a, b := startSite(t), startSite(t)
	a.bucket(t, "src")
	b.bucket(t, "dst")
	a.replicate(t, "src", a.target(t, "b", b, "dst"), true, false)

	a.put(t, "src", "k1", "one", map[string]string{"color": "red"}, map[string]string{"team": "x"})
	a.put(t, "src", "dir/k2", "two", nil, nil)
	a.put(t, "src", "k1", "one again", map[string]string{"color": "blue"}, nil)
	converge(t, a, "src", b, "dst", 30*time.Second)

	for k, o := range b.state(t, "dst") {
		if o.status != "REPLICA" {
			t.Errorf("B %s: replication status %q, want REPLICA", k, o.status)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for k := range a.state(t, "src") {
		for {
			h, err := a.c.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: ptr("src"), Key: &k})
			if err != nil {
				t.Fatal(err)
			}
			if h.ReplicationStatus == "COMPLETED" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("A %s: replication status %q, want COMPLETED", k, h.ReplicationStatus)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}

func ptr(s string) *string { return &s }
