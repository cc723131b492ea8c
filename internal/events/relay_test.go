package events

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/strata-storage/strata/internal/bus"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/meta"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/strata"
)

// noConfigs: no bucket has a notification configuration.
type noConfigs struct{}

func (noConfigs) GetBucketConfig(context.Context, string, string) ([]byte, error) {
	return nil, strata.E("test", strata.NotExist, nil)
}

// relayRig is a relay draining one pebble engine into a real bus, both in
// a temporary folder. t.Cleanup stops the relay before it closes the
// engine and the bus: a drain on a closed pebble engine panics.
type relayRig struct {
	pe    *metapebble.Engine
	relay *Relay
	poke  chan struct{}
}

// startRelay starts a relay over a new engine, which wrap may wrap (nil:
// the engine itself).
func startRelay(t testing.TB, wrap func(*metapebble.Engine) meta.Engine) *relayRig {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	dir := t.TempDir()
	b, err := bus.Open(ctx, bus.Options{Dir: filepath.Join(dir, "bus")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	pe, err := metapebble.Open(filepath.Join(dir, "meta"), metapebble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pe.Close() })
	var eng meta.Engine = pe
	if wrap != nil {
		eng = wrap(pe)
	}
	g := &relayRig{pe: pe, poke: make(chan struct{}, 1), relay: &Relay{
		Engines: func(context.Context) []meta.Engine { return []meta.Engine{eng} }, Bus: b,
		Buckets: noConfigs{}, Holder: "n1", Log: slog.Default()}}
	stopped := make(chan struct{})
	go func() { g.relay.Run(ctx, g.poke); close(stopped) }()
	t.Cleanup(func() { cancel(); <-stopped })
	return g
}

// commit puts events into the outbox at their times, in one transaction,
// deferred or not, and wakes the relay.
func (g *relayRig) commit(t testing.TB, ctx context.Context, evs ...event.Event) {
	t.Helper()
	if err := g.pe.Update(ctx, func(tx meta.Txn) error {
		for _, ev := range evs {
			v, _ := json.Marshal(ev)
			if err := tx.Set(directory.OutboxKey(ev.Time.UnixNano(), 1), v); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	select {
	case g.poke <- struct{}{}:
	default:
	}
}

// drained waits until the outbox is empty, failing t after 20 s.
func (g *relayRig) drained(t testing.TB) {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		n := 0
		g.pe.View(context.Background(), func(rd meta.Reader) error {
			p := directory.OutboxPrefix()
			it := rd.Iter(p, meta.PrefixEnd(p))
			defer it.Close()
			for ok := it.First(); ok; ok = it.Next() {
				n++
			}
			return nil
		})
		if n == 0 {
			return
		}
	}
	t.Fatal("the outbox still holds events after 20 s")
}

// busIDs counts the event stream's messages by message id.
func (g *relayRig) busIDs(t *testing.T) map[string]int {
	t.Helper()
	ctx := context.Background()
	s, err := g.relay.Bus.JS.Stream(ctx, bus.EventStream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int{}
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && info.State.Msgs > 0; seq++ {
		m, err := s.GetMsg(ctx, seq)
		if err != nil {
			t.Fatal(err)
		}
		ids[m.Header.Get(jetstream.MsgIDHeader)]++
	}
	return ids
}

// TestRelayTakesOlderEvents: an event committed with a time older than
// what the relay drained last (another gateway's clock, a slow commit)
// is still moved to the bus, though local drains start near the newest
// drained key.
func TestRelayTakesOlderEvents(t *testing.T) {
	g := startRelay(t, nil)
	put := func(at time.Time, key string) {
		g.commit(t, context.Background(), event.Event{Name: event.ObjectCreatedPut, Bucket: "b", Key: key, Time: at, ID: key})
	}
	now := time.Now()
	for i := range 5 {
		put(now.Add(time.Duration(i)*time.Millisecond), "new")
	}
	g.drained(t)
	put(now.Add(-time.Minute), "old") // far before the cursor
	g.drained(t)
	if g.relay.cursors.from(g.pe) == nil {
		t.Fatal("no cursor after the drains: local drains read the whole outbox every time")
	}
}

// waitSpy is an engine that counts the relay's waits for durability.
type waitSpy struct {
	*metapebble.Engine
	waits atomic.Int64
}

func (w *waitSpy) WaitDurable(ctx context.Context) error {
	w.waits.Add(1)
	return w.Engine.WaitDurable(ctx)
}

// TestRelayWaitsForDeferredCommits: events committed under
// meta.WithDeferredSync reach the bus, and only after the relay waited
// for the engine to make them durable (internal/meta/pebble tests what
// the wait guarantees).
func TestRelayWaitsForDeferredCommits(t *testing.T) {
	spy := &waitSpy{}
	g := startRelay(t, func(pe *metapebble.Engine) meta.Engine { spy.Engine = pe; return spy })
	now := time.Now()
	for i := range 3 {
		at := now.Add(time.Duration(i) * time.Millisecond)
		g.commit(t, meta.WithDeferredSync(context.Background()),
			event.Event{Name: event.ObjectCreatedPut, Bucket: "b", Key: "k", Time: at, ID: "d" + string(rune('0'+i))})
	}
	if g.pe.DeferredCommits() != 3 {
		t.Fatalf("%d deferred commits, want 3", g.pe.DeferredCommits())
	}
	g.drained(t)
	if spy.waits.Load() == 0 {
		t.Fatal("the relay published deferred events without waiting for them to be durable")
	}
}

// TestRelayPublishesAgainOnce: a relay that finds in the outbox events the
// bus already holds (a relay that published them, then crashed before it
// deleted them) has its atomic batch refused for the stored id, and falls
// back to publishing one at a time: every event is on the bus once. Fresh
// batches go as atomic batches (one sync each), a lone event on its own.
func TestRelayPublishesAgainOnce(t *testing.T) {
	ctx := context.Background()
	g := startRelay(t, nil)
	now := time.Now()
	ev := func(i int) event.Event {
		return event.Event{Name: event.ObjectCreatedPut, Bucket: "b", Key: fmt.Sprint("k", i),
			Time: now.Add(time.Duration(i) * time.Millisecond), ID: fmt.Sprint("e", i)}
	}
	// e2 reached the bus before the crash.
	if _, err := g.relay.Bus.JS.Publish(ctx, eventSubject("b"), event.Records("", ev(2)), jetstream.WithMsgID("e2")); err != nil {
		t.Fatal(err)
	}
	// One transaction: the relay reads the events as one batch, large
	// enough to go to the bus as an atomic batch.
	batch := func(from, n int) []event.Event {
		var evs []event.Event
		for i := from; i < from+n; i++ {
			evs = append(evs, ev(i))
		}
		return evs
	}
	n := bus.MinAtomicBatch
	dups := counterValue(atomicFallbacks.WithLabelValues("duplicate"))
	g.commit(t, ctx, batch(1, n)...)
	g.drained(t)
	if got := counterValue(atomicFallbacks.WithLabelValues("duplicate")) - dups; got < 1 {
		t.Errorf("the batch with e2 went through without a duplicate fallback counted (%v)", got)
	}
	ids := g.busIDs(t)
	for i := 1; i <= n; i++ {
		if ids[fmt.Sprint("e", i)] != 1 {
			t.Fatalf("the bus holds %v, want e1 to e%d once each", ids, n)
		}
	}
	if len(ids) != n {
		t.Fatalf("the bus holds %d ids, want %d", len(ids), n)
	}

	// A fresh batch goes whole; a lone event goes on its own, which is
	// cheaper than an atomic batch of one (BenchmarkPublishEvent).
	lastHeader := func() nats.Header {
		t.Helper()
		s, err := g.relay.Bus.JS.Stream(ctx, bus.EventStream)
		if err != nil {
			t.Fatal(err)
		}
		last, err := s.GetLastMsgForSubject(ctx, eventSubject("b"))
		if err != nil {
			t.Fatal(err)
		}
		return last.Header
	}
	g.commit(t, ctx, batch(n+1, n)...)
	g.drained(t)
	if h := lastHeader(); h.Get("Nats-Batch-Id") == "" {
		t.Errorf("a fresh batch of %d went to the bus outside an atomic batch (headers %v)", n, h)
	}
	g.commit(t, ctx, ev(2*n+1))
	g.drained(t)
	if h := lastHeader(); h.Get("Nats-Batch-Id") != "" || h.Get(jetstream.MsgIDHeader) != fmt.Sprint("e", 2*n+1) {
		t.Errorf("a lone event went to the bus in an atomic batch, or without its id (headers %v)", h)
	}
}

// counterValue is a counter's current value.
func counterValue(c prometheus.Counter) float64 {
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		return -1
	}
	return m.GetCounter().GetValue()
}

// deletionSpy is an engine whose transactions count the outbox keys
// deleted with Delete and with meta.DeleteOnce.
type deletionSpy struct {
	*metapebble.Engine
	plain, once atomic.Int64
}

func (s *deletionSpy) Update(ctx context.Context, fn func(meta.Txn) error) error {
	return s.Engine.Update(ctx, func(tx meta.Txn) error { return fn(&spyTxn{tx, s}) })
}

type spyTxn struct {
	meta.Txn
	s *deletionSpy
}

func (t *spyTxn) Delete(k []byte) error {
	if bytes.HasPrefix(k, directory.OutboxPrefix()) {
		t.s.plain.Add(1)
	}
	return t.Txn.Delete(k)
}

func (t *spyTxn) DeleteOnce(k []byte) error {
	t.s.once.Add(1)
	return meta.DeleteOnce(t.Txn, k)
}

// TestRelayDeletesEventsOnce: the relay deletes the events it moved with
// meta.DeleteOnce, never with Delete, whose tombstones would stay in the
// outbox's key range for every later drain to step over (20 M object
// writes leave 20 M of them; internal/meta/pebble tests that DeleteOnce
// leaves none).
func TestRelayDeletesEventsOnce(t *testing.T) {
	spy := &deletionSpy{}
	g := startRelay(t, func(pe *metapebble.Engine) meta.Engine { spy.Engine = pe; return spy })
	now := time.Now()
	for i := range 20 {
		g.commit(t, context.Background(), event.Event{Name: event.ObjectCreatedPut, Bucket: "b",
			Key: fmt.Sprint("k", i), Time: now.Add(time.Duration(i) * time.Millisecond), ID: fmt.Sprint("o", i)})
	}
	g.drained(t)
	if n := spy.plain.Load(); n != 0 {
		t.Errorf("%d outbox events deleted with Delete, want none", n)
	}
	if n := spy.once.Load(); n != 20 {
		t.Errorf("%d outbox events deleted with DeleteOnce, want 20", n)
	}
}

// TestLingerFor: a poked relay waits what lingerTarget events take at the
// rate of the last drain, between minLinger and maxLinger.
func TestLingerFor(t *testing.T) {
	for _, c := range []struct {
		n      int64
		period time.Duration
		want   time.Duration
	}{
		{0, time.Second, minLinger},                        // nothing moved: no stream to wait for
		{5, 0, minLinger},                                  // no period yet
		{250, 25 * time.Millisecond, minLinger},            // 10 k events/s: batches of 200 at the floor
		{16, 25 * time.Millisecond, maxLinger},             // a mount's 640 creates/s: wait for 64
		{32, 50 * time.Millisecond, maxLinger},             // the same rate, measured over longer
		{64, 50 * time.Millisecond, 50 * time.Millisecond}, // 1,280/s: 64 take 50 ms
		{1, 10 * time.Second, maxLinger},                   // the first commit after a quiet spell
		{lingerTarget, 30 * time.Millisecond, 30 * time.Millisecond},
	} {
		if got := lingerFor(c.n, c.period); got != c.want {
			t.Errorf("lingerFor(%d, %v) = %v, want %v", c.n, c.period, got, c.want)
		}
	}
}

// histogramCountSum is a histogram's sample count and sum.
func histogramCountSum(h prometheus.Observer) (uint64, float64) {
	var m dto.Metric
	if err := h.(prometheus.Metric).Write(&m); err != nil {
		return 0, 0
	}
	return m.GetHistogram().GetSampleCount(), m.GetHistogram().GetSampleSum()
}

// BenchmarkRelayStream commits b.N events one per transaction at about
// a mount's create rate (700 a second), poking the relay after each as
// the object service does, and reports the messages per publication to
// the bus: how well the linger gathers a stream into atomic batches.
//
//	go test -run XXX -bench RelayStream -benchtime 2000x ./internal/events/
func BenchmarkRelayStream(b *testing.B) {
	g := startRelay(b, nil)
	ctx := context.Background()
	var obs []prometheus.Observer
	for _, way := range []string{"atomic", "each"} {
		obs = append(obs, relayBatches.WithLabelValues(bus.EventStream, way))
	}
	var n0 uint64
	var s0 float64
	for _, o := range obs {
		n, s := histogramCountSum(o)
		n0, s0 = n0+n, s0+s
	}
	tick := time.NewTicker(time.Second / 700)
	defer tick.Stop()
	cpu0 := cpuTime()
	i := 0
	for b.Loop() {
		<-tick.C
		i++
		g.commit(b, ctx, event.Event{Name: event.ObjectCreatedPut, Bucket: "b", Key: fmt.Sprint("k", i),
			Time: time.Now(), ID: fmt.Sprint("s", i)})
	}
	g.drained(b)
	// CPU time, unlike wall time, hardly moves with the load other
	// processes put on a shared machine; it includes the commits' own.
	b.ReportMetric(float64(cpuTime()-cpu0)/1e3/float64(b.N), "cpu-us/event")
	var n1 uint64
	var s1 float64
	for _, o := range obs {
		n, s := histogramCountSum(o)
		n1, s1 = n1+n, s1+s
	}
	if n1 > n0 {
		b.ReportMetric((s1-s0)/float64(n1-n0), "msgs/publication")
	}
}

// cpuTime is the process's user and system CPU time so far, in ns.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}
