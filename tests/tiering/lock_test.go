package tieringtest

import (
	"bytes"
	"crypto/sha256"
	"io"
	"math/rand"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// TestComplianceLockNotExpired: in a bucket with object lock and a rule
// that expires everything after one day (current versions get a delete
// marker, noncurrent ones are removed a day later), the node's scanner
// removes the unlocked sibling's data, from S3 and from the volumes, and
// keeps the version under COMPLIANCE retention, readable byte for byte.
func TestComplianceLockNotExpired(t *testing.T) {
	n := startNode(t)
	c := n.S3()
	const bucket = "worm"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket), ObjectLockEnabledForBucket: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	body := make([]byte, 100<<10) // chunks, not inline
	rand.New(rand.NewSource(1)).Read(body)
	sum := sha256.Sum256(body)
	until := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	locked, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("locked"), Body: bytes.NewReader(body),
		ObjectLockMode: types.ObjectLockModeCompliance, ObjectLockRetainUntilDate: &until})
	if err != nil {
		t.Fatal(err)
	}
	free, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("free"), Body: bytes.NewReader(body)})
	if err != nil {
		t.Fatal(err)
	}
	if got := n.walkPools(t); got["locked"] == nil || got["free"] == nil {
		t.Fatalf("chunk owners %v: want both objects on the volumes", got)
	}
	_, err = c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(bucket),
		LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{{
			ID: aws.String("expire-all"), Status: types.ExpirationStatusEnabled, Filter: &types.LifecycleRuleFilter{Prefix: aws.String("")},
			Expiration:                  &types.LifecycleExpiration{Days: aws.Int32(1)},
			NoncurrentVersionExpiration: &types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(1)},
		}}}})
	if err != nil {
		t.Fatal(err)
	}
	// Both versions were written together, so both are due together: the
	// sibling's removal shows the scanner reached the locked one too.
	waitFor(t, 2*time.Minute, "the unlocked version expired", func() bool {
		out, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(bucket), Prefix: aws.String("free")})
		if err != nil {
			t.Fatal(err)
		}
		return len(out.Versions) == 0
	})
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String("free"), VersionId: free.VersionId}); code(err) == "" {
		t.Fatalf("HEAD of the expired version: %v, want an error", err)
	}

	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("locked"), VersionId: locked.VersionId})
	if err != nil {
		t.Fatalf("the locked version was expired: %v", err)
	}
	got, err := io.ReadAll(out.Body)
	out.Body.Close()
	if err != nil || sha256.Sum256(got) != sum || out.ObjectLockMode != types.ObjectLockModeCompliance {
		t.Fatalf("the locked version: %d bytes (%v), lock %q", len(got), err, out.ObjectLockMode)
	}
	// The lock still holds against a user.
	_, err = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String("locked"), VersionId: locked.VersionId})
	if code(err) != "AccessDenied" {
		t.Fatalf("delete of the locked version: %v, want AccessDenied", err)
	}
	// On the volumes: the sibling's chunks are gone, the locked one's stay.
	waitFor(t, time.Minute, "the expired version's chunks freed", func() bool { return n.walkPools(t)["free"] == nil })
	if pl := n.walkPools(t)["locked"]; pl == nil || pl.files["ssd"] != 2 {
		t.Fatalf("the locked version's chunk files: %+v, want its 2 copies in ssd", pl)
	}
}
