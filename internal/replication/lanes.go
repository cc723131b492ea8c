package replication

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/strata-storage/strata/internal/events"
)

// Run consumes the replication lanes until ctx ends; every gateway runs
// it, and a lane has one message in flight cluster-wide (the durable
// consumer's MaxAckPending is 1), so a key's replications never overlap.
func (s *Service) Run(ctx context.Context) {
	for l := range s.Lanes {
		go s.lane(ctx, l)
	}
	go s.retryLoop(ctx)
	t := time.NewTicker(ttl)
	defer t.Stop()
	gauge := time.NewTicker(10 * time.Second)
	defer gauge.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-gauge.C:
			s.depth(ctx, "") // refreshes strata_replication_backlog
		case <-t.C:
			if err := s.configs.refresh(ctx); err != nil && ctx.Err() == nil {
				s.Log.Debug("replication: configuration refresh", "err", err)
			}
			s.resumeOrphans(ctx)
		}
	}
}

func (s *Service) lane(ctx context.Context, l int) {
	var cons jetstream.Consumer
	for ctx.Err() == nil {
		if cons == nil {
			c, err := events.LaneConsumer(ctx, s.JS, events.ReplicationTarget, l, s.AckWait)
			if err != nil {
				if ctx.Err() != nil {
					return // shutting down
				}
				s.Log.Warn("replication lane: consumer", "lane", l, "err", err)
				sleep(ctx, time.Second)
				continue
			}
			cons = c
		}
		batch, err := cons.Fetch(1, jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			sleep(ctx, 500*time.Millisecond)
			continue
		}
		for msg := range batch.Messages() {
			s.handle(ctx, msg)
		}
		if err := batch.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) && !errors.Is(err, nats.ErrTimeout) && ctx.Err() == nil {
			if errors.Is(err, jetstream.ErrConsumerNotFound) || errors.Is(err, jetstream.ErrConsumerDeleted) {
				cons = nil
			}
			sleep(ctx, 200*time.Millisecond)
		}
	}
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

// backoff is the wait before attempt n+1: 1 s doubling to 30 s.
func backoff(n int) time.Duration {
	return min(time.Second<<min(n-1, 5), 30*time.Second)
}

func (s *Service) handle(ctx context.Context, msg jetstream.Msg) {
	var d events.Delivery
	if err := json.Unmarshal(msg.Data(), &d); err != nil {
		s.Log.Error("replication: undecodable delivery dropped", "err", err)
		msg.Ack()
		return
	}
	attempt := 1
	if md, err := msg.Metadata(); err == nil {
		attempt = int(md.NumDelivered)
	}
	stop := make(chan struct{})
	go func() { // keep the lease while a large copy runs
		t := time.NewTicker(s.AckWait / 3)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				msg.InProgress()
			}
		}
	}()
	if !d.Event.Time.IsZero() {
		since("queued", d.Event.Time)
	}
	err := s.replicate(ctx, d.Event)
	close(stop)
	switch {
	case err == nil:
		t0 := time.Now()
		msg.DoubleAck(ctx)
		since("ack", t0)
	case ctx.Err() != nil:
		// Shutting down: the lease runs out and another gateway takes it.
	case attempt >= int(s.attempts.Load()):
		s.fail(ctx, msg, d, attempt, err)
	default:
		s.Log.Info("replication failed: will retry", "bucket", d.Event.Bucket, "key", d.Event.Key, "attempt", attempt, "err", err)
		msg.NakWithDelay(backoff(attempt))
	}
}
