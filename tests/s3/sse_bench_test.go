package s3test

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

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

// BenchmarkSSEInterleaved runs plain and SSE-S3 requests alternately, so
// that load from elsewhere on a shared machine falls on both alike, and
// reports each one's MB/s and the SSE/plain ratios:
//
//	go test -run x -bench BenchmarkSSEInterleaved -benchtime 20x ./tests/s3/
func BenchmarkSSEInterleaved(b *testing.B) {
	s := testenv.Start(b, testenv.Options{})
	c := s.S3()
	bucket := "bench"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		b.Fatal(err)
	}
	data := randBytes(16<<20, 1)
	modes := []types.ServerSideEncryption{"", types.ServerSideEncryptionAes256}
	var put, get [2]time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for m, sse := range modes {
			key := fmt.Sprint("obj-", m)
			start := time.Now()
			if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: bytes.NewReader(data), ServerSideEncryption: sse}); err != nil {
				b.Fatal(err)
			}
			put[m] += time.Since(start)
			start = time.Now()
			out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key})
			if err != nil {
				b.Fatal(err)
			}
			n, err := io.Copy(io.Discard, out.Body)
			out.Body.Close()
			if err != nil || n != int64(len(data)) {
				b.Fatalf("read %d bytes: %v", n, err)
			}
			get[m] += time.Since(start)
		}
	}
	mbs := func(d time.Duration) float64 { return float64(len(data)) * float64(b.N) / d.Seconds() / 1e6 }
	b.ReportMetric(mbs(put[0]), "put-plain-MB/s")
	b.ReportMetric(mbs(put[1]), "put-sse-MB/s")
	b.ReportMetric(mbs(get[0]), "get-plain-MB/s")
	b.ReportMetric(mbs(get[1]), "get-sse-MB/s")
	b.ReportMetric(put[0].Seconds()/put[1].Seconds(), "put-sse/plain")
	b.ReportMetric(get[0].Seconds()/get[1].Seconds(), "get-sse/plain")
}
