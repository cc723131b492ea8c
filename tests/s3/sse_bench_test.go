package s3test

import (
	"bytes"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/testenv"
)

// BenchmarkSSE compares 16 MiB PUTs and GETs, plain and SSE-S3, on one
// embedded server (client and server in this process):
//
//	go test -run x -bench BenchmarkSSE -benchtime 20x ./tests/s3/
func BenchmarkSSE(b *testing.B) {
	s := testenv.Start(b, testenv.Options{})
	c := s.S3()
	bucket := "bench"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		b.Fatal(err)
	}
	data := randBytes(16<<20, 1)
	for _, mode := range []struct {
		name string
		sse  types.ServerSideEncryption
	}{{"plain", ""}, {"SSE-S3", types.ServerSideEncryptionAes256}} {
		key := "obj-" + mode.name
		b.Run("PUT/"+mode.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: bytes.NewReader(data),
					ServerSideEncryption: mode.sse}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("GET/"+mode.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: aws.String(key)})
				if err != nil {
					b.Fatal(err)
				}
				n, err := io.Copy(io.Discard, out.Body)
				out.Body.Close()
				if err != nil || n != int64(len(data)) {
					b.Fatalf("read %d bytes: %v", n, err)
				}
			}
		})
	}
}
