package archivetest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

const restoreBody = `<RestoreRequest><Days>%d</Days><GlacierJobParameters><Tier>Standard</Tier></GlacierJobParameters></RestoreRequest>`

// TestRestoreCycle: a GLACIER object is refused to every data read, a
// restore makes it readable (x-amz-restore ongoing, then done with an
// expiry), a second request while it runs is refused, extending it
// answers 200, and at expiry the copy is dropped and the object is
// archived again; s3:ObjectRestore:* events fire in order.
func TestRestoreCycle(t *testing.T) {
	s := testenv.Start(t, testenv.Options{Edit: func(c *server.Config) { c.RestoreDay = time.Second }})
	c := s.S3()
	b, key := "cold", "data/big.bin"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	h := newHook(t)
	if _, err := testenv.Admin(ctx, s.URL(), "PUT", "/_strata/api/v1/events/targets/hook",
		[]byte(`{"kind":"webhook","url":"`+h.URL+`","secret":"`+secret+`"}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: &b,
		NotificationConfiguration: &types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{{
			QueueArn: aws.String("arn:strata:sqs::hook:webhook"), Events: []types.Event{"s3:ObjectRestore:*"}}}}}); err != nil {
		t.Fatal(err)
	}

	data := randBytes(300<<10, 1) // above the inline size: real chunks
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: &key, Body: bytes.NewReader(data),
		StorageClass: types.StorageClassGlacier}); err != nil {
		t.Fatal(err)
	}
	head, restore := headRestore(t, c, b, key)
	if head.StorageClass != types.StorageClassGlacier || restore != "" || aws.ToInt64(head.ContentLength) != int64(len(data)) {
		t.Fatalf("head: class %q restore %q length %d", head.StorageClass, restore, aws.ToInt64(head.ContentLength))
	}
	assertArchived(t, c, b, key)

	// Listing and attributes show the class.
	list, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &b})
	if err != nil || len(list.Contents) != 1 || list.Contents[0].StorageClass != types.ObjectStorageClassGlacier {
		t.Fatalf("list: %v %+v", err, list)
	}
	attrs, err := c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: &b, Key: &key,
		ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesStorageClass}})
	if err != nil || attrs.StorageClass != types.StorageClassGlacier {
		t.Fatalf("attributes: %v %+v", err, attrs)
	}

	// A STANDARD object cannot be restored.
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("hot"), Body: strings.NewReader("x")}); err != nil {
		t.Fatal(err)
	}
	_, err = c.RestoreObject(ctx, &s3.RestoreObjectInput{Bucket: &b, Key: aws.String("hot"), RestoreRequest: &types.RestoreRequest{Days: aws.Int32(1)}})
	wantCode(t, err, "InvalidObjectState")

	// Held in progress: ongoing, still refused, a second request is 409.
	s.Objects.PauseRestores(true)
	url := s.URL() + "/" + b + "/" + key + "?restore"
	if resp := signed(t, http.MethodPost, url, fmt.Appendf(nil, restoreBody, 30)); resp.StatusCode != http.StatusAccepted {
		t.Fatalf("restore: status %d, want 202", resp.StatusCode)
	}
	if _, restore := headRestore(t, c, b, key); restore != `ongoing-request="true"` {
		t.Fatalf("x-amz-restore while ongoing: %q", restore)
	}
	assertArchived(t, c, b, key)
	if st := listRestore(t, c, b, key); st == nil || !aws.ToBool(st.IsRestoreInProgress) {
		t.Fatalf("listing RestoreStatus while ongoing: %+v", st)
	}
	_, err = c.RestoreObject(ctx, &s3.RestoreObjectInput{Bucket: &b, Key: &key,
		RestoreRequest: &types.RestoreRequest{Days: aws.Int32(30), GlacierJobParameters: &types.GlacierJobParameters{Tier: types.TierExpedited}}})
	wantCode(t, err, "RestoreAlreadyInProgress")

	// Done: readable, with its expiry 30 (short) days out.
	before := time.Now()
	s.Objects.PauseRestores(false)
	waitFor(t, 30*time.Second, "restore done", func() bool {
		_, r := headRestore(t, c, b, key)
		return strings.HasPrefix(r, `ongoing-request="false"`)
	})
	_, restore = headRestore(t, c, b, key)
	exp := parseExpiry(t, restore)
	if st := listRestore(t, c, b, key); st == nil || aws.ToBool(st.IsRestoreInProgress) || !aws.ToTime(st.RestoreExpiryDate).Equal(exp) {
		t.Fatalf("listing RestoreStatus once restored: %+v, want expiry %v", st, exp)
	}
	if exp.Before(before.Add(28*time.Second)) || exp.After(time.Now().Add(31*time.Second)) {
		t.Fatalf("expiry %v not 30 short days after %v", exp, before)
	}
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if !bytes.Equal(got, data) || aws.ToString(out.Restore) != restore || out.StorageClass != types.StorageClassGlacier {
		t.Fatalf("restored GET: %d bytes (equal %v), restore %q class %q", len(got), bytes.Equal(got, data), aws.ToString(out.Restore), out.StorageClass)
	}
	rng, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key, Range: aws.String("bytes=1000-1999")})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = io.ReadAll(rng.Body)
	rng.Body.Close()
	if !bytes.Equal(got, data[1000:2000]) {
		t.Fatal("restored ranged GET returned other bytes")
	}
	if _, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &b, Key: aws.String("copy"), CopySource: aws.String(b + "/" + key)}); err != nil {
		t.Fatalf("copy of a restored object: %v", err)
	}

	// Restoring again while restored moves the expiry (200): to 1 day.
	if resp := signed(t, http.MethodPost, url, fmt.Appendf(nil, restoreBody, 1)); resp.StatusCode != http.StatusOK {
		t.Fatalf("extend: status %d, want 200", resp.StatusCode)
	}
	_, restore = headRestore(t, c, b, key)
	if e := parseExpiry(t, restore); !e.Before(exp) {
		t.Fatalf("expiry not moved: %v, was %v", e, exp)
	}
	// Expired: archived again.
	waitFor(t, 30*time.Second, "restored copy dropped", func() bool {
		_, r := headRestore(t, c, b, key)
		return r == ""
	})
	assertArchived(t, c, b, key)

	want := []string{event.ObjectRestorePost, event.ObjectRestoreCompleted, event.ObjectRestoreDelete}
	waitFor(t, 10*time.Second, "restore events", func() bool { return len(h.names()) >= len(want) })
	if got := h.names(); !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
}

// assertArchived: every data read of the key is refused with 403
// InvalidObjectState, and HEAD still works.
func assertArchived(t *testing.T, c *s3.Client, b, key string) {
	t.Helper()
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key})
	wantCode(t, err, "InvalidObjectState")
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key, Range: aws.String("bytes=0-9")})
	wantCode(t, err, "InvalidObjectState")
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: &b, Key: &key, PartNumber: aws.Int32(1)})
	wantCode(t, err, "InvalidObjectState")
	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &b, Key: aws.String("copy-of-archived"), CopySource: aws.String(b + "/" + key)})
	wantCode(t, err, "InvalidObjectState")
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: &key}); err != nil {
		t.Fatalf("head of an archived object: %v", err)
	}
}

// listRestore is the RestoreStatus ListObjectsV2 gives key when asked.
func listRestore(t *testing.T, c *s3.Client, b, key string) *types.RestoreStatus {
	t.Helper()
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &b, Prefix: &key,
		OptionalObjectAttributes: []types.OptionalObjectAttributes{types.OptionalObjectAttributesRestoreStatus}})
	if err != nil || len(out.Contents) != 1 {
		t.Fatalf("list %s: %v %+v", key, err, out)
	}
	return out.Contents[0].RestoreStatus
}

func parseExpiry(t *testing.T, restore string) time.Time {
	t.Helper()
	_, v, ok := strings.Cut(restore, `expiry-date="`)
	if !ok {
		t.Fatalf("x-amz-restore %q has no expiry-date", restore)
	}
	e, err := time.Parse(http.TimeFormat, strings.TrimSuffix(v, `"`))
	if err != nil {
		t.Fatalf("x-amz-restore %q: %v", restore, err)
	}
	return e
}
