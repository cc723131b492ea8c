package audit

import (
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"testing"

	dto "github.com/prometheus/client_model/go"
)

// memPublisher keeps what is published; while gate is open (not nil and
// not closed), Publish waits on it, as a stalled connection would.
type memPublisher struct {
	gate chan struct{}
	fail bool

	mu   sync.Mutex
	msgs [][]byte
}

func (p *memPublisher) Publish(subject string, data []byte) error {
	if p.gate != nil {
		<-p.gate
	}
	if subject != Subject {
		return errors.New("wrong subject " + subject)
	}
	if p.fail {
		return errors.New("bus down")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.msgs = append(p.msgs, data)
	return nil
}

func testLog(t *testing.T) *slog.Logger { return slog.New(slog.NewTextHandler(t.Output(), nil)) }

func dropsOnBus() float64 {
	var m dto.Metric
	dropped.WithLabelValues("bus").Write(&m)
	return m.GetCounter().GetValue()
}

// TestBusPublishes: records arrive as JSON, in order, and Close sends
// what was queued.
func TestBusPublishes(t *testing.T) {
	p := &memPublisher{}
	b := NewBus(p, 0, testLog(t))
	for i := range 100 {
		b.Audit(record(i))
	}
	b.Close()
	if len(p.msgs) != 100 {
		t.Fatalf("%d messages, want 100", len(p.msgs))
	}
	for i, m := range p.msgs {
		var r Record
		if err := json.Unmarshal(m, &r); err != nil || r.BytesIn != int64(i) {
			t.Fatalf("message %d: %s (%v)", i, m, err)
		}
	}
	before := dropsOnBus()
	b.Audit(record(0)) // after Close: dropped, no panic
	if dropsOnBus() != before+1 {
		t.Fatal("record after Close not counted as dropped")
	}
}

// TestBusNeverBlocks: with the publisher stalled, Audit returns at once
// and the records past the queue are dropped and counted.
func TestBusNeverBlocks(t *testing.T) {
	p := &memPublisher{gate: make(chan struct{})}
	const queue = 8
	b := NewBus(p, queue, testLog(t))
	before := dropsOnBus()
	const n = 100
	for i := range n { // would hang here if Audit waited for the publisher
		b.Audit(record(i))
	}
	// The run goroutine may hold one record, waiting in Publish.
	lost := dropsOnBus() - before
	if lost < n-queue-1 || lost > n-queue {
		t.Fatalf("%v dropped, want %d or %d", lost, n-queue-1, n-queue)
	}
	close(p.gate)
	b.Close()
	if got := len(p.msgs); float64(got)+lost != n {
		t.Fatalf("%d published + %v dropped != %d", got, lost, n)
	}
}

// TestBusPublishErrors: a refused publish is a drop, not a retry loop.
func TestBusPublishErrors(t *testing.T) {
	p := &memPublisher{fail: true}
	b := NewBus(p, 0, testLog(t))
	before := dropsOnBus()
	for i := range 10 {
		b.Audit(record(i))
	}
	b.Close()
	if got := dropsOnBus() - before; got != 10 {
		t.Fatalf("%v dropped, want 10", got)
	}
}
