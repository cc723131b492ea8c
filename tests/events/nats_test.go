package eventstest

import (
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/nats-io/nats.go"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestNATSTarget: a bucket's events published on a NATS subject, and the
// full event stream kept on the bus for any consumer.
func TestNATSTarget(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	nc, err := nats.Connect(s.BusURL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	sub, err := nc.SubscribeSync("app.uploads")
	if err != nil {
		t.Fatal(err)
	}
	nc.Flush()
	admin(t, s.URL(), "PUT", "/_strata/api/v1/events/targets/uploads", map[string]any{"kind": "nats", "subject": "app.uploads"})
	mkBucket(t, c, "media")
	notify(t, s.URL(), "media", &types.NotificationConfiguration{TopicConfigurations: []types.TopicConfiguration{{
		TopicArn: aws.String("arn:strata:sns::uploads:nats"), Events: []types.Event{"s3:ObjectCreated:*", "s3:ObjectRemoved:*"}}}})
	for i := range 10 {
		put(t, c, "media", fmt.Sprintf("v%d.mp4", i), []byte("m"))
	}
	seen := map[string]bool{}
	for len(seen) < 10 {
		msg, err := sub.NextMsg(10 * time.Second)
		if err != nil {
			t.Fatalf("after %d events: %v", len(seen), err)
		}
		evs, err := event.ParseRecords(msg.Data)
		if err != nil || len(evs) != 1 || evs[0].Name != event.ObjectCreatedPut || msg.Header.Get("X-Strata-Event-Id") != evs[0].ID {
			t.Fatalf("message %s %v: %+v", msg.Data, err, evs)
		}
		seen[evs[0].Key] = true
	}
	// The raw stream has every event of the bucket, bucket creation too.
	js, _ := nc.JetStream()
	raw, err := js.SubscribeSync("strata.events.media", nats.DeliverAll(), nats.OrderedConsumer())
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]int{}
	for range 11 {
		msg, err := raw.NextMsg(5 * time.Second)
		if err != nil {
			t.Fatalf("stream: %v (%v)", err, names)
		}
		evs, _ := event.ParseRecords(msg.Data)
		for _, ev := range evs {
			names[ev.Name]++
		}
	}
	if names[event.BucketCreated] != 1 || names[event.ObjectCreatedPut] != 10 {
		t.Fatalf("stream events: %v", names)
	}
}
