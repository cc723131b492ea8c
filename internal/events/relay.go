package events

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/strata-storage/strata/internal/bus"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Relay drains the outboxes to the bus.
type Relay struct {
	Engines func(ctx context.Context) []meta.Engine // every engine with an outbox
	Bus     *bus.Bus
	Buckets BucketConfigs
	Fns     Functions   // nil: no function triggers
	Repl    Replication // nil: no bucket replication
	Holder  string      // this node's name, for the lease
	// Shared: other gateways drain the same outboxes (a cluster), so a
	// lease keeps them from publishing the same batch twice. Alone, the
	// relay skips the lease's two extra commits per batch.
	Shared bool
	Region string
	Log    *slog.Logger
	// Batch is the most events moved per transaction (default 1024).
	Batch int

	cursors outboxCursors // where local drains start (relay_cursor.go)
	// When the last warning that the bus refused a batch was logged
	// (unix ns): at most one a minute.
	lastFallbackWarn atomic.Int64
	moved            atomic.Int64 // events published and deleted, for Run's linger
}

// leaseTTL bounds how long a dead relay keeps others off an outbox: the
// events committed meanwhile wait that long (10 s made every copy
// committed in the 10 s after a gateway's crash that long late). It is
// renewed by every batch; a live holder slower than that only lets
// another relay publish the same batch again, which the bus drops
// (message ids, bus.DefaultDedupWindow) and stillMine keeps from deleting twice.
const leaseTTL = 4 * time.Second

type lease struct {
	Holder string `json:"holder"`
	Until  int64  `json:"until"`
}

// A poked relay in a stream of commits waits for more before it drains:
// each drain is a read, a bus round trip and a commit, and on the
// embedded bus an atomic batch (one sync for all its messages) pays only
// from bus.MinAtomicBatch messages. The wait is what lingerTarget events
// take at the stream's rate, between minLinger and maxLinger.
//
// minLinger: at 20 ms rather than 5, a stream of 10 k PUT/s goes to the
// bus in batches of 200 or more, where an atomic batch costs 33-55 us of
// CPU per message, against 206 us in batches of 16 (the bus's
// BenchmarkPublishEvent): 11-18% more PUT/s on 2 cores
// (docs/SHARDING.md).
//
// maxLinger: a mount creating files one by one commits 600-700 events a
// second, which a fixed 20 ms drained 13-16 at a time, most of them one
// message and one sync each: the bus's stream loop took 17-20% of the
// gateway's CPU under tar -x and xargs touch, and a stream of 700
// events/s costs 20% less CPU per event at 60 a batch (BenchmarkRelayStream;
// docs/SHARDING.md, "The relay's linger"). 100 ms is
// also the bound on a deferred commit's sync, so an event under a
// stream is at most that much later than with the fixed wait.
const (
	minLinger    = 20 * time.Millisecond
	maxLinger    = 100 * time.Millisecond
	lingerTarget = 4 * bus.MinAtomicBatch
)

// lingerFor is how long to wait for lingerTarget events after a drain
// that moved n events committed over the period since the drain before.
func lingerFor(n int64, period time.Duration) time.Duration {
	if n <= 0 || period <= 0 {
		return minLinger
	}
	return min(maxLinger, max(minLinger, period*lingerTarget/time.Duration(n)))
}

// streamGap: a poke this soon after the last drain is part of a stream
// of commits, and lingers.
const streamGap = 20 * time.Millisecond

// Run drains every outbox when poked (after local commits) and every
// second (for events committed by other gateways), until ctx ends.
func (r *Relay) Run(ctx context.Context, poke <-chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	peer := r.listenPokes(ctx)
	linger := minLinger
	var last time.Time // when the drain before this one started
	for {
		start, before := time.Now(), r.moved.Load()
		for _, e := range r.Engines(ctx) {
			if err := r.Drain(ctx, e); err != nil && ctx.Err() == nil {
				r.Log.Warn("event relay: will retry", "err", err)
			}
		}
		drained := time.Now()
		if !last.IsZero() {
			linger = lingerFor(r.moved.Load()-before, start.Sub(last))
		}
		last = start
		// A whole read put off by wholeDue comes at the latest this
		// much later, not at the next tick.
		var owed <-chan time.Time
		if r.cursors.owing() {
			owed = time.After(wholeEvery)
		}
		select {
		case <-ctx.Done():
			return
		case <-owed:
		case <-poke:
			// Under a stream of commits, let the ones right behind this
			// one join its drain: a mount creating files one by one made
			// a drain (a read, a bus round trip and a commit) per event.
			// A commit after a quiet spell is drained at once.
			if time.Since(drained) < streamGap {
				select {
				case <-ctx.Done():
					return
				case <-time.After(linger):
				}
			}
		case <-peer:
			r.cursors.reset()
		case <-t.C:
			r.cursors.reset()
		}
	}
}

// Drain moves an engine's outbox to the bus, batch by batch, while this
// relay holds the engine's lease.
func (r *Relay) Drain(ctx context.Context, e meta.Engine) error {
	held := false
	defer func() {
		if held {
			r.release(context.WithoutCancel(ctx), e)
		}
	}()
	if r.Shared {
		// Another relay drains this outbox now: it takes what was just
		// committed here too (see Run), so reading the batch only to
		// lose the lease race would be wasted (under load, on every
		// commit of this gateway).
		if busy, err := r.heldByOther(ctx, e); err != nil || busy {
			if busy {
				r.pokeHolder()
			}
			return err
		}
	}
	for {
		from := r.cursors.from(e)
		keys, evs, err := r.read(ctx, e, from)
		if err == nil && len(keys) == 0 && from != nil && r.cursors.wholeDue(e) {
			// Nothing after the cursor: what woke us may be older.
			from = nil
			keys, evs, err = r.read(ctx, e, nil)
		}
		if err != nil || len(keys) == 0 {
			return err
		}
		if !held && r.Shared {
			ok, err := r.acquire(ctx, e)
			if err == nil && !ok {
				r.pokeHolder()
			}
			if err != nil || !ok {
				return err
			}
			held = true
			// Re-read: another relay may have moved these meanwhile.
			if keys, evs, err = r.read(ctx, e, from); err != nil || len(keys) == 0 {
				return err
			}
		}
		// An event must not outlive its change: a change made under
		// meta.WithDeferredSync (a mount's, with --deferred-sync) is
		// durable before the bus announces it. The wait (at most 100 ms)
		// rides on the engine's own sync and lets the batch grow.
		if err := meta.WaitDurable(ctx, e); err != nil {
			return err
		}
		if err := r.publish(ctx, evs); err != nil {
			return err
		}
		// The bus has the events on disk. Losing their deletion in a
		// crash only publishes them again, and the bus drops those as
		// duplicates: the deletion need not wait for a sync of its own.
		err = e.Update(meta.WithLazySync(ctx), func(tx meta.Txn) error {
			if r.Shared {
				if mine, err := r.stillMine(tx); err != nil || !mine {
					return errLeaseLost
				}
			}
			// Each outbox key is set once, by its change's commit.
			for _, k := range keys {
				if err := meta.DeleteOnce(tx, k); err != nil {
					return err
				}
			}
			if !r.Shared {
				return nil
			}
			return tx.Set(directory.OutboxLease(), r.leaseValue())
		})
		if err != nil {
			held = err != errLeaseLost
			return err
		}
		r.cursors.drained(e, keys[len(keys)-1])
		r.moved.Add(int64(len(keys)))
		relayed.Add(float64(len(evs)))
		for _, ev := range evs {
			outboxLag.Observe(time.Since(ev.Time).Seconds())
		}
		if len(keys) < r.batch() {
			// The outbox held no more when it was read: what came
			// since waits for Run's linger, which lets it grow into
			// one larger batch instead of many small ones.
			return nil
		}
	}
}

// batch is the most events one drain reads.
func (r *Relay) batch() int {
	if r.Batch <= 0 {
		return 1024
	}
	return r.Batch
}

var errLeaseLost = strata.Errorf("events.Relay", strata.Conflict, "outbox lease lost")

// read reads a batch of e's outbox from key from (nil: its first).
func (r *Relay) read(ctx context.Context, e meta.Engine, from []byte) ([][]byte, []event.Event, error) {
	n := r.batch()
	var keys [][]byte
	var evs []event.Event
	err := e.View(ctx, func(rd meta.Reader) error {
		keys, evs = nil, nil
		p := directory.OutboxPrefix()
		it := rd.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		var ok bool
		if from != nil {
			ok = it.SeekGE(from)
		} else {
			ok = it.First()
		}
		for ; ok && len(keys) < n; ok = it.Next() {
			keys = append(keys, bytes.Clone(it.Key()))
			var ev event.Event
			if err := json.Unmarshal(it.Value(), &ev); err != nil {
				// Never block the outbox on one bad record: keep it aside.
				r.Log.Error("event relay: undecodable outbox record dropped", "key", fmt.Sprintf("%q", it.Key()), "err", err)
				continue
			}
			if ev.Region == "" {
				ev.Region = r.Region
			}
			evs = append(evs, ev)
		}
		return it.Error()
	})
	return keys, evs, err
}

func (r *Relay) leaseValue() []byte {
	b, _ := json.Marshal(lease{Holder: r.Holder, Until: time.Now().Add(leaseTTL).UnixNano()})
	return b
}

func (r *Relay) stillMine(tx meta.Txn) (bool, error) {
	b, err := tx.Get(directory.OutboxLease())
	if strata.Is(err, strata.NotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	var l lease
	json.Unmarshal(b, &l)
	return l.Holder == r.Holder, nil
}

func (r *Relay) acquire(ctx context.Context, e meta.Engine) (bool, error) {
	ok := false
	err := e.Update(ctx, func(tx meta.Txn) error {
		ok = false
		b, err := tx.Get(directory.OutboxLease())
		if err == nil {
			var l lease
			json.Unmarshal(b, &l)
			if l.Holder != r.Holder && l.Until > time.Now().UnixNano() {
				return nil
			}
		} else if !strata.Is(err, strata.NotExist) {
			return err
		}
		ok = true
		return tx.Set(directory.OutboxLease(), r.leaseValue())
	})
	return ok, err
}

func (r *Relay) release(ctx context.Context, e meta.Engine) {
	e.Update(ctx, func(tx meta.Txn) error {
		if mine, err := r.stillMine(tx); err != nil || !mine {
			return err
		}
		return tx.Delete(directory.OutboxLease())
	})
}

// publish sends a batch, in order, and returns once the bus has synced
// every message.
func (r *Relay) publish(ctx context.Context, evs []event.Event) error {
	rt := &router{buckets: r.Buckets, fns: r.Fns, repl: r.Repl, configs: map[string]event.Config{}}
	var events, deliveries []busMsg
	for _, ev := range evs {
		events = append(events, busMsg{eventSubject(ev.Bucket), ev.ID, event.Records("", ev)})
		routes, err := rt.routes(ctx, ev)
		if err != nil {
			return err
		}
		for _, ro := range routes {
			tid := TargetID(ro.d.Target)
			b, _ := json.Marshal(ro.d)
			deliveries = append(deliveries, busMsg{laneSubject(tid, lane(ev.Key, ro.lanes)), ev.ID + "/" + tid, b})
		}
	}
	if err := r.publishAll(ctx, bus.EventStream, events); err != nil {
		return err
	}
	return r.publishAll(ctx, bus.DeliverStream, deliveries)
}

// publishAll publishes ms, all to stream, in order, and returns once the
// bus has synced every one: as atomic batches, one sync each, where the
// stream takes them and there are enough (Bus.AtomicPays; a file
// system's creates, one at a time, drain a few events each). A batch
// holding an id the bus has already stored (a batch published again
// after a crash or a lost lease) is refused whole; one at a time, the
// bus drops just the duplicates.
func (r *Relay) publishAll(ctx context.Context, stream string, ms []busMsg) error {
	if len(ms) == 0 {
		return nil
	}
	if r.Bus.AtomicPays(stream, len(ms)) {
		err := r.Bus.PublishAtomic(ctx, natsMsgs(ms))
		if err == nil {
			relayBatches.WithLabelValues(stream, "atomic").Observe(float64(len(ms)))
			return nil
		}
		r.noteFallback(stream, err)
	}
	relayBatches.WithLabelValues(stream, "each").Observe(float64(len(ms)))
	return r.publishEach(ctx, ms)
}

// noteFallback counts a batch the relay publishes one by one because the
// bus did not take it whole. A duplicate id is expected after a crash;
// anything else means the relay runs at a fraction of its speed, so it
// is logged as a warning, at most once a minute.
func (r *Relay) noteFallback(stream string, err error) {
	var be *bus.BatchError
	reason := "error"
	if errors.As(err, &be) {
		reason = "refused"
		if be.Duplicate() {
			reason = "duplicate"
		}
	}
	atomicFallbacks.WithLabelValues(reason).Inc()
	now := time.Now().UnixNano()
	last := r.lastFallbackWarn.Load()
	if reason == "duplicate" || now-last < int64(time.Minute) || !r.lastFallbackWarn.CompareAndSwap(last, now) {
		r.Log.Debug("event relay: atomic batch not taken; publishing one by one", "stream", stream, "reason", reason, "err", err)
		return
	}
	r.Log.Warn("event relay: the bus does not take atomic batches; publishing one by one (slower)", "stream", stream, "reason", reason, "err", err)
}

// busMsg is a message the relay publishes, with its de-duplication id.
type busMsg struct {
	subject, id string
	data        []byte
}

func natsMsgs(ms []busMsg) []*nats.Msg {
	out := make([]*nats.Msg, len(ms))
	for i, m := range ms {
		out[i] = &nats.Msg{Subject: m.subject, Data: m.data, Header: nats.Header{jetstream.MsgIDHeader: []string{m.id}}}
	}
	return out
}

// publishEach publishes one message at a time (a window of them in
// flight), each synced on its own.
func (r *Relay) publishEach(ctx context.Context, ms []busMsg) error {
	futures := make([]jetstream.PubAckFuture, 0, len(ms))
	for _, m := range ms {
		f, err := r.Bus.JS.PublishMsgAsync(&nats.Msg{Subject: m.subject, Data: m.data}, jetstream.WithMsgID(m.id))
		if err != nil {
			return err
		}
		futures = append(futures, f)
	}
	return waitAcks(ctx, r.Bus.JS, futures)
}

func waitAcks(ctx context.Context, js jetstream.JetStream, futures []jetstream.PubAckFuture) error {
	for _, f := range futures {
		select {
		case <-f.Ok():
		case err := <-f.Err():
			return strata.E("events.publish", strata.Unavailable, err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(30 * time.Second):
			return strata.Errorf("events.publish", strata.Unavailable, "the bus did not acknowledge within 30 s")
		}
	}
	return nil
}
