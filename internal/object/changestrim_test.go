package object

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// iterSpy records the lower bound of every iterator its transactions open.
type iterSpy struct {
	meta.Engine
	mu     sync.Mutex
	lowers [][]byte
	gets   [][]byte // keys read by Get in write transactions
}

// gotUnder counts the keys with prefix p read by Get so far.
func (s *iterSpy) gotUnder(p []byte) int { return s.count(&s.gets, p) }

// under counts the iterators opened so far whose lower bound has prefix p.
func (s *iterSpy) under(p []byte) int { return s.count(&s.lowers, p) }

// count counts the keys of list (one of the spy's) with prefix p.
func (s *iterSpy) count(list *[][]byte, p []byte) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, k := range *list {
		if bytes.HasPrefix(k, p) {
			n++
		}
	}
	return n
}

func (s *iterSpy) Update(ctx context.Context, fn func(meta.Txn) error) error {
	return s.Engine.Update(ctx, func(tx meta.Txn) error { return fn(spyTxn{tx, s}) })
}

type spyTxn struct {
	meta.Txn
	s *iterSpy
}

func (t spyTxn) Get(key []byte) ([]byte, error) {
	t.s.mu.Lock()
	t.s.gets = append(t.s.gets, bytes.Clone(key))
	t.s.mu.Unlock()
	return t.Txn.Get(key)
}

func (t spyTxn) Iter(lower, upper []byte) meta.Iterator {
	t.s.mu.Lock()
	t.s.lowers = append(t.s.lowers, bytes.Clone(lower))
	t.s.mu.Unlock()
	return t.Txn.Iter(lower, upper)
}

// TestTrimStartsAtCursor: a trim deletes the feed in batches, each
// starting after the previous batch, and the next trim starts where the
// last one stopped rather than at the feed's start; an entry committed
// below that cursor is still deleted by the full pass made once every
// ChangeRetention.
func TestTrimStartsAtCursor(t *testing.T) {
	ctx := context.Background()
	pe := openTestStore(t)
	spy := &iterSpy{Engine: pe}
	m2 := directory.NewMeta2(strata.NewContainerID("acct", "b"))
	write := func(from, n int64) {
		t.Helper()
		if err := pe.Update(ctx, func(tx meta.Txn) error {
			for i := from; i < from+n; i++ {
				if err := tx.Set(m2.Change(i, 0), []byte(`{}`)); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	left := func() int {
		t.Helper()
		n := 0
		pe.View(ctx, func(r meta.Reader) error {
			p := m2.ChangePrefix()
			it := r.Iter(p, meta.PrefixEnd(p))
			defer it.Close()
			for ok := it.First(); ok; ok = it.Next() {
				n++
			}
			return it.Error()
		})
		return n
	}
	s := &Service{}
	now := time.Now()
	cutoff := int64(1 << 62) // every entry is old enough

	write(1000, 2*trimBatch+500)
	s.trimRange(ctx, spy, m2, cutoff, now)
	if n := left(); n != 0 {
		t.Fatalf("%d entries left after the trim", n)
	}
	want := [][]byte{m2.ChangePrefix(), append(m2.Change(1000+trimBatch-1, 0), 0), append(m2.Change(1000+2*trimBatch-1, 0), 0)}
	if len(spy.lowers) != 3 {
		t.Fatalf("%d batches, want 3", len(spy.lowers))
	}
	for i, w := range want {
		if !bytes.Equal(spy.lowers[i], w) {
			t.Errorf("batch %d starts at %x, want %x", i, spy.lowers[i], w)
		}
	}
	cursor := append(m2.Change(1000+2*trimBatch+499, 0), 0)

	// The next trim starts at the cursor, and so misses an entry
	// committed below it, until the full pass.
	spy.lowers = nil
	write(10_000, 10)
	write(500, 1)
	s.trimRange(ctx, spy, m2, cutoff, now.Add(time.Minute))
	if len(spy.lowers) != 1 || !bytes.Equal(spy.lowers[0], cursor) {
		t.Fatalf("second trim starts at %x, want the cursor %x", spy.lowers, cursor)
	}
	if n := left(); n != 1 {
		t.Fatalf("%d entries left after the second trim, want the one below the cursor", n)
	}
	spy.lowers = nil
	s.trimRange(ctx, spy, m2, cutoff, now.Add(ChangeRetention))
	if len(spy.lowers) != 1 || !bytes.Equal(spy.lowers[0], m2.ChangePrefix()) {
		t.Fatalf("trim after ChangeRetention starts at %x, want the feed's start", spy.lowers)
	}
	if n := left(); n != 0 {
		t.Fatalf("%d entries left after the full pass", n)
	}
}

// TestTrimForgetsDeletedBuckets: a trim keeps a cursor per feed it
// trimmed, and forgets those of buckets that are gone.
func TestTrimForgetsDeletedBuckets(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	if err := e.svc.CreateBucket(ctx, Bucket{Name: "gone", Account: "acct"}); err != nil {
		t.Fatal(err)
	}
	cursors := func() int {
		e.svc.trims.mu.Lock()
		defer e.svc.trims.mu.Unlock()
		return len(e.svc.trims.m)
	}
	if err := e.svc.TrimChanges(ctx); err != nil {
		t.Fatal(err)
	}
	if n := cursors(); n != 2 {
		t.Fatalf("%d cursors after trimming two buckets", n)
	}
	if err := e.svc.DeleteBucket(ctx, "gone"); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.TrimChanges(ctx); err != nil {
		t.Fatal(err)
	}
	if n := cursors(); n != 1 {
		t.Fatalf("%d cursors after one of the two buckets was deleted, want 1", n)
	}
}
