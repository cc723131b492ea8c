package sharding

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestSplitCarriesVersionedMark: a split hands the new range the old
// one's mark of delete markers and versioned writes. Without it, a null
// PUT of a key whose null version lies under a delete marker would take
// the key for new in the new range and write a second null version.
func TestSplitCarriesVersionedMark(t *testing.T) {
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.Shards.SplitObjects = 0 }})
	c := srv.S3()
	bucket := "marks"
	if _, err := c.CreateBucket(ctx, bucketInput(bucket)); err != nil {
		t.Fatal(err)
	}
	put(t, c, bucket, "a")
	put(t, c, bucket, "t") // the null version
	versioning := func(s types.BucketVersioningStatus) {
		t.Helper()
		if _, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: &bucket,
			VersioningConfiguration: &types.VersioningConfiguration{Status: s}}); err != nil {
			t.Fatal(err)
		}
	}
	versioning(types.BucketVersioningStatusEnabled)
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &bucket, Key: aws.String("t")}); err != nil {
		t.Fatal(err)
	}
	versioning(types.BucketVersioningStatusSuspended)
	if err := srv.Objects.SplitRange(ctx, bucket, "m", object.SplitOptions{}); err != nil {
		t.Fatal(err)
	}
	if rs := ranges(t, srv.Node, bucket); len(rs) != 2 {
		t.Fatalf("ranges %q, want 2", rs)
	}
	put(t, c, bucket, "t") // replaces the null version, in the new range
	out, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: &bucket, Prefix: aws.String("t")})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Versions) != 1 || aws.ToString(out.Versions[0].VersionId) != "null" || !aws.ToBool(out.Versions[0].IsLatest) ||
		len(out.DeleteMarkers) != 1 || aws.ToBool(out.DeleteMarkers[0].IsLatest) {
		var got []string
		for _, v := range out.Versions {
			got = append(got, "version "+aws.ToString(v.VersionId))
		}
		for _, m := range out.DeleteMarkers {
			got = append(got, "marker "+aws.ToString(m.VersionId))
		}
		t.Fatalf("versions of t after the split: %q, want one null version over one delete marker", got)
	}
}

// TestSplitCarriesSeqMark: a split hands the new range the old one's
// mark that a key may keep its event sequence without a current record.
// Without it, the PUT of a deleted name in the new range would take the
// key for new and start its sequence over.
func TestSplitCarriesSeqMark(t *testing.T) {
	srv := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.Shards.SplitObjects = 0 }})
	c := srv.S3()
	bucket := "seqmarks"
	if _, err := c.CreateBucket(ctx, bucketInput(bucket)); err != nil {
		t.Fatal(err)
	}
	put(t, c, bucket, "a")
	put(t, c, bucket, "t")
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &bucket, Key: aws.String("t")}); err != nil {
		t.Fatal(err)
	}
	if err := srv.Objects.SplitRange(ctx, bucket, "m", object.SplitOptions{}); err != nil {
		t.Fatal(err)
	}
	if rs := ranges(t, srv.Node, bucket); len(rs) != 2 {
		t.Fatalf("ranges %q, want 2", rs)
	}
	put(t, c, bucket, "t") // made again, in the new range
	seq, err := srv.Objects.KeySequence(ctx, bucket, "t")
	if err != nil || seq != 3 {
		t.Fatalf("sequence of t made again after the split: %d (%v), want 3 (put, delete, put)", seq, err)
	}
}
