package sharding

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// writers PUT keys d<i%12>/k<i> from several clients until stop closes,
// and return every key they wrote.
func writers(t *testing.T, c *s3.Client, bucket string, n int, stop chan struct{}) func() []string {
	var mu sync.Mutex
	var keys []string
	var errs []error
	var wg sync.WaitGroup
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; ; i += n {
				select {
				case <-stop:
					return
				default:
				}
				key := fmt.Sprintf("d%02d/k%05d", i%12, i)
				_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: bytes.NewReader([]byte("v:" + key))})
				mu.Lock()
				if err != nil {
					errs = append(errs, fmt.Errorf("put %s: %w", key, err))
				} else {
					keys = append(keys, key)
				}
				mu.Unlock()
			}
		}()
	}
	return func() []string {
		wg.Wait()
		for _, err := range errs {
			t.Error(err)
		}
		return keys
	}
}

// TestSplitUnderWrites splits a bucket three times while S3 clients keep
// writing to it, then checks every listing, read, multipart upload and
// delete across the range boundaries, and that a restart keeps the ranges.
func TestSplitUnderWrites(t *testing.T) {
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.Shards.SplitObjects = 0 }})
	c := srv.S3()
	bucket := "big"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		t.Fatal(err)
	}
	// An upload of a key that a split will move, its first part before.
	mpuKey := "d08/mpu"
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &bucket, Key: &mpuKey})
	if err != nil {
		t.Fatal(err)
	}
	part1 := bytes.Repeat([]byte("a"), 5<<20)
	p1, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &bucket, Key: &mpuKey, UploadId: up.UploadId,
		PartNumber: aws.Int32(1), Body: bytes.NewReader(part1)})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"d01/u", "d10/u"} {
		if _, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &bucket, Key: aws.String(k)}); err != nil {
			t.Fatal(err)
		}
	}

	stop := make(chan struct{})
	wait := writers(t, c, bucket, 6, stop)
	// Let some keys land in every future range before each split.
	for _, at := range []string{"d03/", "d06/", "d09/", "d08/"} {
		time.Sleep(300 * time.Millisecond)
		if err := srv.Objects.SplitRange(ctx, bucket, at, object.SplitOptions{}); err != nil {
			t.Fatalf("split at %s: %v", at, err)
		}
	}
	close(stop)
	keys := wait()
	if t.Failed() {
		return
	}
	t.Logf("%d keys written during the splits; ranges %q", len(keys), ranges(t, srv.Node, bucket))
	if got := ranges(t, srv.Node, bucket); !slices.Equal(got, []string{"", "d03/", "d06/", "d08/", "d09/"}) {
		t.Fatalf("ranges %q", got)
	}

	// The upload moved with its key: finish it in its new range.
	p2, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &bucket, Key: &mpuKey, UploadId: up.UploadId,
		PartNumber: aws.Int32(2), Body: bytes.NewReader([]byte("tail"))})
	if err != nil {
		t.Fatal(err)
	}
	lu, err := c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: &bucket})
	if err != nil {
		t.Fatal(err)
	}
	var ups []string
	for _, u := range lu.Uploads {
		ups = append(ups, *u.Key)
	}
	if !slices.Equal(ups, []string{"d01/u", "d08/mpu", "d10/u"}) {
		t.Fatalf("uploads across ranges: %q", ups)
	}
	_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &bucket, Key: &mpuKey, UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{
			{PartNumber: aws.Int32(1), ETag: p1.ETag}, {PartNumber: aws.Int32(2), ETag: p2.ETag}}}})
	if err != nil {
		t.Fatal(err)
	}
	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bucket, Key: &mpuKey})
	if err != nil || aws.ToInt64(head.ContentLength) != int64(len(part1)+4) {
		t.Fatalf("multipart object across a split: %v %v", err, head)
	}
	all := append(slices.Clone(keys), mpuKey)

	check := func(c *s3.Client, n *server.Node, all []string) {
		t.Helper()
		got, _ := listAll(t, c, bucket, "", "", 7)
		sameKeys(t, "ListObjectsV2 pages of 7", got, all)
		_, cps := listAll(t, c, bucket, "", "/", 5)
		if want := []string{"d00/", "d01/", "d02/", "d03/", "d04/", "d05/", "d06/", "d07/", "d08/", "d09/", "d10/", "d11/"}; !slices.Equal(cps, want) {
			t.Fatalf("common prefixes %q", cps)
		}
		var d08 []string
		for _, k := range all {
			if k >= "d08/" && k < "d09/" {
				d08 = append(d08, k)
			}
		}
		got, _ = listAll(t, c, bucket, "d08/", "", 4)
		sameKeys(t, "prefix d08/", got, d08)
		sameKeys(t, "ListObjectVersions", listVersions(t, c, bucket, 9), all)
		u, err := n.Objects.BucketUsage(ctx, bucket)
		if err != nil || u.Objects != int64(len(all)) {
			t.Fatalf("usage across ranges: %d objects, want %d (%v)", u.Objects, len(all), err)
		}
		// Each range counts the keys it owns, and they hold them all.
		rs, err := n.Objects.BucketRanges(ctx, bucket)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rs {
			want := 0
			for _, k := range all {
				if k >= r.Start && (i == len(rs)-1 || k < rs[i+1].Start) {
					want++
				}
			}
			if r.Objects != int64(want) || want == 0 {
				t.Fatalf("range %q counts %d objects, owns %d keys", r.Start, r.Objects, want)
			}
		}
	}
	check(c, srv.Node, all)
	for _, k := range keys {
		get(t, c, bucket, k)
	}
	// The volume index followed the records into their new ranges (the
	// multipart object has chunks) and out of the old ones.
	if rep, err := srv.Objects.CheckVolumeIndex(ctx); err != nil || rep.Missing+rep.Stale != 0 || rep.Expected == 0 {
		t.Fatalf("volume index after splits: %+v %v", rep, err)
	}

	// Delete every other key, in every range.
	var kept []string
	for i, k := range keys {
		if i%2 == 0 {
			if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &bucket, Key: aws.String(k)}); err != nil {
				t.Fatal(err)
			}
			continue
		}
		kept = append(kept, k)
	}
	all = append(kept, mpuKey)
	check(c, srv.Node, all)

	// A restart keeps the ranges.
	want := ranges(t, srv.Node, bucket)
	srv.Node.Close()
	n2, err := server.Start(ctx, srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n2.Close() })
	c2 := testenv.S3Client(n2.URL(), testenv.AccessKey, testenv.SecretKey)
	if got := ranges(t, n2, bucket); !slices.Equal(got, want) {
		t.Fatalf("ranges after restart %q, want %q", got, want)
	}
	check(c2, n2, all)
	get(t, c2, bucket, kept[len(kept)-1])
}

// TestBackgroundSplit lets the server's job split a bucket past a tiny
// threshold until at least four ranges hold it.
func TestBackgroundSplit(t *testing.T) {
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) {
		c.Shards = server.ShardConfig{SplitObjects: 60, SplitEvery: 100 * time.Millisecond, SplitGrace: 10 * time.Millisecond}
	}})
	c := srv.S3()
	bucket := "auto"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for i := range 400 {
		k := fmt.Sprintf("k%04d", i)
		put(t, c, bucket, k)
		keys = append(keys, k)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		rs := ranges(t, srv.Node, bucket)
		if len(rs) >= 4 && !splitting(t, srv.Node, bucket) {
			t.Logf("%d ranges", len(rs))
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still %d ranges", len(rs))
		}
		time.Sleep(100 * time.Millisecond)
	}
	got, _ := listAll(t, c, bucket, "", "", 50)
	sameKeys(t, "list after background splits", got, keys)
	for _, k := range keys {
		get(t, c, bucket, k)
	}
}
