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

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestRestoreVersionSSE: a noncurrent, SSE-S3 encrypted GLACIER version
// is restored by its version id; the current version is untouched, and
// the restored copy decrypts to the bytes written.
func TestRestoreVersionSSE(t *testing.T) {
	s := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.KMSKeys = []string{"testkey-1"} }})
	c := s.S3()
	b, key := "cold", "doc"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: &b,
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatal(err)
	}
	old := randBytes(1<<20+4321, 11)
	v1, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: &key, Body: bytes.NewReader(old),
		StorageClass: types.StorageClassGlacier, ServerSideEncryption: types.ServerSideEncryptionAes256})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: &key, Body: strings.NewReader("current"),
		StorageClass: types.StorageClassGlacier}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RestoreObject(ctx, &s3.RestoreObjectInput{Bucket: &b, Key: &key, VersionId: v1.VersionId,
		RestoreRequest: &types.RestoreRequest{Days: aws.Int32(1)}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "restore of the old version", func() bool {
		out, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: &key, VersionId: v1.VersionId})
		return err == nil && strings.HasPrefix(aws.ToString(out.Restore), `ongoing-request="false"`)
	})
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key, VersionId: v1.VersionId})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if !bytes.Equal(got, old) || out.ServerSideEncryption != types.ServerSideEncryptionAes256 {
		t.Fatalf("restored old version: equal %v, sse %q", bytes.Equal(got, old), out.ServerSideEncryption)
	}
	// The current version is still archived.
	_, restore := headRestore(t, c, b, key)
	if restore != "" {
		t.Fatalf("current version's x-amz-restore: %q", restore)
	}
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key})
	wantCode(t, err, "InvalidObjectState")
}
