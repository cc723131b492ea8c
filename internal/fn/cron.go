package fn

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/robfig/cron/v3"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/events"
)

// RunCron publishes scheduled invocations until ctx ends. Every gateway
// runs it; each tick is published with the same message id everywhere,
// so the bus keeps one and the function runs once per tick.
func (s *Scheduler) RunCron(ctx context.Context, js jetstream.JetStream) {
	last := time.Now()
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			s.cronTick(ctx, js, last, now)
			last = now
		}
	}
}

func (s *Scheduler) cronTick(ctx context.Context, js jetstream.JetStream, from, to time.Time) {
	all, err := s.Registry.all(ctx, time.Second)
	if err != nil {
		return
	}
	for name, m := range all {
		if m.Schedule == "" {
			continue
		}
		sched, err := cron.ParseStandard(m.Schedule)
		if err != nil {
			continue
		}
		for at := sched.Next(from); !at.After(to); at = sched.Next(at) {
			ev := event.Event{ID: fmt.Sprintf("cron-%s-%d", name, at.Unix()), Name: "Schedule", Time: at.UTC()}
			d := events.Delivery{Event: ev, Target: event.Target{Kind: event.KindFunction, Name: name}}
			if err := events.Publish(ctx, js, d, 1, ev.ID); err != nil {
				s.Log.Warn("scheduled invocation not published", "function", name, "at", at, "err", err)
			}
		}
	}
}
