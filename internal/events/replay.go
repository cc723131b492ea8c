package events

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/strata-storage/strata/internal/bus"
	"github.com/strata-storage/strata/internal/event"
)

// ReplayOptions select what Replay re-sends.
type ReplayOptions struct {
	Since  time.Time     // events committed from then on
	Bucket string        // "" = every bucket
	Target *event.Target // nil = every target; else only this one, for the events its rules select
}

// Replay re-sends stored events (STRATA_EVENTS keeps them for days) to
// the targets that match them now, or to one target. Replayed deliveries
// carry the original event ids. It returns how many deliveries it sent.
func (r *Relay) Replay(ctx context.Context, o ReplayOptions) (int, error) {
	subject := bus.EventSubject + ".>"
	if o.Bucket != "" {
		subject = eventSubject(o.Bucket)
	}
	cons, err := r.Bus.JS.OrderedConsumer(ctx, bus.EventStream, jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{subject}, DeliverPolicy: jetstream.DeliverByStartTimePolicy, OptStartTime: &o.Since})
	if err != nil {
		return 0, err
	}
	info, err := r.Bus.JS.Stream(ctx, bus.EventStream)
	if err != nil {
		return 0, err
	}
	last := info.CachedInfo().State.LastSeq
	tag := fmt.Sprintf("/replay-%d", time.Now().UnixNano())
	rt := &router{buckets: r.Buckets, fns: r.Fns, configs: map[string]event.Config{}}
	var ms []busMsg
	sent := 0
	for {
		batch, err := cons.Fetch(256, jetstream.FetchMaxWait(time.Second))
		if err != nil {
			return sent, err
		}
		n := 0
		done := false
		for msg := range batch.Messages() {
			n++
			md, _ := msg.Metadata()
			evs, err := event.ParseRecords(msg.Data())
			if err != nil {
				continue
			}
			for _, ev := range evs {
				routes, err := rt.routes(ctx, ev)
				if err != nil {
					return sent, err
				}
				for _, ro := range routes {
					if o.Target != nil && ro.d.Target != *o.Target {
						continue // replay to one target: only what its rules select
					}
					ro.d.Replay = tag
					tid := TargetID(ro.d.Target)
					b, _ := json.Marshal(ro.d)
					ms = append(ms, busMsg{laneSubject(tid, lane(ev.Key, ro.lanes)), ev.ID + "/" + tid + tag, b})
				}
			}
			if md != nil && md.Sequence.Stream >= last {
				done = true
			}
		}
		if err := r.publishAll(ctx, bus.DeliverStream, ms); err != nil {
			return sent, err
		}
		sent += len(ms)
		ms = ms[:0]
		if done || n == 0 {
			return sent, nil
		}
	}
}

func (r *Relay) lanes(ctx context.Context, t event.Target) int {
	if t.Kind == event.KindFunction && r.Fns != nil {
		return r.Fns.Lanes(ctx, t.Name)
	}
	return TargetLanes
}

// DeadLetters lists the dead letters of a target (all targets for nil).
func DeadLetters(ctx context.Context, b *bus.Bus, t *event.Target, max int) ([]DeadLetter, error) {
	var out []DeadLetter
	err := walkDead(ctx, b, t, func(_ uint64, dl DeadLetter) bool {
		out = append(out, dl)
		return len(out) < max
	})
	return out, err
}

// Redrive sends a target's dead letters back to its lanes, with fresh
// attempts, and removes them from the dead-letter stream.
func (r *Relay) Redrive(ctx context.Context, t event.Target) (int, error) {
	tag := fmt.Sprintf("/redrive-%d", time.Now().UnixNano())
	tid := TargetID(t)
	stream, err := r.Bus.JS.Stream(ctx, bus.DeadStream)
	if err != nil {
		return 0, err
	}
	n := 0
	var walkErr error
	err = walkDead(ctx, r.Bus, &t, func(seq uint64, dl DeadLetter) bool {
		d := dl.Delivery
		d.Replay = tag
		b, _ := json.Marshal(d)
		if _, walkErr = r.Bus.JS.Publish(ctx, laneSubject(tid, lane(d.Event.Key, r.lanes(ctx, t))), b,
			jetstream.WithMsgID(d.Event.ID+"/"+tid+tag)); walkErr != nil {
			return false
		}
		if walkErr = stream.DeleteMsg(ctx, seq); walkErr != nil {
			return false
		}
		n++
		return true
	})
	return n, errors.Join(err, walkErr)
}

func walkDead(ctx context.Context, b *bus.Bus, t *event.Target, fn func(seq uint64, dl DeadLetter) bool) error {
	subject := bus.DeadSubject + ".>"
	if t != nil {
		subject = deadSubject(TargetID(*t))
	}
	stream, err := b.JS.Stream(ctx, bus.DeadStream)
	if err != nil {
		return err
	}
	last := stream.CachedInfo().State.LastSeq
	if stream.CachedInfo().State.Msgs == 0 {
		return nil
	}
	cons, err := b.JS.OrderedConsumer(ctx, bus.DeadStream, jetstream.OrderedConsumerConfig{FilterSubjects: []string{subject}})
	if err != nil {
		return err
	}
	for {
		batch, err := cons.Fetch(256, jetstream.FetchMaxWait(500*time.Millisecond))
		if err != nil {
			return err
		}
		n := 0
		for msg := range batch.Messages() {
			n++
			md, err := msg.Metadata()
			if err != nil {
				continue
			}
			var dl DeadLetter
			if json.Unmarshal(msg.Data(), &dl) == nil && !fn(md.Sequence.Stream, dl) {
				return nil
			}
			if md.Sequence.Stream >= last {
				return nil
			}
		}
		if n == 0 {
			return nil
		}
	}
}
