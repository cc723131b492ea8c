package object

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// TestUsageSlotsInTurn: UsageSlots transactions that all run at once
// each add to a slot of their own, so none of their optimistic commits
// conflicts and runs again; the slots add up to every addition.
func TestUsageSlotsInTurn(t *testing.T) {
	ctx := context.Background()
	pe := openTestStore(t)
	s := &Service{}
	s.usageSlot.Store(^uint32(0) - 10) // the counter wraps around within the test
	m2 := directory.NewMeta2(strata.NewContainerID("acct", "b"))
	const n = directory.UsageSlots
	var attempts atomic.Int32
	var added sync.WaitGroup // every transaction has read and written its slot
	added.Add(n)
	errs := make(chan error, n)
	for range n {
		go func() {
			first := true
			errs <- pe.Update(ctx, func(tx meta.Txn) error {
				attempts.Add(1)
				if err := s.addUsage(tx, m2, Usage{Objects: 1, LogicalBytes: 10}); err != nil {
					return err
				}
				if first {
					first = false
					added.Done()
					added.Wait() // commit only once all have read their slot
				}
				return nil
			})
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if a := attempts.Load(); a != n {
		t.Errorf("%d attempts for %d transactions: slots were shared", a, n)
	}
	u, _, err := readUsage(ctx, pe, m2)
	if err != nil {
		t.Fatal(err)
	}
	if u.Objects != n || u.LogicalBytes != 10*n {
		t.Errorf("usage %+v, want %d objects of 10 bytes", u, n)
	}
	slots := 0
	if err := pe.View(ctx, func(r meta.Reader) error {
		p := m2.UsagePrefix()
		it := r.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			slots++
		}
		return it.Error()
	}); err != nil {
		t.Fatal(err)
	}
	if slots != n {
		t.Errorf("%d slots written, want %d", slots, n)
	}
}
