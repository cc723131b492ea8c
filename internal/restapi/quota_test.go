package restapi_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestQuotaRoutes sets a bucket quota through the API, sees it refuse a
// PUT through S3 and report usage and a soft-limit alert; another account
// may not touch it.
func TestQuotaRoutes(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	root := rootClient(t, s)
	c := s.S3()
	if _, err := c.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String("quotabkt")}); err != nil {
		t.Fatal(err)
	}
	var set map[string]any
	root.ok("PUT", "/quotas/bucket/quotabkt", map[string]any{"max_bytes": 1000, "soft_bytes": 500}, &set)
	if set["kind"] != "bucket" || set["name"] != "quotabkt" || set["max_bytes"].(float64) != 1000 {
		t.Fatalf("set: %v", set)
	}
	if _, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("quotabkt"), Key: aws.String("a"), Body: bytes.NewReader(make([]byte, 600))}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("quotabkt"), Key: aws.String("b"), Body: bytes.NewReader(make([]byte, 600))}); err == nil {
		t.Fatal("PUT past the quota accepted")
	}
	var st struct {
		MaxBytes int64 `json:"max_bytes"`
		Usage    struct {
			Objects      int64 `json:"objects"`
			LogicalBytes int64 `json:"logical_bytes"`
		} `json:"usage"`
	}
	root.ok("GET", "/quotas/bucket/quotabkt", nil, &st)
	if st.MaxBytes != 1000 || st.Usage.Objects != 1 || st.Usage.LogicalBytes != 600 {
		t.Fatalf("status: %+v", st)
	}
	var alerts []map[string]any
	root.ok("GET", "/quotas/alerts", nil, &alerts)
	if len(alerts) != 1 || alerts[0]["resource"] != "bytes" || alerts[0]["used"].(float64) != 600 {
		t.Fatalf("alerts: %v", alerts)
	}
	var list []map[string]any
	root.ok("GET", "/quotas", nil, &list)
	if len(list) != 1 {
		t.Fatalf("list: %v", list)
	}
	root.fails("PUT", "/quotas/galaxy/x", map[string]any{"max_bytes": 1}, http.StatusBadRequest, "InvalidRequest")
	root.fails("PUT", "/quotas/bucket/quotabkt", map[string]any{"max_bytes": -1}, http.StatusBadRequest, "InvalidRequest")
	root.fails("PUT", "/quotas/bucket/nosuch", map[string]any{"max_bytes": 1}, http.StatusNotFound, "NotFound")
	alt := root.as(testenv.AltAccessKey, testenv.AltSecretKey)
	alt.fails("DELETE", "/quotas/bucket/quotabkt", nil, http.StatusForbidden, "AccessDenied")
	alt.fails("GET", "/quotas/bucket/quotabkt", nil, http.StatusForbidden, "AccessDenied")
	// An account's root reads its own quotas and its buckets', and may not
	// change them.
	alt.ok("POST", "/buckets", map[string]any{"name": "altbkt"}, nil)
	root.ok("PUT", "/quotas/bucket/altbkt", map[string]any{"max_objects": 7}, nil)
	root.ok("PUT", "/quotas/account/alt", map[string]any{"max_bytes": 1 << 20}, nil)
	var own struct {
		MaxObjects int64 `json:"max_objects"`
		MaxBytes   int64 `json:"max_bytes"`
	}
	alt.ok("GET", "/quotas/bucket/altbkt", nil, &own)
	alt.ok("GET", "/quotas/account/alt", nil, &own)
	if own.MaxBytes != 1<<20 {
		t.Fatalf("alt's account quota as alt reads it: %+v", own)
	}
	alt.fails("GET", "/quotas/account/root", nil, http.StatusForbidden, "AccessDenied")
	alt.fails("PUT", "/quotas/bucket/altbkt", map[string]any{"max_objects": 70}, http.StatusForbidden, "AccessDenied")
	root.ok("DELETE", "/quotas/bucket/quotabkt", nil, nil)
	root.fails("GET", "/quotas/bucket/quotabkt", nil, http.StatusNotFound, "NotFound")
	if _, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("quotabkt"), Key: aws.String("b"), Body: bytes.NewReader(make([]byte, 600))}); err != nil {
		t.Fatalf("PUT once the quota is gone: %v", err)
	}
}
