package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/strata-storage/strata/internal/strata"
)

func idMsgs(subject string, from, n int) []*nats.Msg {
	var ms []*nats.Msg
	for i := from; i < from+n; i++ {
		m := &nats.Msg{Subject: subject, Data: []byte(fmt.Sprint(i)), Header: nats.Header{}}
		m.Header.Set(jetstream.MsgIDHeader, fmt.Sprintf("id-%d", i))
		ms = append(ms, m)
	}
	return ms
}

// TestPublishAtomic: a run longer than one batch is stored whole and in
// order; a batch holding an id the stream already has is refused whole
// (nothing of it stored), with a Conflict; the embedded bus's relay
// streams take atomic batches.
func TestPublishAtomic(t *testing.T) {
	ctx := context.Background()
	b, err := Open(ctx, Options{Dir: t.TempDir(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, s := range []string{EventStream, DeliverStream} {
		if !b.Atomic(s) {
			t.Errorf("stream %s takes no atomic batches on the embedded bus", s)
		}
	}
	if b.Atomic(DeadStream) {
		t.Errorf("the dead-letter stream takes atomic batches; nothing publishes it so")
	}
	// The embedded bus stages atomic batches on disk: a few messages go
	// one at a time.
	if b.AtomicPays(EventStream, MinAtomicBatch-1) || !b.AtomicPays(EventStream, MinAtomicBatch) || b.AtomicPays(DeadStream, MaxAtomicBatch) {
		t.Errorf("AtomicPays: %v for %d events, %v for %d, %v for dead letters; want false, true, false",
			b.AtomicPays(EventStream, MinAtomicBatch-1), MinAtomicBatch-1, b.AtomicPays(EventStream, MinAtomicBatch), MinAtomicBatch, b.AtomicPays(DeadStream, MaxAtomicBatch))
	}
	n := 2*MaxAtomicBatch + 500
	if err := b.PublishAtomic(ctx, idMsgs(EventSubject+".a", 0, n)); err != nil {
		t.Fatal(err)
	}
	s, err := b.JS.Stream(ctx, EventStream)
	if err != nil {
		t.Fatal(err)
	}
	count := func() uint64 {
		info, err := s.Info(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return info.State.Msgs
	}
	if got := count(); got != uint64(n) {
		t.Fatalf("%d messages stored, want %d", got, n)
	}
	for _, seq := range []uint64{1, MaxAtomicBatch + 1, uint64(n)} {
		m, err := s.GetMsg(ctx, seq)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprint(seq - 1); string(m.Data) != want {
			t.Errorf("message %d holds %q, want %q (order)", seq, m.Data, want)
		}
		if m.Header.Get(hdrBatchID) == "" {
			t.Errorf("message %d carries no batch id: not stored as a batch", seq)
		}
	}

	// Ten new ids and one already stored: the batch is refused whole.
	again := append(idMsgs(EventSubject+".a", n, 10), idMsgs(EventSubject+".a", 5, 1)...)
	err = b.PublishAtomic(ctx, again)
	var be *BatchError
	if !strata.Is(err, strata.Conflict) || !errors.As(err, &be) || !be.Duplicate() {
		t.Fatalf("batch with a stored id: %v, want a Conflict BatchError for a duplicate", err)
	}
	if got := count(); got != uint64(n) {
		t.Errorf("%d messages after a refused batch, want %d", got, n)
	}
}
