package s3test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/minio/minio-go/v7"

	"github.com/strata-storage/strata/internal/testenv"
)

// lockBucket creates a bucket with Object Lock enabled.
func lockBucket(t *testing.T, c *s3.Client, name string) string {
	t.Helper()
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &name, ObjectLockEnabledForBucket: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	return name
}

func retain(t *testing.T, c *s3.Client, b, key, vid string, mode types.ObjectLockRetentionMode, until time.Time, bypass bool) error {
	t.Helper()
	in := &s3.PutObjectRetentionInput{Bucket: &b, Key: &key,
		Retention: &types.ObjectLockRetention{Mode: mode, RetainUntilDate: &until}}
	if vid != "" {
		in.VersionId = &vid
	}
	if bypass {
		in.BypassGovernanceRetention = aws.Bool(true)
	}
	_, err := c.PutObjectRetention(ctx, in)
	return err
}

func delVersion(c *s3.Client, b, key, vid string, bypass bool) error {
	in := &s3.DeleteObjectInput{Bucket: &b, Key: &key, VersionId: &vid}
	if bypass {
		in.BypassGovernanceRetention = aws.Bool(true)
	}
	_, err := c.DeleteObject(ctx, in)
	return err
}

func TestObjectLockCompliance(t *testing.T) {
	_, c, _ := node(t, testenv.Options{})
	b := lockBucket(t, c, "worm")
	until := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("k"), Body: bytes.NewReader([]byte("data")),
		ObjectLockMode: types.ObjectLockModeCompliance, ObjectLockRetainUntilDate: &until})
	if err != nil {
		t.Fatal(err)
	}
	vid := aws.ToString(out.VersionId)
	// The root (bucket owner), even asking to bypass, cannot delete it.
	wantCode(t, delVersion(c, b, "k", vid, false), "AccessDenied")
	wantCode(t, delVersion(c, b, "k", vid, true), "AccessDenied")
	// Nor shorten, remove or downgrade the retention.
	wantCode(t, retain(t, c, b, "k", vid, types.ObjectLockRetentionModeCompliance, until.Add(-time.Minute), true), "AccessDenied")
	wantCode(t, retain(t, c, b, "k", vid, types.ObjectLockRetentionModeGovernance, until, true), "AccessDenied")
	// Extending is allowed.
	if err := retain(t, c, b, "k", vid, types.ObjectLockRetentionModeCompliance, until.Add(time.Hour), false); err != nil {
		t.Fatal(err)
	}
	r, err := c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: &b, Key: aws.String("k")})
	if err != nil || r.Retention.Mode != types.ObjectLockRetentionModeCompliance || !r.Retention.RetainUntilDate.Equal(until.Add(time.Hour)) {
		t.Fatalf("retention: %v %+v", err, r)
	}
	// DeleteObjects enforces per entry.
	dr, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: &b, BypassGovernanceRetention: aws.Bool(true),
		Delete: &types.Delete{Objects: []types.ObjectIdentifier{{Key: aws.String("k"), VersionId: &vid}}}})
	if err != nil || len(dr.Errors) != 1 || aws.ToString(dr.Errors[0].Code) != "AccessDenied" {
		t.Fatalf("multi-delete: %v %+v", err, dr)
	}
	// A delete without version id stacks a marker; the version stays.
	del, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &b, Key: aws.String("k")})
	if err != nil || !aws.ToBool(del.DeleteMarker) {
		t.Fatalf("delete marker: %v", err)
	}
	got, _ := get(t, c, &s3.GetObjectInput{Bucket: &b, Key: aws.String("k"), VersionId: &vid})
	if string(got) != "data" {
		t.Fatalf("locked version reads %q", got)
	}
	// Overwrite makes a new version.
	put(t, c, b, "k", []byte("v2"))
	h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("k"), VersionId: &vid})
	if err != nil || h.ObjectLockMode != types.ObjectLockModeCompliance || h.ObjectLockRetainUntilDate == nil {
		t.Fatalf("head: %v %+v", err, h)
	}
	// Versioning can no longer be suspended.
	_, err = c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: &b,
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}})
	wantCode(t, err, "InvalidBucketState")
}

func TestObjectLockGovernance(t *testing.T) {
	_, c, _ := node(t, testenv.Options{})
	b := lockBucket(t, c, "gov")
	vid := aws.ToString(put(t, c, b, "k", []byte("x")).VersionId)
	until := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	if err := retain(t, c, b, "k", "", types.ObjectLockRetentionModeGovernance, until, false); err != nil {
		t.Fatal(err)
	}
	wantCode(t, delVersion(c, b, "k", vid, false), "AccessDenied")
	// Shortening needs the bypass.
	wantCode(t, retain(t, c, b, "k", vid, types.ObjectLockRetentionModeGovernance, until.Add(-time.Minute), false), "AccessDenied")
	if err := retain(t, c, b, "k", vid, types.ObjectLockRetentionModeGovernance, until.Add(-time.Minute), true); err != nil {
		t.Fatal(err)
	}
	if err := delVersion(c, b, "k", vid, true); err != nil {
		t.Fatalf("delete with bypass: %v", err)
	}
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("k"), VersionId: &vid}); err == nil {
		t.Fatal("version still there")
	}
}

func TestObjectLockLegalHold(t *testing.T) {
	_, c, _ := node(t, testenv.Options{})
	b := lockBucket(t, c, "hold")
	out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("k"), Body: bytes.NewReader([]byte("x")),
		ObjectLockLegalHoldStatus: types.ObjectLockLegalHoldStatusOn})
	if err != nil {
		t.Fatal(err)
	}
	vid := aws.ToString(out.VersionId)
	wantCode(t, delVersion(c, b, "k", vid, true), "AccessDenied")
	lh, err := c.GetObjectLegalHold(ctx, &s3.GetObjectLegalHoldInput{Bucket: &b, Key: aws.String("k")})
	if err != nil || lh.LegalHold.Status != types.ObjectLockLegalHoldStatusOn {
		t.Fatalf("legal hold: %v", err)
	}
	if _, err := c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: &b, Key: aws.String("k"), VersionId: &vid,
		LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOff}}); err != nil {
		t.Fatal(err)
	}
	if err := delVersion(c, b, "k", vid, false); err != nil {
		t.Fatalf("delete after release: %v", err)
	}
}

func TestObjectLockDefaultRetention(t *testing.T) {
	_, c, _ := node(t, testenv.Options{})
	b := lockBucket(t, c, "dflt")
	_, err := c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: &b,
		ObjectLockConfiguration: &types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled,
			Rule: &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{Mode: types.ObjectLockRetentionModeGovernance, Days: aws.Int32(2)}}}})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: &b})
	if err != nil || aws.ToInt32(cfg.ObjectLockConfiguration.Rule.DefaultRetention.Days) != 2 {
		t.Fatalf("get config: %v %+v", err, cfg)
	}
	before := time.Now()
	vid := aws.ToString(put(t, c, b, "k", []byte("x")).VersionId)
	h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("k")})
	if err != nil || h.ObjectLockMode != types.ObjectLockModeGovernance {
		t.Fatalf("head: %v %+v", err, h)
	}
	if u := *h.ObjectLockRetainUntilDate; u.Before(before.AddDate(0, 0, 2).Add(-time.Second)) || u.After(time.Now().AddDate(0, 0, 2)) {
		t.Fatalf("retain until %v, want 2 days after %v", u, before)
	}
	wantCode(t, delVersion(c, b, "k", vid, false), "AccessDenied")
	// Multipart uploads get it as well; explicit headers override it.
	until := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	cu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &b, Key: aws.String("mp"),
		ObjectLockMode: types.ObjectLockModeCompliance, ObjectLockRetainUntilDate: &until})
	if err != nil {
		t.Fatal(err)
	}
	up, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &b, Key: aws.String("mp"), UploadId: cu.UploadId,
		PartNumber: aws.Int32(1), Body: bytes.NewReader([]byte("part"))})
	if err != nil {
		t.Fatal(err)
	}
	done, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: &b, Key: aws.String("mp"), UploadId: cu.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: up.ETag, PartNumber: aws.Int32(1)}}}})
	if err != nil {
		t.Fatal(err)
	}
	h, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("mp")})
	if err != nil || h.ObjectLockMode != types.ObjectLockModeCompliance || !h.ObjectLockRetainUntilDate.Equal(until) {
		t.Fatalf("multipart head: %v %+v", err, h)
	}
	wantCode(t, delVersion(c, b, "mp", aws.ToString(done.VersionId), true), "AccessDenied")
	// A copy takes the retention its headers name, not the source's.
	cp, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &b, Key: aws.String("cp"), CopySource: aws.String(b + "/mp"),
		ObjectLockLegalHoldStatus: types.ObjectLockLegalHoldStatusOn})
	if err != nil {
		t.Fatal(err)
	}
	h, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("cp"), VersionId: cp.VersionId})
	if err != nil || h.ObjectLockLegalHoldStatus != types.ObjectLockLegalHoldStatusOn || h.ObjectLockMode != types.ObjectLockModeGovernance {
		t.Fatalf("copy head: %v %+v", err, h)
	}
}

func TestObjectLockValidation(t *testing.T) {
	_, c, plain := node(t, testenv.Options{})
	b := lockBucket(t, c, "valid")
	put(t, c, plain, "k", []byte("x"))
	put(t, c, b, "k", []byte("x"))
	until := time.Now().Add(time.Hour)

	_, err := c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: &plain})
	wantCode(t, err, "ObjectLockConfigurationNotFoundError")
	cfg := func(mode types.ObjectLockRetentionMode, days, years *int32) *types.ObjectLockConfiguration {
		return &types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled,
			Rule: &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{Mode: mode, Days: days, Years: years}}}
	}
	// Not versioned: InvalidBucketState.
	_, err = c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: &plain, ObjectLockConfiguration: cfg("GOVERNANCE", aws.Int32(1), nil)})
	wantCode(t, err, "InvalidBucketState")
	for _, tc := range []struct {
		c    *types.ObjectLockConfiguration
		want string
	}{
		{cfg("GOVERNANCE", aws.Int32(1), aws.Int32(1)), "MalformedXML"},
		{cfg("GOVERNANCE", aws.Int32(0), nil), "InvalidRetentionPeriod"},
		{cfg("GOVERNANCE", nil, aws.Int32(-1)), "InvalidRetentionPeriod"},
		{cfg("governance", aws.Int32(1), nil), "MalformedXML"},
		{cfg("GOVERNANCE", nil, nil), "MalformedXML"},
		{&types.ObjectLockConfiguration{ObjectLockEnabled: "Disabled"}, "MalformedXML"},
	} {
		_, err = c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: &b, ObjectLockConfiguration: tc.c})
		wantCode(t, err, tc.want)
	}
	// Retention and legal hold on a bucket without Object Lock.
	wantCode(t, retain(t, c, plain, "k", "", "GOVERNANCE", until, false), "InvalidRequest")
	_, err = c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: &plain, Key: aws.String("k")})
	wantCode(t, err, "InvalidRequest")
	_, err = c.GetObjectLegalHold(ctx, &s3.GetObjectLegalHoldInput{Bucket: &plain, Key: aws.String("k")})
	wantCode(t, err, "InvalidRequest")
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: &plain, Key: aws.String("k2"), Body: strings.NewReader("x"),
		ObjectLockLegalHoldStatus: types.ObjectLockLegalHoldStatusOn})
	wantCode(t, err, "InvalidRequest")
	// Bad values.
	wantCode(t, retain(t, c, b, "k", "", "governance", until, false), "MalformedXML")
	wantCode(t, retain(t, c, b, "k", "", "GOVERNANCE", time.Now().Add(-time.Hour), false), "InvalidArgument")
	_, err = c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: &b, Key: aws.String("k"), LegalHold: &types.ObjectLockLegalHold{Status: "abc"}})
	wantCode(t, err, "MalformedXML")
	_, err = c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: &b, Key: aws.String("k")})
	wantCode(t, err, "NoSuchObjectLockConfiguration")
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("k3"), Body: strings.NewReader("x"),
		ObjectLockMode: types.ObjectLockModeGovernance})
	wantCode(t, err, "InvalidArgument")
	past := time.Now().Add(-time.Hour)
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("k3"), Body: strings.NewReader("x"),
		ObjectLockMode: types.ObjectLockModeGovernance, ObjectLockRetainUntilDate: &past})
	wantCode(t, err, "InvalidArgument")
	_, err = c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: &b, Key: aws.String("nokey")})
	wantCode(t, err, "NoSuchKey")
}

func TestObjectLockPostObject(t *testing.T) {
	s, c, _ := node(t, testenv.Options{})
	b := lockBucket(t, c, "post")
	mc := s.Minio(t)
	p := minio.NewPostPolicy()
	p.SetBucket(b)
	p.SetKey("form")
	p.SetExpires(time.Now().Add(time.Hour))
	until := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	p.SetUserData("object-lock-mode", "GOVERNANCE")
	p.SetUserData("object-lock-retain-until-date", until.Format(time.RFC3339))
	p.SetUserData("object-lock-legal-hold", "ON")
	u, form, err := mc.PresignedPostPolicy(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range form {
		w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile("file", "form.txt")
	fw.Write([]byte("posted"))
	w.Close()
	resp, err := http.Post(u.String(), w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Fatalf("POST: %s", resp.Status)
	}
	h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("form")})
	if err != nil || h.ObjectLockMode != types.ObjectLockModeGovernance || !h.ObjectLockRetainUntilDate.Equal(until) ||
		h.ObjectLockLegalHoldStatus != types.ObjectLockLegalHoldStatusOn {
		t.Fatalf("head: %v %+v", err, h)
	}
}
