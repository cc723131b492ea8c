package events

import (
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

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

// TestRelayTakesOlderEvents: an event committed with a time older than
// what the relay drained last (another gateway's clock, a slow commit)
// is still moved to the bus, though local drains start near the newest
// drained key.
func TestRelayTakesOlderEvents(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := t.TempDir()
	b, err := bus.Open(ctx, bus.Options{Dir: filepath.Join(dir, "bus")})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	eng, err := metapebble.Open(filepath.Join(dir, "meta"), metapebble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	r := &Relay{Engines: func(context.Context) []meta.Engine { return []meta.Engine{eng} }, Bus: b,
		Buckets: noConfigs{}, Holder: "n1", Log: slog.Default()}
	poke := make(chan struct{}, 1)
	stopped := make(chan struct{})
	go func() { r.Run(ctx, poke); close(stopped) }()
	// The relay stops before the engine and the bus close (defers run
	// last first): a drain on a closed pebble engine panics.
	defer func() { cancel(); <-stopped }()

	commit := func(at time.Time, key string) {
		t.Helper()
		ev := event.Event{Name: event.ObjectCreatedPut, Bucket: "b", Key: key, Time: at, ID: key}
		v, _ := json.Marshal(ev)
		if err := eng.Update(ctx, func(tx meta.Txn) error {
			return tx.Set(directory.OutboxKey(at.UnixNano(), 1), v)
		}); err != nil {
			t.Fatal(err)
		}
		select {
		case poke <- struct{}{}:
		default:
		}
	}
	drained := func() {
		t.Helper()
		for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
			n := 0
			eng.View(ctx, func(rd meta.Reader) error {
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
	now := time.Now()
	for i := range 5 {
		commit(now.Add(time.Duration(i)*time.Millisecond), "new")
	}
	drained()
	commit(now.Add(-time.Minute), "old") // far before the cursor
	drained()
	if r.cursors.from(eng) == nil {
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
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := t.TempDir()
	b, err := bus.Open(ctx, bus.Options{Dir: filepath.Join(dir, "bus")})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	pe, err := metapebble.Open(filepath.Join(dir, "meta"), metapebble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pe.Close()
	eng := &waitSpy{Engine: pe}
	r := &Relay{Engines: func(context.Context) []meta.Engine { return []meta.Engine{eng} }, Bus: b,
		Buckets: noConfigs{}, Holder: "n1", Log: slog.Default()}
	poke := make(chan struct{}, 1)
	stopped := make(chan struct{})
	go func() { r.Run(ctx, poke); close(stopped) }()
	defer func() { cancel(); <-stopped }()

	now := time.Now()
	for i := range 3 {
		at := now.Add(time.Duration(i) * time.Millisecond)
		ev := event.Event{Name: event.ObjectCreatedPut, Bucket: "b", Key: "k", Time: at, ID: "d" + string(rune('0'+i))}
		v, _ := json.Marshal(ev)
		if err := eng.Update(meta.WithDeferredSync(ctx), func(tx meta.Txn) error {
			return tx.Set(directory.OutboxKey(at.UnixNano(), 1), v)
		}); err != nil {
			t.Fatal(err)
		}
	}
	if pe.DeferredCommits() != 3 {
		t.Fatalf("%d deferred commits, want 3", pe.DeferredCommits())
	}
	poke <- struct{}{}
	for end := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		n := 0
		eng.View(ctx, func(rd meta.Reader) error {
			p := directory.OutboxPrefix()
			it := rd.Iter(p, meta.PrefixEnd(p))
			defer it.Close()
			for ok := it.First(); ok; ok = it.Next() {
				n++
			}
			return nil
		})
		if n == 0 {
			break
		}
		if time.Now().After(end) {
			t.Fatal("the outbox still holds the deferred events after 20 s")
		}
	}
	if eng.waits.Load() == 0 {
		t.Fatal("the relay published deferred events without waiting for them to be durable")
	}
}
