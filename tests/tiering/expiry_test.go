package tieringtest

import (
	"bytes"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/events"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestArchiveLifeCycle follows raw data through its whole life, as the
// seed's case study: written hot, moved to the archive by a transition,
// restored, then expired at the end of its retention. Expiration removes
// the archived fragments and the restored copies from every volume, and
// each step is one S3 event per object (s3:LifecycleTransition,
// s3:ObjectRestore:Post and :Completed, s3:LifecycleExpiration:Delete).
func TestArchiveLifeCycle(t *testing.T) {
	n := startNode(t)
	c := n.S3()
	const bucket, count = "cycle", 20
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	h := newHook(t)
	if _, err := testenv.Admin(ctx, n.URL(), http.MethodPut, "/_strata/api/v1/events/targets/hook",
		[]byte(`{"kind":"webhook","url":"`+h.URL+`","secret":"`+hookSecret+`"}`)); err != nil {
		t.Fatal(err)
	}
	_, err := c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String(bucket),
		NotificationConfiguration: &types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{{
			QueueArn: aws.String("arn:strata:sqs::hook:webhook"),
			Events:   []types.Event{"s3:LifecycleTransition", "s3:LifecycleExpiration:*", "s3:ObjectRestore:*"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range count {
		body := make([]byte, 80<<10)
		rand.New(rand.NewSource(int64(i))).Read(body)
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(fmt.Sprintf("raw/%02d", i)),
			Body: bytes.NewReader(body)}); err != nil {
			t.Fatal(err)
		}
	}
	lifecycle(t, c, bucket, types.LifecycleRule{ID: aws.String("archive"), Status: types.ExpirationStatusEnabled,
		Filter:      &types.LifecycleRuleFilter{Prefix: aws.String("raw/")},
		Transitions: []types.Transition{{Days: aws.Int32(1), StorageClass: types.TransitionStorageClassGlacier}}})
	waitFor(t, 2*time.Minute, "every object in GLACIER", func() bool {
		return countClass(t, c, bucket, types.ObjectStorageClassGlacier) == count
	})
	for i := range count {
		key := fmt.Sprintf("raw/%02d", i)
		if _, err := c.RestoreObject(ctx, &s3.RestoreObjectInput{Bucket: aws.String(bucket), Key: aws.String(key),
			RestoreRequest: &types.RestoreRequest{Days: aws.Int32(365)}}); err != nil {
			t.Fatal(err)
		}
		waitFor(t, time.Minute, "restore of "+key, func() bool {
			h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
			return err == nil && strings.HasPrefix(aws.ToString(h.Restore), `ongoing-request="false"`)
		})
	}
	if pl := n.walkPools(t); len(pl) != count {
		t.Fatalf("chunk owners before the expiration: %d, want %d", len(pl), count)
	}

	// The end of the retention (the objects are already older than it).
	lifecycle(t, c, bucket, types.LifecycleRule{ID: aws.String("retention"), Status: types.ExpirationStatusEnabled,
		Filter: &types.LifecycleRuleFilter{Prefix: aws.String("raw/")}, Expiration: &types.LifecycleExpiration{Days: aws.Int32(2)}})
	waitFor(t, 2*time.Minute, "every object expired", func() bool {
		out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
		if err != nil {
			t.Fatal(err)
		}
		return len(out.Contents) == 0
	})
	waitFor(t, time.Minute, "every chunk file deleted", func() bool { return len(n.walkPools(t)) == 0 })

	want := map[string]int{event.LifecycleTransition: count, event.ObjectRestorePost: count,
		event.ObjectRestoreCompleted: count, event.LifecycleExpirationDelete: count}
	waitFor(t, time.Minute, "the events", func() bool { return h.total() >= 4*count })
	if got := h.counts(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("events by name %v, want %v", got, want)
	}
}

func lifecycle(t *testing.T, c *s3.Client, bucket string, rules ...types.LifecycleRule) {
	t.Helper()
	_, err := c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(bucket),
		LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: rules}})
	if err != nil {
		t.Fatal(err)
	}
}

const hookSecret = "tiering-webhook-secret"

// hook is a webhook receiver that keeps every event it accepts, once per
// event id (delivery is at least once).
type hook struct {
	*httptest.Server
	mu   sync.Mutex
	seen map[string]string // id -> name
}

func newHook(t *testing.T) *hook {
	h := &hook{seen: map[string]string{}}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !events.Verify(hookSecret, r.Header, body, time.Minute) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		evs, err := event.ParseRecords(body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		h.mu.Lock()
		for _, ev := range evs {
			h.seen[ev.ID] = ev.Name
		}
		h.mu.Unlock()
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hook) total() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.seen)
}

func (h *hook) counts() map[string]int {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := map[string]int{}
	for _, name := range h.seen {
		out[name]++
	}
	return out
}
