package replicationtest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/testenv"
)

// versions is a bucket's list-object-versions, one line per version or
// delete marker, in listing order: key, id, latest, marker, ETag.
func (s *site) versions(t *testing.T, bucket string) []string {
	t.Helper()
	out, err := s.c.ListObjectVersions(context.Background(), &s3.ListObjectVersionsInput{Bucket: &bucket})
	if err != nil {
		t.Fatalf("list versions: %v", err)
	}
	type row struct {
		key, line string
		at        time.Time
	}
	var rows []string
	// The SDK splits versions and markers; merge them back by key, then
	// newest first (the S3 listing order).
	var all []row
	for _, v := range out.Versions {
		all = append(all, row{aws.ToString(v.Key), fmt.Sprintf("%s %s latest=%v %s", aws.ToString(v.Key), aws.ToString(v.VersionId), aws.ToBool(v.IsLatest), aws.ToString(v.ETag)), aws.ToTime(v.LastModified)})
	}
	for _, m := range out.DeleteMarkers {
		all = append(all, row{aws.ToString(m.Key), fmt.Sprintf("%s %s latest=%v marker", aws.ToString(m.Key), aws.ToString(m.VersionId), aws.ToBool(m.IsLatest)), aws.ToTime(m.LastModified)})
	}
	for i := 1; i < len(all); i++ {
		for j := i; j > 0 && (all[j].key < all[j-1].key || all[j].key == all[j-1].key && all[j].at.After(all[j-1].at)); j-- {
			all[j], all[j-1] = all[j-1], all[j]
		}
	}
	for _, r := range all {
		rows = append(rows, r.line)
	}
	return rows
}

// TestVersionIDsKept: B holds A's versions under A's ids, in A's order:
// after PUTs, overwrites, a delete marker and the delete of one version.
func TestVersionIDsKept(t *testing.T) {
	ctx := context.Background()
	a, b := startSite(t), startSite(t)
	a.bucket(t, "src")
	b.bucket(t, "dst")
	a.replicate(t, "src", a.target(t, "b", b, "dst"), true, false)

	for i := 1; i <= 3; i++ {
		a.put(t, "src", "three", "version "+strconv.Itoa(i), nil, nil)
	}
	a.put(t, "src", "marked", "then deleted", nil, nil)
	if _, err := a.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("src"), Key: aws.String("marked")}); err != nil {
		t.Fatal(err)
	}
	a.put(t, "src", "pruned", "first", nil, nil)
	a.put(t, "src", "pruned", "second", nil, nil)
	want := a.versions(t, "src")
	waitFor(t, "B's versions equal A's", func() bool { return strings.Join(b.versions(t, "dst"), "\n") == strings.Join(want, "\n") })

	// The delete of one version by id removes the same id on B.
	vs, err := a.c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String("src"), Prefix: aws.String("pruned")})
	if err != nil {
		t.Fatal(err)
	}
	var first string
	for _, v := range vs.Versions {
		if !aws.ToBool(v.IsLatest) {
			first = aws.ToString(v.VersionId)
		}
	}
	if first == "" {
		t.Fatalf("no older version of pruned: %v", want)
	}
	if _, err := a.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("src"), Key: aws.String("pruned"), VersionId: &first}); err != nil {
		t.Fatal(err)
	}
	want = a.versions(t, "src")
	waitFor(t, "B's versions equal A's after a version delete", func() bool {
		return strings.Join(b.versions(t, "dst"), "\n") == strings.Join(want, "\n")
	})
	if n := strings.Count(strings.Join(want, "\n"), "three "); n != 3 {
		t.Fatalf("A lists %d versions of three, want 3:\n%s", n, strings.Join(want, "\n"))
	}
	t.Logf("versions on both sides:\n%s", strings.Join(want, "\n"))
	converge(t, a, "src", b, "dst", 30*time.Second)
}

// TestReplicaVersionWrite: the version id header needs s3:ReplicateObject,
// and a repeated replica write of the same id and bytes is a no-op.
func TestReplicaVersionWrite(t *testing.T) {
	ctx := context.Background()
	a := startSite(t)
	a.bucket(t, "src")
	ak, sk := a.CreateUser(t, "writer", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::src/*"}]}`)
	created := strconv.FormatInt(time.Now().UnixNano(), 10)
	replica := func(c *s3.Client, origin, vid, body string) error {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("k"), Body: strings.NewReader(body)},
			func(o *s3.Options) {
				if origin != "" {
					o.APIOptions = append(o.APIOptions, addHeader("X-Strata-Replica", origin))
				}
				o.APIOptions = append(o.APIOptions, addHeader("X-Strata-Replica-Version-Id", vid),
					addHeader("X-Strata-Replica-Created", created))
			})
		return err
	}
	writer := testenv.S3Client(a.URL(), ak, sk)
	if err := replica(writer, "forged", "forged-id", "x"); apiCode(err) != "AccessDenied" {
		t.Fatalf("forged replica version: %v, want AccessDenied", err)
	}
	if err := replica(writer, "", "forged-id", "x"); apiCode(err) != "AccessDenied" {
		t.Fatalf("forged version id without the marker: %v, want AccessDenied", err)
	}
	for i := 0; i < 2; i++ {
		if err := replica(a.c, "site-a", "given-id", "same bytes"); err != nil {
			t.Fatalf("replica write %d: %v", i, err)
		}
	}
	if err := replica(a.c, "site-a", "given-id", "other bytes"); apiCode(err) == "" {
		t.Fatal("a replica of an existing id with other bytes was accepted")
	}
	vs, err := a.c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String("src")})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs.Versions) != 1 || aws.ToString(vs.Versions[0].VersionId) != "given-id" {
		t.Fatalf("versions after a repeated replica write: %+v, want one, given-id", vs.Versions)
	}
}

// lockBucket makes a bucket with object lock (and so versioning).
func (s *site) lockBucket(t *testing.T, name string) {
	t.Helper()
	if _, err := s.c.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: &name, ObjectLockEnabledForBucket: aws.Bool(true)}); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
}

// TestObjectLockReplicates: a COMPLIANCE retention and a legal hold set
// on A arrive on B with the version; a destination without object lock
// leaves the version FAILED with the reason in the backlog.
func TestObjectLockReplicates(t *testing.T) {
	ctx := context.Background()
	a, b := startSite(t), startSite(t)
	a.lockBucket(t, "src")
	b.lockBucket(t, "dst")
	b.bucket(t, "nolock")
	a.replicate(t, "src", a.target(t, "b", b, "dst"), true, false)
	until := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	out, err := a.c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("locked"), Body: strings.NewReader("kept"),
		ObjectLockMode: types.ObjectLockModeCompliance, ObjectLockRetainUntilDate: &until,
		ObjectLockLegalHoldStatus: types.ObjectLockLegalHoldStatusOn})
	if err != nil {
		t.Fatal(err)
	}
	vid := out.VersionId
	waitFor(t, "COMPLETED on A", func() bool { return headStatus(t, a, "src", "locked") == "COMPLETED" })
	r, err := b.c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: aws.String("dst"), Key: aws.String("locked"), VersionId: vid})
	if err != nil {
		t.Fatalf("retention on B: %v", err)
	}
	if r.Retention.Mode != types.ObjectLockRetentionModeCompliance || !aws.ToTime(r.Retention.RetainUntilDate).Equal(until) {
		t.Fatalf("retention on B: %s until %v, want COMPLIANCE until %v", r.Retention.Mode, aws.ToTime(r.Retention.RetainUntilDate), until)
	}
	h, err := b.c.GetObjectLegalHold(ctx, &s3.GetObjectLegalHoldInput{Bucket: aws.String("dst"), Key: aws.String("locked"), VersionId: vid})
	if err != nil || h.LegalHold.Status != types.ObjectLockLegalHoldStatusOn {
		t.Fatalf("legal hold on B: %+v, %v", h, err)
	}
	if _, err := b.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("dst"), Key: aws.String("locked"), VersionId: vid}); err == nil {
		t.Fatal("B deleted a replica under COMPLIANCE retention")
	}

	// Lock changes make no event; a resync brings them to B.
	later := until.Add(time.Hour)
	if _, err := a.c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String("src"), Key: aws.String("locked"), VersionId: vid,
		Retention: &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeCompliance, RetainUntilDate: &later}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String("src"), Key: aws.String("locked"), VersionId: vid,
		LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOff}}); err != nil {
		t.Fatal(err)
	}
	if _, err := testenv.Admin(ctx, a.URL(), "POST", "/_strata/api/v1/replication/resync/src", nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "B's retention extended and hold off after a resync", func() bool {
		r, err := b.c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: aws.String("dst"), Key: aws.String("locked"), VersionId: vid})
		h, herr := b.c.GetObjectLegalHold(ctx, &s3.GetObjectLegalHoldInput{Bucket: aws.String("dst"), Key: aws.String("locked"), VersionId: vid})
		return err == nil && herr == nil && aws.ToTime(r.Retention.RetainUntilDate).Equal(later) && h.LegalHold.Status == types.ObjectLockLegalHoldStatusOff
	})

	// A destination bucket without object lock: FAILED, with the reason.
	a.Node.Replication().SetAttempts(2)
	a.lockBucket(t, "src2")
	a.replicate(t, "src2", a.target(t, "b2", b, "nolock"), true, false)
	_, err = a.c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src2"), Key: aws.String("locked"), Body: strings.NewReader("kept"),
		ObjectLockMode: types.ObjectLockModeGovernance, ObjectLockRetainUntilDate: &until})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "FAILED on A", func() bool { return headStatus(t, a, "src2", "locked") == "FAILED" })
	fs, err := a.Node.Replication().Failures(ctx, "src2")
	if err != nil || len(fs) != 1 || !strings.Contains(fs[0].Error, "Object Lock") {
		t.Fatalf("backlog: %+v, %v; want one failure naming Object Lock", fs, err)
	}
	t.Logf("backlog reason: %s", fs[0].Error)
}
