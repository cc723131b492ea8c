package lifecycletest

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Expiration by days acts once the objects are that many lifecycle days
// old, and only on the rule's prefix.
func TestExpirationDaysPrefix(t *testing.T) {
	e := start(t)
	b := e.bucket("days", false)
	e.put(b, "logs/a", []byte("a"), "")
	e.put(b, "logs/b", []byte("b"), "")
	e.put(b, "keep/c", []byte("c"), "")
	e.rules(b, types.LifecycleRule{ID: aws.String("logs"), Filter: prefix("logs/"),
		Expiration: &types.LifecycleExpiration{Days: aws.Int32(3)}})

	if rep := e.pass(1.5); rep.Expired != 0 || !e.exists(b, "logs/a") {
		t.Fatalf("expired before 3 days: %+v", rep)
	}
	rep := e.pass(4.5)
	if rep.Expired != 2 {
		t.Fatalf("report %+v, want 2 expired", rep)
	}
	if e.exists(b, "logs/a") || e.exists(b, "logs/b") || !e.exists(b, "keep/c") {
		t.Fatal("want logs/ expired and keep/c kept")
	}
	// The next pass reads nothing it has already applied.
	if rep := e.pass(5.5); rep.Visited != 0 {
		t.Fatalf("second pass visited %d entries, want 0", rep.Visited)
	}
}

// A date rule applies to every matching object once its date has passed,
// and to none before.
func TestExpirationDate(t *testing.T) {
	e := start(t)
	past, future := e.bucket("past", false), e.bucket("future", false)
	e.put(past, "x", []byte("x"), "")
	e.put(future, "x", []byte("x"), "")
	today := time.Now().UTC().Truncate(24 * time.Hour)
	e.rules(past, types.LifecycleRule{ID: aws.String("d"), Filter: prefix(""),
		Expiration: &types.LifecycleExpiration{Date: aws.Time(today)}})
	e.rules(future, types.LifecycleRule{ID: aws.String("d"), Filter: prefix(""),
		Expiration: &types.LifecycleExpiration{Date: aws.Time(today.Add(48 * time.Hour))}})
	rep := e.pass(1.5)
	if rep.Expired != 1 || e.exists(past, "x") || !e.exists(future, "x") {
		t.Fatalf("report %+v: want only the past date's object expired", rep)
	}
}

// Tag and size conditions all have to hold.
func TestExpirationTagAndSize(t *testing.T) {
	e := start(t)
	b := e.bucket("filters", false)
	big := make([]byte, 2000)
	e.put(b, "tagged-big", big, "class=tmp")
	e.put(b, "tagged-small", []byte("s"), "class=tmp")
	e.put(b, "other-big", big, "class=keep")
	e.put(b, "untagged-big", big, "")
	e.rules(b, types.LifecycleRule{ID: aws.String("tmp"), Filter: &types.LifecycleRuleFilter{
		And: &types.LifecycleRuleAndOperator{Tags: []types.Tag{{Key: aws.String("class"), Value: aws.String("tmp")}},
			ObjectSizeGreaterThan: aws.Int64(1000)}},
		Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}})
	rep := e.pass(2.5)
	if rep.Expired != 1 || e.exists(b, "tagged-big") {
		t.Fatalf("report %+v: want tagged-big expired", rep)
	}
	for _, k := range []string{"tagged-small", "other-big", "untagged-big"} {
		if !e.exists(b, k) {
			t.Fatalf("%s expired", k)
		}
	}
	// A single Tag filter and a size-less-than filter.
	b2 := e.bucket("filters2", false)
	e.put(b2, "t", []byte("t"), "x=1")
	e.put(b2, "small", []byte("s"), "")
	e.put(b2, "large", big, "")
	e.rules(b2,
		types.LifecycleRule{ID: aws.String("tag"), Filter: &types.LifecycleRuleFilter{Tag: &types.Tag{Key: aws.String("x"), Value: aws.String("1")}},
			Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}},
		types.LifecycleRule{ID: aws.String("lt"), Filter: &types.LifecycleRuleFilter{ObjectSizeLessThan: aws.Int64(100)},
			Expiration: &types.LifecycleExpiration{Days: aws.Int32(2)}})
	e.pass(1.5)
	if e.exists(b2, "t") || !e.exists(b2, "small") {
		t.Fatal("after 1.5 days: want t expired by tag, small kept")
	}
	e.pass(2.5)
	if e.exists(b2, "small") || !e.exists(b2, "large") {
		t.Fatal("after 2.5 days: want small expired by size, large kept")
	}
}

// In a versioned bucket expiration places a delete marker; noncurrent
// expiration keeps the NewerNoncurrentVersions newest.
func TestVersionedExpiration(t *testing.T) {
	e := start(t)
	b := e.bucket("ver", true)
	var vids []string
	for i := 0; i < 4; i++ {
		vids = append(vids, aws.ToString(e.put(b, "k", []byte{byte('a' + i)}, "").VersionId))
	}
	e.rules(b, types.LifecycleRule{ID: aws.String("nc"), Filter: prefix(""),
		NoncurrentVersionExpiration: &types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(1), NewerNoncurrentVersions: aws.Int32(1)}})
	rep := e.pass(2.5)
	ids, _ := e.versions(b, "k")
	if rep.Expired != 2 || len(ids) != 2 || ids[0] != vids[3] || ids[1] != vids[2] {
		t.Fatalf("report %+v, versions %v: want the current and the newest noncurrent kept (%v)", rep, ids, vids[2:])
	}

	// In real time: a new version makes a kept version the second
	// noncurrent; it goes as soon as it is also old enough, which it
	// already is.
	b3 := e.bucket("ver3", true)
	v1 := aws.ToString(e.put(b3, "k", []byte("1"), "").VersionId)
	e.put(b3, "k", []byte("2"), "")
	e.rules(b3, types.LifecycleRule{ID: aws.String("nc"), Filter: prefix(""),
		NoncurrentVersionExpiration: &types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(1), NewerNoncurrentVersions: aws.Int32(1)}})
	time.Sleep(day + day/4) // v1 is a day noncurrent, but the newest noncurrent
	if rep := e.pass(0); rep.Expired != 0 {
		t.Fatalf("report %+v: the newest noncurrent version expired", rep)
	}
	v3 := aws.ToString(e.put(b3, "k", []byte("3"), "").VersionId)
	deadline := time.Now().Add(10 * day)
	for {
		e.pass(0)
		ids, _ := e.versions(b3, "k")
		if len(ids) == 2 && ids[0] == v3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("versions %v: want v1 (%s) expired", ids, v1)
		}
		time.Sleep(day / 10)
	}

	b2 := e.bucket("ver2", true)
	e.put(b2, "k", []byte("x"), "")
	e.rules(b2, types.LifecycleRule{ID: aws.String("cur"), Filter: prefix(""),
		Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}})
	rep = e.pass(1.5)
	ids, markers := e.versions(b2, "k")
	if rep.Markers != 1 || len(ids) != 1 || markers != 1 || e.exists(b2, "k") {
		t.Fatalf("report %+v, %d versions and %d markers: want a delete marker over the version", rep, len(ids), markers)
	}
}

// An expired delete marker (the only version left) is removed once the
// noncurrent versions under it have expired.
func TestExpiredDeleteMarker(t *testing.T) {
	e := start(t)
	b := e.bucket("markers", true)
	e.put(b, "k", []byte("x"), "")
	if _, err := e.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &b, Key: aws.String("k")}); err != nil {
		t.Fatal(err)
	}
	// A lone marker from the start.
	if _, err := e.c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &b, Key: aws.String("lone")}); err != nil {
		t.Fatal(err)
	}
	e.rules(b, types.LifecycleRule{ID: aws.String("dm"), Filter: prefix(""),
		Expiration:                  &types.LifecycleExpiration{ExpiredObjectDeleteMarker: aws.Bool(true)},
		NoncurrentVersionExpiration: &types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(2)}})
	rep := e.pass(1.5)
	if ids, m := e.versions(b, "k"); len(ids) != 1 || m != 1 {
		t.Fatalf("after 1.5 days: %d versions, %d markers; want the version kept under its marker", len(ids), m)
	}
	if _, m := e.versions(b, "lone"); m != 0 || rep.MarkersRemoved != 1 {
		t.Fatalf("report %+v: want the lone marker removed", rep)
	}
	rep = e.pass(3.5)
	if ids, m := e.versions(b, "k"); len(ids) != 0 || m != 0 || rep.Expired != 1 || rep.MarkersRemoved != 1 {
		t.Fatalf("report %+v, %d versions, %d markers: want both gone", rep, len(ids), m)
	}
}

// Incomplete multipart uploads are aborted DaysAfterInitiation days
// after they started.
func TestAbortIncompleteUpload(t *testing.T) {
	e := start(t)
	b := e.bucket("mpu", false)
	up, err := e.c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &b, Key: aws.String("tmp/big")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.UploadPart(ctx, &s3.UploadPartInput{Bucket: &b, Key: aws.String("tmp/big"), UploadId: up.UploadId,
		PartNumber: aws.Int32(1), Body: stringsReader("part")}); err != nil {
		t.Fatal(err)
	}
	kept, err := e.c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &b, Key: aws.String("other")})
	if err != nil {
		t.Fatal(err)
	}
	e.rules(b, types.LifecycleRule{ID: aws.String("mpu"), Filter: prefix("tmp/"),
		AbortIncompleteMultipartUpload: &types.AbortIncompleteMultipartUpload{DaysAfterInitiation: aws.Int32(2)}})
	if rep := e.pass(1.5); rep.Aborted != 0 {
		t.Fatalf("aborted too early: %+v", rep)
	}
	rep := e.pass(2.5)
	out, err := e.c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: &b})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Aborted != 1 || len(out.Uploads) != 1 || aws.ToString(out.Uploads[0].UploadId) != aws.ToString(kept.UploadId) {
		t.Fatalf("report %+v, uploads %d: want tmp/big aborted and other kept", rep, len(out.Uploads))
	}
}

// A version under COMPLIANCE retention is never expired: expiration
// places a delete marker over it, and noncurrent expiration skips it.
func TestComplianceLockNotExpired(t *testing.T) {
	e := start(t)
	b := "worm"
	if _, err := e.c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b, ObjectLockEnabledForBucket: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	until := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	out, err := e.c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("k"), Body: stringsReader("data"),
		ObjectLockMode: types.ObjectLockModeCompliance, ObjectLockRetainUntilDate: &until})
	if err != nil {
		t.Fatal(err)
	}
	e.rules(b, types.LifecycleRule{ID: aws.String("all"), Filter: prefix(""),
		Expiration:                  &types.LifecycleExpiration{Days: aws.Int32(1)},
		NoncurrentVersionExpiration: &types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(1)}})
	rep := e.pass(1.5)
	rep2 := e.pass(3.5)
	rep.Locked += rep2.Locked
	rep.Expired += rep2.Expired
	if rep.Locked == 0 || rep.Expired != 0 || rep.Markers != 1 {
		t.Fatalf("report %+v: want the locked version skipped and counted", rep)
	}
	got, err := e.c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: aws.String("k"), VersionId: out.VersionId})
	if err != nil {
		t.Fatalf("the locked version is gone: %v", err)
	}
	got.Body.Close()
}

// PUT, HEAD and GET tell when a rule will expire the object, in
// x-amz-expiration (in S3 days, from the next midnight UTC).
func TestExpirationHeader(t *testing.T) {
	e := start(t)
	b := e.bucket("hdr", false)
	e.rules(b, types.LifecycleRule{ID: aws.String("r1"), Filter: prefix("days1/"),
		Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}})
	out := e.put(b, "days1/foo", []byte("x"), "")
	head, err := e.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("days1/foo")})
	if err != nil {
		t.Fatal(err)
	}
	want := aws.ToTime(head.LastModified).UTC().Truncate(24 * time.Hour).Add(48 * time.Hour).Format("Mon, 02 Jan 2006 15:04:05 GMT")
	if got := aws.ToString(out.Expiration); got != `expiry-date="`+want+`", rule-id="r1"` {
		t.Fatalf("PUT x-amz-expiration %q, want expiry %s", got, want)
	}
	if aws.ToString(head.Expiration) != aws.ToString(out.Expiration) {
		t.Fatalf("HEAD x-amz-expiration %q, PUT %q", aws.ToString(head.Expiration), aws.ToString(out.Expiration))
	}
	if other := e.put(b, "other", []byte("x"), ""); other.Expiration != nil {
		t.Fatalf("x-amz-expiration %q on an object no rule selects", aws.ToString(other.Expiration))
	}
}

// A version tagged after the rule's scan passed it is looked at again:
// tags changed through PutObjectTagging go to a tag-change index that
// tag-filtered rules read.
func TestTagsChangedLater(t *testing.T) {
	e := start(t)
	b := e.bucket("retag", false)
	e.put(b, "k", []byte("x"), "")
	e.rules(b, types.LifecycleRule{ID: aws.String("tag"), Filter: &types.LifecycleRuleFilter{Tag: &types.Tag{Key: aws.String("x"), Value: aws.String("1")}},
		Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}})
	time.Sleep(day + day/2) // k is a day old, and past the scan's settling time
	if rep := e.pass(0); rep.Visited != 1 || rep.Expired != 0 {
		t.Fatalf("report %+v: want k read and kept", rep)
	}
	_, err := e.c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: &b, Key: aws.String("k"),
		Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("x"), Value: aws.String("1")}}}})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * day)
	for e.exists(b, "k") {
		if time.Now().After(deadline) {
			t.Fatal("k, tagged after the scan passed it, was not expired")
		}
		time.Sleep(day / 10)
		e.pass(0)
	}
}
