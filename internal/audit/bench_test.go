package audit

import (
	"path/filepath"
	"testing"
)

// BenchmarkFileAudit is the cost a request pays for its audit line:
// JSON encoding and one write call, with rotation at the default size.
func BenchmarkFileAudit(b *testing.B) {
	f, err := OpenFile(FileConfig{Path: filepath.Join(b.TempDir(), "audit.log")})
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	r := record(0)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			f.Audit(r)
		}
	})
}

// BenchmarkBusAudit is the same for the bus sink: encoding and a queue
// send (the publisher here keeps nothing).
func BenchmarkBusAudit(b *testing.B) {
	bus := NewBus(discardPublisher{}, 0, nil)
	defer bus.Close()
	r := record(0)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			bus.Audit(r)
		}
	})
}

type discardPublisher struct{}

func (discardPublisher) Publish(string, []byte) error { return nil }
