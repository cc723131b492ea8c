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

// TestRestoreSurvivesRestart: a restore request is recorded with the
// version, so a gateway stopped before making the copy makes it after
// its restart.
func TestRestoreSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	s := testenv.Start(t, testenv.Options{Dir: dir})
	c := s.S3()
	b, key := "cold", "k"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	data := randBytes(200<<10, 3)
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: &key, Body: bytes.NewReader(data),
		StorageClass: types.StorageClassGlacier}); err != nil {
		t.Fatal(err)
	}
	s.Objects.PauseRestores(true)
	if _, err := c.RestoreObject(ctx, &s3.RestoreObjectInput{Bucket: &b, Key: &key,
		RestoreRequest: &types.RestoreRequest{Days: aws.Int32(2)}}); err != nil {
		t.Fatal(err)
	}
	if _, r := headRestore(t, c, b, key); r != `ongoing-request="true"` {
		t.Fatalf("x-amz-restore before the restart: %q", r)
	}
	s.Close()

	s = testenv.Start(t, testenv.Options{Dir: dir})
	c = s.S3()
	waitFor(t, 60*time.Second, "restore done after the restart", func() bool {
		_, r := headRestore(t, c, b, key)
		return strings.HasPrefix(r, `ongoing-request="false"`)
	})
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if !bytes.Equal(got, data) {
		t.Fatal("restored bytes differ")
	}
}
