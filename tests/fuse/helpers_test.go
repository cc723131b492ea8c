package fusetest

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/testenv"
)

var ctx = context.Background()

// mounted starts a node with a bucket and mounts it.
func mounted(t *testing.T, opts testenv.Options) (*testenv.Server, *s3.Client, string) {
	t.Helper()
	testenv.RequireFUSE(t)
	s := testenv.Start(t, opts)
	c := s.S3()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("files")}); err != nil {
		t.Fatal(err)
	}
	return s, c, testenv.Mount(t, s.URL(), "files", fuse.Options{})
}
