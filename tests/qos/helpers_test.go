package qostest

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/strata-storage/strata/internal/qos"
)

var ctx = context.Background()

// client is an S3 client that does not retry: the SDK retries SlowDown
// on its own, and the tests want to see every answer.
func client(endpoint, ak, sk string) *s3.Client {
	return s3.New(s3.Options{BaseEndpoint: aws.String(endpoint), Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(ak, sk, ""), UsePathStyle: true,
		Retryer: aws.NopRetryer{}})
}

// isSlowDown reports whether err is S3's 503 SlowDown with AWS's message.
func isSlowDown(err error) bool {
	var ae smithy.APIError
	var re *awshttp.ResponseError
	return errors.As(err, &ae) && ae.ErrorCode() == "SlowDown" && ae.ErrorMessage() == "Please reduce your request rate." &&
		errors.As(err, &re) && re.HTTPStatusCode() == http.StatusServiceUnavailable
}

// list sends one ListObjectsV2 and sorts the outcome.
func list(c *s3.Client, bucket string) (ok bool, err error) {
	_, err = c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &bucket})
	switch {
	case err == nil:
		return true, nil
	case isSlowDown(err):
		return false, nil
	}
	return false, err
}

// count sends n listings and returns how many passed; any error but
// SlowDown fails the test.
func count(t *testing.T, c *s3.Client, bucket string, n int) int {
	t.Helper()
	passed := 0
	for range n {
		ok, err := list(c, bucket)
		if err != nil {
			t.Fatalf("list %s: %v", bucket, err)
		}
		if ok {
			passed++
		}
	}
	return passed
}

func mkBucket(t *testing.T, c *s3.Client, name string) {
	t.Helper()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &name}); err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
}

func put(c *s3.Client, bucket, key string, body []byte) error {
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: bytes.NewReader(body)})
	return err
}

func setLimit(t *testing.T, l *qos.Limiter, sc qos.Scope, lim qos.Limit) {
	t.Helper()
	if err := l.Store().Set(ctx, sc, lim); err != nil {
		t.Fatal(err)
	}
}

func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > limit {
			t.Fatalf("%s: not within %v", what, limit)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return time.Since(start)
}
