package eventstest

import (
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestWebhookEvents: every kind of change reaches a signed webhook once
// filtered, in order per key, with ids and per-key sequence numbers.
func TestWebhookEvents(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	h := newHook(t)
	addWebhook(t, s.URL(), "hook", h.URL, 0)
	mkBucket(t, c, "photos")
	notify(t, s.URL(), "photos", webhookRule("hook", "in/", "s3:ObjectCreated:*", "s3:ObjectRemoved:*", "s3:ObjectTagging:*"))

	put(t, c, "photos", "in/a.jpg", []byte("one"))
	put(t, c, "photos", "out/skip.jpg", []byte("filtered out"))
	put(t, c, "photos", "in/a.jpg", []byte("two"))
	if _, err := c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String("photos"), Key: aws.String("in/a.jpg"),
		Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("photos"), Key: aws.String("in/b.jpg"),
		CopySource: aws.String("photos/in/a.jpg")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("photos"), Key: aws.String("in/a.jpg")}); err != nil {
		t.Fatal(err)
	}
	evs := h.waitFor(t, 5, 10*time.Second)
	want := []struct {
		name, key string
		seq       uint64
	}{
		{event.ObjectCreatedPut, "in/a.jpg", 1},
		{event.ObjectCreatedPut, "in/a.jpg", 2},
		{event.ObjectTaggingPut, "in/a.jpg", 3},
		{event.ObjectCreatedCopy, "in/b.jpg", 1},
		{event.ObjectRemovedDelete, "in/a.jpg", 4},
	}
	time.Sleep(300 * time.Millisecond) // nothing else may come
	evs = h.snapshot()
	if len(evs) != len(want) {
		t.Fatalf("got %d events, want %d: %+v", len(evs), len(want), evs)
	}
	// Lanes keep each key's order; different keys may interleave.
	byKey := map[string][]event.Event{}
	ids := map[string]bool{}
	for _, ev := range evs {
		byKey[ev.Key] = append(byKey[ev.Key], ev)
		if ev.ID == "" || ids[ev.ID] || ev.Bucket != "photos" {
			t.Errorf("event %+v: id missing or repeated, or wrong bucket", ev)
		}
		ids[ev.ID] = true
	}
	for _, w := range want {
		got := byKey[w.key]
		if len(got) == 0 {
			t.Fatalf("missing %s %s seq %d", w.name, w.key, w.seq)
		}
		ev := got[0]
		byKey[w.key] = got[1:]
		if ev.Name != w.name || ev.Seq != w.seq {
			t.Errorf("%s: got %s seq %d, want %s seq %d", w.key, ev.Name, ev.Seq, w.name, w.seq)
		}
	}
	sizes := byKeyFirst(evs, "in/a.jpg")
	if sizes.Size != 3 || sizes.ETag == "" {
		t.Errorf("put event lacks size/etag: %+v", sizes)
	}
	if h.badSigs != 0 {
		t.Fatalf("%d bad signatures", h.badSigs)
	}

	// Replay from the bus's history: the same events again, same ids.
	since := time.Now().Add(-time.Minute).UTC().Format(time.RFC3339)
	admin(t, s.URL(), "POST", "/_strata/api/v1/events/replay", map[string]string{"bucket": "photos", "target": "arn:strata:sqs::hook:webhook", "since": since})
	again := h.waitFor(t, 2*len(want), 10*time.Second)[len(want):]
	for _, ev := range again {
		if !ids[ev.ID] {
			t.Errorf("replayed event %s %s has a new id %s", ev.Name, ev.Key, ev.ID)
		}
	}
}

// TestWebhookOrderUnderLoad: 20 keys written 25 times each by concurrent
// writers; every event arrives, each key's in sequence order.
func TestWebhookOrderUnderLoad(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	h := newHook(t)
	addWebhook(t, s.URL(), "hook", h.URL, 0)
	mkBucket(t, c, "load")
	notify(t, s.URL(), "load", webhookRule("hook", "", "s3:ObjectCreated:*"))
	const keys, rounds = 20, 25
	errs := make(chan error, keys)
	for k := range keys {
		go func() {
			for r := range rounds {
				_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("load"), Key: aws.String(fmt.Sprintf("k%02d", k)),
					Body: bytesReader(fmt.Sprintf("%d", r))})
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range keys {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	evs := h.waitFor(t, keys*rounds, 60*time.Second)
	last := map[string]uint64{}
	for _, ev := range evs {
		if ev.Seq != last[ev.Key]+1 {
			t.Fatalf("key %s: seq %d after %d", ev.Key, ev.Seq, last[ev.Key])
		}
		last[ev.Key] = ev.Seq
	}
	if len(evs) != keys*rounds {
		t.Fatalf("%d events, want %d", len(evs), keys*rounds)
	}
}

// TestWebhookDownForAMinute: the target answers 503 for a minute; every
// event is delivered after it comes back, none twice, in order per key.
func TestWebhookDownForAMinute(t *testing.T) {
	if testing.Short() {
		t.Skip("takes over a minute")
	}
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	h := newHook(t)
	h.setDown(true)
	addWebhook(t, s.URL(), "hook", h.URL, 0)
	mkBucket(t, c, "outage")
	notify(t, s.URL(), "outage", webhookRule("hook", "", "s3:ObjectCreated:*"))
	const n = 200
	start := time.Now()
	for i := range n {
		put(t, c, "outage", fmt.Sprintf("k%d", i%10), []byte{byte(i)})
	}
	time.Sleep(time.Minute - time.Since(start))
	if got := len(h.snapshot()); got != 0 {
		t.Fatalf("%d events accepted while down", got)
	}
	h.setDown(false)
	back := time.Now()
	evs := h.waitFor(t, n, 3*time.Minute)
	t.Logf("all %d events delivered %.1f s after the target came back", n, time.Since(back).Seconds())
	time.Sleep(2 * time.Second)
	evs = h.snapshot()
	seen := map[string]bool{}
	last := map[string]uint64{}
	for _, ev := range evs {
		if seen[ev.ID] {
			t.Errorf("event %s delivered twice", ev.ID)
		}
		seen[ev.ID] = true
		if ev.Seq != last[ev.Key]+1 {
			t.Errorf("key %s: seq %d after %d", ev.Key, ev.Seq, last[ev.Key])
		}
		last[ev.Key] = ev.Seq
	}
	if len(seen) != n {
		t.Fatalf("%d distinct events, want %d", len(seen), n)
	}
}

func byKeyFirst(evs []event.Event, key string) event.Event {
	for _, ev := range evs {
		if ev.Key == key {
			return ev
		}
	}
	return event.Event{}
}
