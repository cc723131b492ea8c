package replicationtest

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/testenv"
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

// TestReplicateDeletesAndTags: tag changes, delete markers (the rule
// replicates them) and version deletes reach B; B ends with A's state.
func TestReplicateDeletesAndTags(t *testing.T) {
	ctx := context.Background()
	a, b := startSite(t), startSite(t)
	a.bucket(t, "src")
	b.bucket(t, "dst")
	a.replicate(t, "src", a.target(t, "b", b, "dst"), true, false)
	for _, k := range []string{"keep", "tagged", "gone", "rolled"} {
		a.put(t, "src", k, "v1 of "+k, nil, nil)
	}
	a.put(t, "src", "rolled", "v2 of rolled", nil, nil)
	converge(t, a, "src", b, "dst", 30*time.Second)

	if _, err := a.c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: ptr("src"), Key: ptr("tagged"),
		Tagging: &types.Tagging{TagSet: []types.Tag{{Key: ptr("k"), Value: ptr("v")}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: ptr("src"), Key: ptr("gone")}); err != nil {
		t.Fatal(err)
	}
	// Remove the latest version of "rolled": v1 is current again.
	h, err := a.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: ptr("src"), Key: ptr("rolled")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: ptr("src"), Key: ptr("rolled"), VersionId: h.VersionId}); err != nil {
		t.Fatal(err)
	}
	converge(t, a, "src", b, "dst", 30*time.Second)
	st := b.state(t, "dst")
	if _, ok := st["gone"]; ok {
		t.Fatalf("B still has the deleted key")
	}
	if st["rolled"].body != "v1 of rolled" || st["tagged"].tags["k"] != "v" {
		t.Fatalf("B: rolled %v, tagged %v", st["rolled"], st["tagged"])
	}
	// B's delete is a delete marker, itself marked REPLICA.
	vs, err := b.c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: ptr("dst"), Prefix: ptr("gone")})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs.DeleteMarkers) != 1 {
		t.Fatalf("B: %d delete markers for gone, want 1", len(vs.DeleteMarkers))
	}
}

// TestDeleteMarkersNotReplicated: with DeleteMarkerReplication Disabled,
// a delete on A leaves B's copy in place.
func TestDeleteMarkersNotReplicated(t *testing.T) {
	ctx := context.Background()
	a, b := startSite(t), startSite(t)
	a.bucket(t, "src")
	b.bucket(t, "dst")
	a.replicate(t, "src", a.target(t, "b", b, "dst"), false, false)
	a.put(t, "src", "stays", "x", nil, nil)
	a.put(t, "src", "marker", "y", nil, nil)
	converge(t, a, "src", b, "dst", 30*time.Second)
	if _, err := a.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: ptr("src"), Key: ptr("marker")}); err != nil {
		t.Fatal(err)
	}
	// A later write on another key is replicated after the delete's
	// event (same relay order), so once it is on B the delete was seen.
	a.put(t, "src", "after", "z", nil, nil)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, ok := b.state(t, "dst")["after"]; ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the write after the delete never reached B")
		}
		time.Sleep(200 * time.Millisecond)
	}
	waitDrained(t, a)
	if _, ok := b.state(t, "dst")["marker"]; !ok {
		t.Fatal("B lost a key whose delete marker the rule does not replicate")
	}
}

// TestActiveActive: each side replicates to the other; a write on each
// side converges both, and the replicas' events are not sent back (the
// count of replications stays at one per write: no ping-pong).
func TestActiveActive(t *testing.T) {
	a, b := startSite(t), startSite(t)
	a.bucket(t, "both-sides")
	b.bucket(t, "both-sides")
	a.replicate(t, "both-sides", a.target(t, "b", b, "both-sides"), true, false)
	b.replicate(t, "both-sides", b.target(t, "a", a, "both-sides"), true, false)

	a.put(t, "both-sides", "from-a", "written on A", nil, nil)
	b.put(t, "both-sides", "from-b", "written on B", nil, nil)
	a.put(t, "both-sides", "both", "A's version", nil, nil)
	time.Sleep(1100 * time.Millisecond) // a later second: B's write is the newer one
	b.put(t, "both-sides", "both", "B's version", nil, nil)
	converge(t, a, "both-sides", b, "both-sides", 30*time.Second)
	waitDrained(t, a)
	waitDrained(t, b)
	// Both in-process sites count into the same metrics: these are the
	// replications of the whole exchange.
	t.Logf("replication operations, both sides: %s", opCounts(t, a))
	st := a.state(t, "both-sides")
	if st["both"].body != "B's version" {
		t.Fatalf("conflict: both sides hold %q, want the later write (B's)", st["both"].body)
	}
	// Every version on either side: 3 writes on each side's own keys
	// plus their replicas, nothing more.
	for name, s := range map[string]*site{"A": a, "B": b} {
		vs, err := s.c.ListObjectVersions(context.Background(), &s3.ListObjectVersionsInput{Bucket: ptr("both-sides")})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(vs.Versions) + len(vs.DeleteMarkers); n > 4 {
			t.Errorf("%s holds %d versions for 4 writes: replication ping-pong", name, n)
		}
	}
}

// waitDrained waits for a site's replication lanes to be empty.
func waitDrained(t *testing.T, s *site) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		st, err := s.Node.Replication().Status(context.Background(), "")
		if err != nil {
			t.Fatal(err)
		}
		if st.Queued == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("replication lanes still hold %d events", st.Queued)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestReplicateMultipart: a multipart object (17 MiB, spooled through a
// file) keeps its parts and so its ETag on B; its metadata goes along.
func TestReplicateMultipart(t *testing.T) {
	ctx := context.Background()
	a, b := startSite(t), startSite(t)
	a.bucket(t, "src")
	b.bucket(t, "dst")
	a.replicate(t, "src", a.target(t, "b", b, "dst"), true, false)
	up, err := a.c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: ptr("src"), Key: ptr("big"),
		Metadata: map[string]string{"kind": "multi"}})
	if err != nil {
		t.Fatal(err)
	}
	var parts []types.CompletedPart
	for i, size := range []int{17 << 20, 1 << 20} {
		n := int32(i + 1)
		body := bytes.Repeat([]byte{byte('a' + i)}, size)
		out, err := a.c.UploadPart(ctx, &s3.UploadPartInput{Bucket: ptr("src"), Key: ptr("big"), UploadId: up.UploadId,
			PartNumber: &n, Body: bytes.NewReader(body)})
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, types.CompletedPart{ETag: out.ETag, PartNumber: &n})
	}
	if _, err := a.c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: ptr("src"), Key: ptr("big"),
		UploadId: up.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the multipart object on B", func() bool {
		_, err := b.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: ptr("dst"), Key: ptr("big")})
		return err == nil
	})
	ha, _ := a.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: ptr("src"), Key: ptr("big")})
	hb, err := b.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: ptr("dst"), Key: ptr("big")})
	if err != nil {
		t.Fatal(err)
	}
	if *ha.ETag != *hb.ETag || *hb.ContentLength != 18<<20 || hb.Metadata["kind"] != "multi" {
		t.Fatalf("B: etag %s (A %s), size %d, meta %v", *hb.ETag, *ha.ETag, *hb.ContentLength, hb.Metadata)
	}
	waitFor(t, "COMPLETED on A", func() bool { return headStatus(t, a, "src", "big") == "COMPLETED" })
}

// TestReplicaModifications: with ReplicaModifications on both sides, a
// tag change made on B's replica goes back to A's original.
func TestReplicaModifications(t *testing.T) {
	ctx := context.Background()
	a, b := startSite(t), startSite(t)
	a.bucket(t, "two-way")
	b.bucket(t, "two-way")
	a.replicate(t, "two-way", a.target(t, "b", b, "two-way"), true, true)
	b.replicate(t, "two-way", b.target(t, "a", a, "two-way"), true, true)
	a.put(t, "two-way", "doc", "text", nil, map[string]string{"v": "1"})
	converge(t, a, "two-way", b, "two-way", 30*time.Second)
	if _, err := b.c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: ptr("two-way"), Key: ptr("doc"),
		Tagging: &types.Tagging{TagSet: []types.Tag{{Key: ptr("v"), Value: ptr("2")}}}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "B's tag change on A", func() bool { return a.state(t, "two-way")["doc"].tags["v"] == "2" })
	converge(t, a, "two-way", b, "two-way", 30*time.Second)
	waitDrained(t, a)
	waitDrained(t, b)
	for name, s := range map[string]*site{"A": a, "B": b} {
		vs, err := s.c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: ptr("two-way")})
		if err != nil {
			t.Fatal(err)
		}
		if len(vs.Versions) != 1 {
			t.Errorf("%s holds %d versions of one write: tags must sync in place", name, len(vs.Versions))
		}
	}
}

// opCounts reads strata_replication_operations_total from a node's metrics.
func opCounts(t *testing.T, s *site) string {
	return fmt.Sprint(testenv.ReadMetrics(t, s.URL()).By("strata_replication_operations_total", "op"))
}
