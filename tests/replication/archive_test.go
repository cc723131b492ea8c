package replicationtest

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// TestReplicateArchived: a version written as GLACIER replicates as
// stored, without a restore: A's status ends COMPLETED, and B holds it
// as GLACIER with the same ETag (archived there too).
func TestReplicateArchived(t *testing.T) {
	ctx := context.Background()
	a, b := startSite(t), startSite(t)
	a.bucket(t, "src")
	b.bucket(t, "dst")
	a.replicate(t, "src", a.target(t, "b", b, "dst"), true, false)
	body := bytes.Repeat([]byte("archive!"), 32<<10) // 256 KiB: chunks, not inline
	put, err := a.c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("cold"),
		Body: bytes.NewReader(body), StorageClass: types.StorageClassGlacier})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		h, err := a.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("src"), Key: aws.String("cold")})
		if err != nil {
			t.Fatal(err)
		}
		if h.ReplicationStatus == types.ReplicationStatusCompleted {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("A: replication status %q, want COMPLETED", h.ReplicationStatus)
		}
		time.Sleep(100 * time.Millisecond)
	}
	h, err := b.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("dst"), Key: aws.String("cold")})
	if err != nil {
		t.Fatal(err)
	}
	if h.StorageClass != types.StorageClassGlacier || aws.ToString(h.ETag) != aws.ToString(put.ETag) || aws.ToInt64(h.ContentLength) != int64(len(body)) {
		t.Fatalf("B: class %q ETag %s length %d", h.StorageClass, aws.ToString(h.ETag), aws.ToInt64(h.ContentLength))
	}
	if _, err := b.c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("dst"), Key: aws.String("cold")}); err == nil {
		t.Fatal("B serves an archived replica without a restore")
	}
}
