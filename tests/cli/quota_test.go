package clitest

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestQuotaCLI sets, shows, lists and removes a bucket quota with strata
// quota, over the REST API, and sees the soft-limit alert.
func TestQuotaCLI(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	ep := s.URL()
	c := s.S3()
	ctx := context.Background()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("quotacli")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("quotacli"), Key: aws.String("k"),
		Body: bytes.NewReader(make([]byte, 2048))}); err != nil {
		t.Fatal(err)
	}
	out := mustCLI(t, ep, "quota", "set", "bucket/quotacli", "--max-bytes", "1MiB", "--soft-bytes", "1KiB", "--max-objects", "10")
	if !strings.HasPrefix(out, "SCOPE") || !strings.Contains(out, "bucket/quotacli") || !strings.Contains(out, "1048576") {
		t.Fatalf("set:\n%s", out)
	}
	if out := mustCLI(t, ep, "quota", "get", "bucket/quotacli"); !strings.Contains(out, "2048") || !strings.Contains(out, "BYTES") {
		t.Fatalf("get:\n%s", out)
	}
	if out := mustCLI(t, ep, "quota", "alerts"); !strings.Contains(out, "bucket/quotacli") || !strings.Contains(out, "bytes") {
		t.Fatalf("alerts:\n%s", out)
	}
	if out := mustCLI(t, ep, "quota", "list", "--json"); !strings.Contains(out, `"max_objects": 10`) {
		t.Fatalf("list --json:\n%s", out)
	}
	if out, err := strataCLI(t, ep, "quota", "set", "disk/x", "--max-bytes", "1"); err == nil {
		t.Fatalf("bad scope accepted:\n%s", out)
	}
	mustCLI(t, ep, "quota", "delete", "bucket/quotacli")
	if out := mustCLI(t, ep, "quota", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("list after delete:\n%s", out)
	}
}
