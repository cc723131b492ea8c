package audit

import (
	"encoding/json"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Subject is the event bus subject Bus publishes records on.
const Subject = "strata.audit"

// Publisher sends one message on a subject without waiting for anyone
// to receive it; *nats.Conn is one.
type Publisher interface {
	Publish(subject string, data []byte) error
}

// Bus is a Sink that publishes each record, as JSON, on Subject. It is
// best effort and never blocks a request: records go through a bounded
// queue, and one that finds the queue full, or that the publisher
// refuses, is dropped and counted (strata_audit_dropped_total{sink="bus"}).
// The file is the complete log.
type Bus struct {
	pub Publisher
	log *slog.Logger

	mu     sync.RWMutex // Audit holds it shared, Close exclusively
	closed bool
	queue  chan []byte
	done   chan struct{}

	lastWarn atomic.Int64 // unix nanos of the last drop warning
}

var _ Sink = (*Bus)(nil)

// DefaultQueue is the records a Bus holds before it drops.
const DefaultQueue = 4096

// NewBus starts a Bus publishing with pub; queue <= 0 means DefaultQueue.
// Close it to send what is queued and stop.
func NewBus(pub Publisher, queue int, log *slog.Logger) *Bus {
	if queue <= 0 {
		queue = DefaultQueue
	}
	if log == nil {
		log = slog.Default()
	}
	b := &Bus{pub: pub, log: log, queue: make(chan []byte, queue), done: make(chan struct{})}
	go b.run()
	return b
}

// Audit implements Sink; it never waits.
func (b *Bus) Audit(r Record) {
	msg, err := json.Marshal(r)
	if err != nil {
		panic("audit: record does not marshal: " + err.Error())
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	if b.closed {
		b.drop("closed", nil)
		return
	}
	select {
	case b.queue <- msg:
	default:
		b.drop("queue full", nil)
	}
}

func (b *Bus) run() {
	defer close(b.done)
	for msg := range b.queue {
		if err := b.pub.Publish(Subject, msg); err != nil {
			b.drop("publish failed", err)
			continue
		}
		records.WithLabelValues("bus").Inc()
	}
}

// drop counts a lost record and warns, at most once a minute.
func (b *Bus) drop(why string, err error) {
	dropped.WithLabelValues("bus").Inc()
	now, last := time.Now().UnixNano(), b.lastWarn.Load()
	if now-last > int64(time.Minute) && b.lastWarn.CompareAndSwap(last, now) {
		b.log.Warn("audit records dropped on the bus (the file keeps them); see strata_audit_dropped_total",
			"why", why, "err", err)
	}
}

// Close publishes what is queued and stops. Later records are dropped.
func (b *Bus) Close() error {
	b.mu.Lock()
	if !b.closed {
		b.closed = true
		close(b.queue)
	}
	b.mu.Unlock()
	<-b.done
	return nil
}
