package usagetest

import (
	"bytes"
	"math/rand"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// workload runs a known mix on bucket w.bucket through c (whose tally is
// w.t) and adds what it did to w: n PUTs of sizes from 1 byte to about
// n KiB, n/2 GETs, 2 HEADs, 2 LISTs, 1 COPY, 2 DELETEs and one
// multi-object DELETE. Keys start at first, so that calls can follow
// each other on one bucket. Stops at the first error and returns it.
func workload(c *s3.Client, w *want, first, n int, seed int64) error {
	b := aws.String(w.bucket)
	rng := rand.New(rand.NewSource(seed))
	for i := first; i < first+n; i++ {
		data := make([]byte, 1+rng.Intn(1<<10)*(i-first+1))
		rng.Read(data)
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String(key(i)), Body: bytes.NewReader(data)}); err != nil {
			return err
		}
		w.put++
	}
	for i := first; i < first+n/2; i++ {
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: aws.String(key(i))})
		if err != nil {
			return err
		}
		w.get++
		if _, err := readAll(out); err != nil {
			return err
		}
	}
	for i := 0; i < 2; i++ {
		if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: aws.String(key(first))}); err != nil {
			return err
		}
		w.get++
		if _, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: b}); err != nil {
			return err
		}
		w.put++
	}
	if _, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: b, Key: aws.String(key(first) + ".copy"),
		CopySource: aws.String(w.bucket + "/" + key(first))}); err != nil {
		return err
	}
	w.put++
	for i := first + n - 2; i < first+n; i++ {
		if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: aws.String(key(i))}); err != nil {
			return err
		}
		w.delete++
	}
	_, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: b, Delete: &types.Delete{Objects: []types.ObjectIdentifier{
		{Key: aws.String(key(first) + ".copy")}, {Key: aws.String(key(first + 1))}}}})
	if err == nil {
		w.delete++
	}
	return err
}

func readAll(out *s3.GetObjectOutput) (int64, error) {
	defer out.Body.Close()
	var buf bytes.Buffer
	return buf.ReadFrom(out.Body)
}

// createBucket creates a bucket through c and counts it in w (the
// account's row with no bucket: the bucket has no owner until created).
func createBucket(t *testing.T, c *s3.Client, w *want, bucket string) {
	t.Helper()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	w.put++
}
