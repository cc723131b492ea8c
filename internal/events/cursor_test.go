package events

import (
	"context"
	"encoding/json"
	"log/slog"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/bus"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/strata"
)

// noConfigs: no bucket has a notification configuration.
type noConfigs struct{}

func (noConfigs) GetBucketConfig(context.Context, string, string) ([]byte, error) {
	return nil, strata.Errorf("test", strata.NotExist, "no configuration")
}

// TestRelayCursor: a poked drain reads on from the last key it moved and
// leaves an event committed later under an older time to the next full
// drain (the tick's), which moves it. Nothing is lost or sent twice.
func TestRelayCursor(t *testing.T) {
	ctx := context.Background()
	e, err := pebble.Open(t.TempDir(), pebble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	b, err := bus.Open(ctx, bus.Options{Dir: t.TempDir(), Listen: "127.0.0.1:0", Name: "cursor-test", Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	r := &Relay{Engines: func(context.Context) []meta.Engine { return []meta.Engine{e} }, Bus: b,
		Buckets: noConfigs{}, Holder: "n1", Log: slog.New(slog.DiscardHandler)}
	base := time.Now().UnixNano()
	put := func(offset time.Duration, key string) {
		t.Helper()
		n := base + int64(offset)
		ev := event.Event{Name: event.ObjectCreatedPut, Bucket: "b", Key: key, ID: key, Time: time.Unix(0, n)}
		v, _ := json.Marshal(ev)
		if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Set(directory.OutboxKey(n, 1), v) }); err != nil {
			t.Fatal(err)
		}
	}
	left := func() int {
		t.Helper()
		n := 0
		e.View(ctx, func(rd meta.Reader) error {
			p := directory.OutboxPrefix()
			it := rd.Iter(p, meta.PrefixEnd(p))
			defer it.Close()
			for ok := it.First(); ok; ok = it.Next() {
				n++
			}
			return it.Error()
		})
		return n
	}
	put(1*time.Millisecond, "a")
	put(2*time.Millisecond, "b")
	if err := r.drain(ctx, e, false); err != nil || left() != 0 {
		t.Fatalf("first drain: %v, %d events left, want 0", err, left())
	}
	put(3*time.Millisecond, "c")
	put(1500*time.Microsecond, "late") // older than the cursor
	if err := r.drain(ctx, e, false); err != nil || left() != 1 {
		t.Fatalf("poked drain: %v, %d events left, want the late one", err, left())
	}
	if err := r.drain(ctx, e, true); err != nil || left() != 0 {
		t.Fatalf("full drain: %v, %d events left, want 0", err, left())
	}
	st, err := b.JS.Stream(ctx, bus.EventStream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := st.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 4 {
		t.Fatalf("bus holds %d events, want 4", info.State.Msgs)
	}
}
