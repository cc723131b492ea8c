package replication

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/events"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/object"
)

// Failure is a replication that ran out of attempts: FAILED on the
// source version, kept in the backlog and retried every RetryEvery.
type Failure struct {
	Event    event.Event `json:"event"`
	Rule     string      `json:"rule,omitempty"`
	Attempts int         `json:"attempts"`
	Error    string      `json:"error"`
	At       time.Time   `json:"at"`
}

func failureKey(bucket, key string) []byte { return []byte("R/f/" + bucket + "\x00" + key) }

// fail records a failure and acknowledges the delivery: the backlog keeps
// it now (one entry per key: the latest event of the key is enough).
func (s *Service) fail(ctx context.Context, msg jetstream.Msg, d events.Delivery, attempts int, cause error) {
	ev := d.Event
	s.Log.Warn("replication failed: kept in the backlog", "bucket", ev.Bucket, "key", ev.Key, "attempts", attempts, "err", cause)
	f := Failure{Event: ev, Attempts: attempts, Error: cause.Error(), At: time.Now().UTC()}
	if c := s.configs.peek(ev.Bucket); c != nil {
		if r := c.Match(ev.Key, ev.Tags); r != nil {
			f.Rule = r.ID
		}
	}
	b, _ := json.Marshal(f)
	err := s.Root.Update(ctx, func(tx meta.Txn) error { return tx.Set(failureKey(ev.Bucket, ev.Key), b) })
	if err != nil {
		s.Log.Error("replication: backlog not written; delivery kept", "err", err)
		msg.NakWithDelay(5 * time.Second)
		return
	}
	failedTotal.Inc()
	if ev.VersionID != "" || ev.Name != event.ObjectRemovedDelete {
		vid := ev.VersionID
		if vid == "" {
			vid = "null"
		}
		s.Objects.SetReplicationStatus(ctx, ev.Bucket, ev.Key, vid, object.ReplicationFailed)
	}
	msg.DoubleAck(ctx)
}

// Failures lists the backlog (bucket "" = all).
func (s *Service) Failures(ctx context.Context, bucket string) ([]Failure, error) {
	var out []Failure
	err := s.Root.View(ctx, func(r meta.Reader) error {
		p := []byte("R/f/")
		if bucket != "" {
			p = []byte("R/f/" + bucket + "\x00")
		}
		it := r.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			var f Failure
			if json.Unmarshal(it.Value(), &f) == nil {
				out = append(out, f)
			}
		}
		return it.Error()
	})
	return out, err
}

// retryLoop puts the backlog back in the lanes every RetryEvery.
func (s *Service) retryLoop(ctx context.Context) {
	t := time.NewTicker(s.RetryEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		n, err := s.RetryFailed(ctx, "")
		if err != nil && ctx.Err() == nil {
			s.Log.Warn("replication: backlog retry", "err", err)
		}
		if n > 0 {
			s.Log.Info("replication: backlog retried", "count", n)
		}
	}
}

// RetryFailed moves the backlog (of a bucket, or all) back to the lanes;
// an entry leaves the backlog once the bus holds its retry.
func (s *Service) RetryFailed(ctx context.Context, bucket string) (int, error) {
	fs, err := s.Failures(ctx, bucket)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, f := range fs {
		id := f.Event.ID + "/retry/" + strconv.FormatInt(time.Now().UnixNano(), 36)
		if err := s.enqueue(ctx, f.Event, id); err != nil {
			return n, err
		}
		k := failureKey(f.Event.Bucket, f.Event.Key)
		if err := s.Root.Update(ctx, func(tx meta.Txn) error { return tx.Delete(k) }); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// enqueue publishes one event to its lane (msgID deduplicates).
func (s *Service) enqueue(ctx context.Context, ev event.Event, msgID string) error {
	return events.Publish(ctx, s.JS, events.Delivery{Event: ev, Target: events.ReplicationTarget}, s.Lanes, msgID)
}
