package archivetest

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestRestoreInCluster: in a 3-node cluster (etcd metadata, the worker
// run as an exclusive job), a restore asked on one gateway is made by
// whichever gateway runs the pass, and every gateway serves the copy.
func TestRestoreInCluster(t *testing.T) {
	c := testenv.StartCluster(t, testenv.ClusterOptions{Nodes: 3, Policy: "THREECOPIES"})
	c.WaitReady(t)
	b, key := "cold", "k"
	if _, err := c.S3(0).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	data := randBytes(2<<20, 13)
	if _, err := c.S3(0).PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: &key, Body: bytes.NewReader(data),
		StorageClass: types.StorageClassDeepArchive}); err != nil {
		t.Fatal(err)
	}
	_, err := c.S3(2).GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key})
	wantCode(t, err, "InvalidObjectState")
	if _, err := c.S3(1).RestoreObject(ctx, &s3.RestoreObjectInput{Bucket: &b, Key: &key,
		RestoreRequest: &types.RestoreRequest{Days: aws.Int32(1)}}); err != nil {
		t.Fatal(err)
	}
	asked := time.Now()
	// Every gateway's pass runs at most every 10 s, one at a time.
	waitFor(t, 90*time.Second, "restore done, seen from node 3", func() bool {
		_, r := headRestore(t, c.S3(2), b, key)
		return strings.HasPrefix(r, `ongoing-request="false"`)
	})
	t.Logf("restore done after %v", time.Since(asked))
	for i := range 3 {
		out, err := c.S3(i).GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key})
		if err != nil {
			t.Fatalf("node %d: %v", i+1, err)
		}
		got, _ := io.ReadAll(out.Body)
		out.Body.Close()
		if !bytes.Equal(got, data) {
			t.Fatalf("node %d reads other bytes", i+1)
		}
	}
}
