package quota

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/strata-storage/strata/internal/object"
)

// BenchmarkTicket is the in-memory cost a write pays for its quotas: a
// ticket, a Hold and a Done (reservations come every 1,000 objects).
func BenchmarkTicket(b *testing.B) {
	g := benchGateway(b)
	if err := g.q.Set(ctx, Quota{Scope: Scope{Bucket, "b"}, Limits: Limits{MaxBytes: 1 << 50, MaxObjects: 1 << 40}}); err != nil {
		b.Fatal(err)
	}
	d := object.Usage{Objects: 1, LogicalBytes: 4096}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		t := g.q.Ticket("b", "acct")
		if err := t.Hold(d); err != nil {
			if err := t.Refill(ctx); err != nil {
				b.Fatal(err)
			}
			if err := t.Hold(d); err != nil {
				b.Fatal(err)
			}
		}
		t.Done(true)
	}
}

// BenchmarkPut4KiB is a 4 KiB PUT through the object service on pebble,
// without and with a bucket quota far from full.
func BenchmarkPut4KiB(b *testing.B) {
	for _, withQuota := range []bool{false, true} {
		b.Run(fmt.Sprintf("quota=%v", withQuota), func(b *testing.B) {
			g := benchGateway(b)
			if withQuota {
				if err := g.q.Set(ctx, Quota{Scope: Scope{Bucket, "b"}, Limits: Limits{MaxBytes: 1 << 50, MaxObjects: 1 << 40}}); err != nil {
					b.Fatal(err)
				}
			}
			body := make([]byte, 4096)
			b.ResetTimer()
			for i := range b.N {
				if _, err := g.svc.PutObject(ctx, "b", fmt.Sprint("k", i), bytes.NewReader(body), object.PutOptions{Size: 4096}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchGateway(b *testing.B) *gateway {
	g := newWorld(b).gateway(b, "g1", nil)
	if err := g.svc.CreateBucket(ctx, object.Bucket{Name: "b", Account: "acct"}); err != nil {
		b.Fatal(err)
	}
	return g
}
