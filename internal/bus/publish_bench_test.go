package bus

import (
	"context"
	"fmt"
	"log/slog"
	"syscall"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// BenchmarkPublishEvent is the event bus's cost per object change: one
// 1 KiB event (the size of an S3 event record) published to the event
// stream with a message id for de-duplication, as the outbox relay does,
// on the embedded server (file storage, synced before the ack). "sync"
// waits for each ack; "window=256" keeps 256 in flight; "atomic=1000"
// and "atomic=100" send batches of that many, synced once each, as the
// relay does.
func BenchmarkPublishEvent(b *testing.B) {
	ctx := context.Background()
	bus, err := Open(ctx, Options{Dir: b.TempDir(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	defer bus.Close()
	payload := make([]byte, 1024)
	b.Run("sync", func(b *testing.B) {
		b.SetBytes(int64(len(payload)))
		i := 0
		for b.Loop() {
			i++
			if _, err := bus.JS.Publish(ctx, fmt.Sprintf("%s.sync.%d", EventSubject, i%16), payload,
				jetstream.WithMsgID(fmt.Sprintf("s-%d", i))); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("window=256", func(b *testing.B) {
		b.SetBytes(int64(len(payload)))
		i := 0
		for b.Loop() {
			i++
			if _, err := bus.JS.PublishAsync(fmt.Sprintf("%s.async.%d", EventSubject, i%16), payload,
				jetstream.WithMsgID(fmt.Sprintf("a-%d", i))); err != nil {
				b.Fatal(err)
			}
			if i%256 == 0 {
				<-bus.JS.PublishAsyncComplete()
			}
		}
		<-bus.JS.PublishAsyncComplete()
	})
	for _, n := range []int{1, 4, 16, 100, MaxAtomicBatch} {
		benchAtomic(b, bus, n)
	}
	for _, n := range []int{1, 4, 16} {
		benchEach(b, bus, n)
	}
}

// benchEach publishes batches of n messages one at a time, all n in
// flight, each synced on its own: what the relay does with a small batch.
func benchEach(b *testing.B, bus *Bus, n int) {
	payload := make([]byte, 1024)
	b.Run(fmt.Sprintf("each=%d", n), func(b *testing.B) {
		b.SetBytes(int64(len(payload)))
		cpu0 := cpuTime()
		i := 0
		for b.Loop() {
			i++
			if _, err := bus.JS.PublishAsync(fmt.Sprintf("%s.each.%d", EventSubject, i%16), payload,
				jetstream.WithMsgID(fmt.Sprintf("e%d-%d", n, i))); err != nil {
				b.Fatal(err)
			}
			if i%n == 0 {
				<-bus.JS.PublishAsyncComplete()
			}
		}
		<-bus.JS.PublishAsyncComplete()
		b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
	})
}

// cpuTime is the process's user and system CPU time so far, in ns: the
// embedded bus runs in this process.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func benchAtomic(b *testing.B, bus *Bus, atomicBench int) {
	ctx := context.Background()
	payload := make([]byte, 1024)
	b.Run(fmt.Sprintf("atomic=%d", atomicBench), func(b *testing.B) {
		b.SetBytes(int64(len(payload)))
		cpu0 := cpuTime()
		i := 0
		var msgs []*nats.Msg
		flush := func() {
			if err := bus.PublishAtomic(ctx, msgs); err != nil {
				b.Fatal(err)
			}
			msgs = msgs[:0]
		}
		for b.Loop() {
			i++
			m := &nats.Msg{Subject: fmt.Sprintf("%s.atomic.%d", EventSubject, i%16), Data: payload, Header: nats.Header{}}
			m.Header.Set(jetstream.MsgIDHeader, fmt.Sprintf("b%d-%d", atomicBench, i))
			if msgs = append(msgs, m); len(msgs) == atomicBench {
				flush()
			}
		}
		if len(msgs) > 0 {
			flush()
		}
		b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
	})
}
