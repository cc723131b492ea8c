package sharding

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/server"
)

var ctx = context.Background()

func put(t *testing.T, c *s3.Client, bucket, key string) {
	t.Helper()
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: bytes.NewReader([]byte("v:" + key))}); err != nil {
		t.Fatalf("put %s: %v", key, err)
	}
}

// get checks a key's body.
func get(t *testing.T, c *s3.Client, bucket, key string) {
	t.Helper()
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key})
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	b, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if string(b) != "v:"+key {
		t.Fatalf("get %s: body %q", key, b)
	}
}

// listAll lists every key with ListObjectsV2 in pages of page keys.
func listAll(t *testing.T, c *s3.Client, bucket, prefix, delim string, page int32) (keys, prefixes []string) {
	t.Helper()
	in := &s3.ListObjectsV2Input{Bucket: &bucket, MaxKeys: aws.Int32(page)}
	if prefix != "" {
		in.Prefix = &prefix
	}
	if delim != "" {
		in.Delimiter = &delim
	}
	for {
		out, err := c.ListObjectsV2(ctx, in)
		if err != nil {
			t.Fatalf("list: %v", err)
		}
		for _, o := range out.Contents {
			keys = append(keys, *o.Key)
		}
		for _, p := range out.CommonPrefixes {
			prefixes = append(prefixes, *p.Prefix)
		}
		if !aws.ToBool(out.IsTruncated) {
			return keys, prefixes
		}
		in.ContinuationToken = out.NextContinuationToken
	}
}

// listVersions lists every version key with ListObjectVersions in pages.
func listVersions(t *testing.T, c *s3.Client, bucket string, page int32) []string {
	t.Helper()
	in := &s3.ListObjectVersionsInput{Bucket: &bucket, MaxKeys: aws.Int32(page)}
	var keys []string
	for {
		out, err := c.ListObjectVersions(ctx, in)
		if err != nil {
			t.Fatalf("list versions: %v", err)
		}
		for _, v := range out.Versions {
			keys = append(keys, *v.Key)
		}
		if !aws.ToBool(out.IsTruncated) {
			return keys
		}
		in.KeyMarker, in.VersionIdMarker = out.NextKeyMarker, out.NextVersionIdMarker
	}
}

// sameKeys fails unless got is exactly want, in order, without duplicates.
func sameKeys(t *testing.T, what string, got, want []string) {
	t.Helper()
	want = slices.Clone(want)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("%s: got %d keys, want %d (first difference %s)", what, len(got), len(want), firstDiff(got, want))
	}
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("at %d: %q vs %q", i, a[i], b[i])
		}
	}
	return fmt.Sprintf("lengths %d vs %d", len(a), len(b))
}

// ranges returns the bucket's range starts.
func ranges(t *testing.T, n *server.Node, bucket string) []string {
	t.Helper()
	rs, err := n.Objects.BucketRanges(ctx, bucket)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rs {
		out = append(out, r.Start)
	}
	return out
}

// splitting reports whether a split of the bucket is in progress.
func splitting(t *testing.T, n *server.Node, bucket string) bool {
	t.Helper()
	rs, err := n.Objects.BucketRanges(ctx, bucket)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Split != "" {
			return true
		}
	}
	return false
}

func stringsReader(s string) io.Reader { return bytes.NewReader([]byte(s)) }

func bucketInput(name string) *s3.CreateBucketInput { return &s3.CreateBucketInput{Bucket: &name} }
