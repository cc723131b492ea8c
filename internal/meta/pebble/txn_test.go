package pebble

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

func openTest(t *testing.T) *Engine {
	t.Helper()
	return openTestWith(t, Options{})
}

func openTestWith(t *testing.T, opts Options) *Engine {
	t.Helper()
	e, err := Open(t.TempDir(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// TestTxnMatchesModel runs random transactions of sets, deletes, gets and
// iterations (First, SeekGE, Next) over a populated store and compares
// every read with a map: the transaction's own writes must merge with its
// snapshot exactly; with every key hot too, where each Get of a key the
// transaction did not write is answered from the engine's cache.
func TestTxnMatchesModel(t *testing.T) {
	t.Run("snapshot", func(t *testing.T) { testTxnMatchesModel(t, openTest(t)) })
	t.Run("all-hot", func(t *testing.T) { testTxnMatchesModel(t, openTestWith(t, Options{Hot: allHot})) })
}

func testTxnMatchesModel(t *testing.T, e *Engine) {
	ctx := context.Background()
	model := map[string]string{}
	rng := rand.New(rand.NewPCG(1, 2))
	key := func() string { return fmt.Sprintf("k%02d", rng.IntN(40)) }
	for round := range 200 {
		next := maps(model)
		err := e.Update(ctx, func(tx meta.Txn) error {
			next = maps(model) // a rerun starts again from the model
			for op := range 30 {
				switch k := key(); rng.IntN(5) {
				case 0:
					v := fmt.Sprintf("v%d.%d", round, op)
					next[k] = v
					tx.Set([]byte(k), []byte(v))
				case 1:
					delete(next, k)
					tx.Delete([]byte(k))
				case 2:
					got, err := tx.Get([]byte(k))
					want, ok := next[k]
					if ok != (err == nil) || (ok && string(got) != want) {
						return fmt.Errorf("round %d Get %s = %q, %v; want %q, %v", round, k, got, err, want, ok)
					}
					if !ok && !strata.Is(err, strata.NotExist) {
						return err
					}
				default:
					lo, hi := key(), key()
					if lo > hi {
						lo, hi = hi, lo
					}
					var upper []byte
					if rng.IntN(4) > 0 {
						upper = []byte(hi)
					}
					if err := checkIter(tx, next, []byte(lo), upper, key()); err != nil {
						return fmt.Errorf("round %d: %w", round, err)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		model = next
	}
	e.View(ctx, func(r meta.Reader) error {
		if err := checkIter(r, model, nil, nil, "k20"); err != nil {
			t.Fatal(err)
		}
		return nil
	})
}

func maps(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// checkIter compares an iteration of [lo, hi) (First, then from a
// SeekGE to seek) with the model.
func checkIter(r meta.Reader, model map[string]string, lo, hi []byte, seek string) error {
	var want []string
	for k, v := range model {
		if k >= string(lo) && (hi == nil || k < string(hi)) {
			want = append(want, k+"="+v)
		}
	}
	slices.Sort(want)
	walk := func(it meta.Iterator, ok bool) []string {
		var got []string
		for ; ok; ok = it.Next() {
			got = append(got, string(it.Key())+"="+string(it.Value()))
		}
		return got
	}
	it := r.Iter(lo, hi)
	defer it.Close()
	if got := walk(it, it.First()); !slices.Equal(got, want) {
		return fmt.Errorf("Iter(%q, %q) = %q, want %q", lo, hi, got, want)
	}
	from := slices.IndexFunc(want, func(kv string) bool { return kv >= seek })
	if from < 0 {
		from = len(want)
	}
	if got := walk(it, it.SeekGE([]byte(seek))); !slices.Equal(got, want[from:]) {
		return fmt.Errorf("Iter(%q, %q).SeekGE(%q) = %q, want %q", lo, hi, seek, got, want[from:])
	}
	return it.Error()
}

// TestIteratedSpanConflicts is the phantom case: each transaction counts
// the keys under a prefix and adds the next one. Two that counted the
// same keys would write the same new key, and one insert would be lost,
// unless the commit checks the spans a transaction iterated.
func TestIteratedSpanConflicts(t *testing.T) {
	e := openTest(t)
	ctx := context.Background()
	const workers, each = 8, 40
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				err := e.Update(ctx, func(tx meta.Txn) error {
					it := tx.Iter([]byte("p/"), []byte("p0"))
					n := 0
					for ok := it.First(); ok; ok = it.Next() {
						n++
					}
					it.Close()
					return tx.Set(fmt.Appendf(nil, "p/%05d", n), fmt.Appendf(nil, "%d.%d", w, i))
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	n := 0
	e.View(ctx, func(r meta.Reader) error {
		it := r.Iter([]byte("p/"), []byte("p0"))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			if want := fmt.Appendf(nil, "p/%05d", n); !bytes.Equal(it.Key(), want) {
				t.Fatalf("key %q, want %q", it.Key(), want)
			}
			n++
		}
		return nil
	})
	if n != workers*each {
		t.Fatalf("%d keys, want %d: inserts lost", n, workers*each)
	}
	t.Logf("%d conflicts in %d transactions", e.Conflicts(), workers*each)
}

// TestConflictRerunsOnNewSnapshot makes a conflict happen: a transaction
// reads a key, another commits a change to it before the first commits,
// and the first must run again and see the change.
func TestConflictRerunsOnNewSnapshot(t *testing.T) {
	e := openTest(t)
	ctx := context.Background()
	if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Set([]byte("x"), []byte("1")) }); err != nil {
		t.Fatal(err)
	}
	var seen []string
	err := e.Update(ctx, func(tx meta.Txn) error {
		v, err := tx.Get([]byte("x"))
		if err != nil {
			return err
		}
		seen = append(seen, string(v))
		if len(seen) == 1 { // commit a change between this read and this commit
			if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Set([]byte("x"), []byte("2")) }); err != nil {
				return err
			}
		}
		return tx.Set([]byte("y"), v)
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seen, []string{"1", "2"}) || e.Conflicts() != 1 {
		t.Fatalf("runs saw %q with %d conflicts, want [1 2] and 1", seen, e.Conflicts())
	}
	e.View(ctx, func(r meta.Reader) error {
		if v, _ := r.Get([]byte("y")); string(v) != "2" {
			t.Fatalf("y = %q, want 2", v)
		}
		return nil
	})
}

// TestCommitHistoryIsBounded: with one transaction held open while many
// commits land, the kept history stays within maxRecent, and the old
// transaction, once it commits, conflicts and runs again instead of
// validating against a history it lost.
func TestCommitHistoryIsBounded(t *testing.T) {
	var c commits
	old := c.begin()
	for i := range maxRecent + 100 {
		c.applied([]string{fmt.Sprint(i)})
	}
	if len(c.recent) > maxRecent {
		t.Fatalf("%d commits kept, want at most %d", len(c.recent), maxRecent)
	}
	if c.valid(old, newTxn(nil)) {
		t.Fatal("a transaction older than the kept history validated")
	}
	c.end(old)
	c.applied([]string{"z"})
	c.applied([]string{"z"})
	if len(c.recent) != 0 && c.recent[0].seq <= c.floor {
		t.Fatalf("history kept below the floor: %d <= %d", c.recent[0].seq, c.floor)
	}
}
