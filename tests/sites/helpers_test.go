package sites

import (
	"bytes"
	"context"
	"crypto/md5"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

var ctx = context.Background()

func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func mkBucket(t testing.TB, c *s3.Client, name string) {
	t.Helper()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
}

// noRetry makes one attempt: a 503 must reach the test, not be retried.
func noRetry(o *s3.Options) { o.RetryMaxAttempts = 1 }

// put writes an object in one attempt; class "" is the default.
func put(c *s3.Client, bucket, key string, data []byte, class string) error {
	in := &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(data)}
	if class != "" {
		in.StorageClass = types.StorageClass(class)
	}
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	_, err := c.PutObject(cctx, in, noRetry)
	return err
}

// get reads an object whole.
func get(c *s3.Client, bucket, key string) ([]byte, error) {
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	out, err := c.GetObject(cctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		return nil, err
	}
	defer out.Body.Close()
	return io.ReadAll(out.Body)
}

// status is the HTTP status of an S3 error (0 if none).
func status(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// mustRead checks that every object of want reads back with its bytes.
func mustRead(t testing.TB, c *s3.Client, bucket string, want map[string][md5.Size]byte, from string) {
	t.Helper()
	for key, sum := range want {
		b, err := get(c, bucket, key)
		if err != nil {
			t.Fatalf("read %s from %s: %v", key, from, err)
		}
		if md5.Sum(b) != sum {
			t.Fatalf("read %s from %s: %d bytes differ from what was acknowledged", key, from, len(b))
		}
	}
}

func siteOf(i int) string { return fmt.Sprintf("site%d", i%2+1) }
