package bus

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// TestDedupWindow: the event and delivery streams remember message ids
// for DefaultDedupWindow, and a bus reopened with another window applies
// it to the streams it made before; a repeated id within the window is
// stored once.
func TestDedupWindow(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	log := slog.New(slog.DiscardHandler)
	window := func(b *Bus, want time.Duration, when string) {
		t.Helper()
		for _, name := range []string{EventStream, DeliverStream} {
			s, err := b.JS.Stream(ctx, name)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.CachedInfo().Config.Duplicates; got != want {
				t.Errorf("%s: stream %s remembers ids for %s, want %s", when, name, got, want)
			}
		}
	}
	b, err := Open(ctx, Options{Dir: dir, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	window(b, DefaultDedupWindow, "by default")
	for range 2 {
		if _, err := b.JS.Publish(ctx, EventSubject+".x", []byte("e"), jetstream.WithMsgID("id-1")); err != nil {
			t.Fatal(err)
		}
	}
	s, err := b.JS.Stream(ctx, EventStream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 1 {
		t.Fatalf("%d messages after one id published twice, want 1", info.State.Msgs)
	}
	b.Close()

	b, err = Open(ctx, Options{Dir: dir, Logger: log, DedupWindow: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	window(b, 30*time.Second, "reopened with 30 s")
}
