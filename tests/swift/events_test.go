package swifttest

import (
	"io"
	"net/http"
	"net/http/httptest"
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

// TestSwiftEvents: writes and deletes through Swift fire the same
// bucket notifications as S3's.
func TestSwiftEvents(t *testing.T) {
	s, auth := node(t)
	const secret = "hook-secret"
	var mu sync.Mutex
	var got []event.Event
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !events.Verify(secret, r.Header, body, time.Minute) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		evs, err := event.ParseRecords(body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mu.Lock()
		got = append(got, evs...)
		mu.Unlock()
	}))
	defer hook.Close()
	if _, err := testenv.Admin(ctx, s.URL(), "PUT", "/_strata/api/v1/events/targets/hook",
		[]byte(`{"kind":"webhook","url":"`+hook.URL+`","secret":"`+secret+`"}`)); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, auth, testenv.AccessKey, testenv.SecretKey)
	c.must(201, "PUT", "/ev", nil, "")
	if _, err := s.S3().PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{
		Bucket: aws.String("ev"), NotificationConfiguration: &types.NotificationConfiguration{
			QueueConfigurations: []types.QueueConfiguration{{QueueArn: aws.String("arn:strata:sqs::hook:webhook"),
				Events: []types.Event{"s3:ObjectCreated:*", "s3:ObjectRemoved:*"}}}}}); err != nil {
		t.Fatal(err)
	}
	c.must(201, "PUT", "/ev/a", map[string]string{"X-Object-Meta-K": "v"}, "one")
	c.must(201, "COPY", "/ev/a", map[string]string{"Destination": "ev/b"}, "")
	c.must(204, "DELETE", "/ev/a", nil, "")
	want := []struct{ name, key string }{
		{event.ObjectCreatedPut, "a"}, {event.ObjectCreatedCopy, "b"}, {event.ObjectRemovedDelete, "a"}}
	deadline := time.Now().Add(15 * time.Second)
	for {
		mu.Lock()
		n := len(got)
		mu.Unlock()
		if n >= len(want) || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	seen := map[string]bool{}
	for _, ev := range got {
		seen[ev.Name+" "+ev.Key] = true
		if ev.Name == event.ObjectCreatedPut && ev.UserMeta["k"] != "v" {
			t.Errorf("put event lacks the metadata: %+v", ev)
		}
	}
	for _, w := range want {
		if !seen[w.name+" "+w.key] {
			t.Errorf("no %s event for %s; got %+v", w.name, w.key, got)
		}
	}
}
