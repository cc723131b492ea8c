package pebble

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/meta/metatest"
	"github.com/strata-storage/strata/internal/strata"
)

func allHot([]byte) bool { return true }

// hotH makes the keys that begin with "h" hot.
func hotH(k []byte) bool { return len(k) > 0 && k[0] == 'h' }

// commitPairs commits the pairs key, value, ... in one transaction; an empty
// value deletes the key.
func commitPairs(t *testing.T, e *Engine, kv ...string) {
	t.Helper()
	if err := e.Update(context.Background(), func(tx meta.Txn) error {
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "" {
				if err := tx.Delete([]byte(kv[i])); err != nil {
					return err
				}
			} else if err := tx.Set([]byte(kv[i]), []byte(kv[i+1])); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// committed reads key from a view, outside any transaction's cache use.
func committed(t *testing.T, e *Engine, key string) string {
	t.Helper()
	var out string
	if err := e.View(context.Background(), func(r meta.Reader) error {
		v, err := r.Get([]byte(key))
		out = string(v)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// incrementH adds one to the counter kept in "h" (absent counts as 0).
func incrementH(ctx context.Context, e *Engine) error {
	return e.Update(ctx, func(tx meta.Txn) error {
		n := 0
		if v, err := tx.Get([]byte("h")); err == nil {
			fmt.Sscan(string(v), &n)
		} else if !strata.Is(err, strata.NotExist) {
			return err
		}
		return tx.Set([]byte("h"), []byte(fmt.Sprint(n+1)))
	})
}

// TestConformanceAllHot runs the engine conformance suite with every key
// hot: each transaction's point read comes from the cache.
func TestConformanceAllHot(t *testing.T) {
	metatest.Run(t, func(t *testing.T) meta.Engine {
		e, err := Open(t.TempDir(), Options{Hot: allHot}) // the suite closes it
		if err != nil {
			t.Fatal(err)
		}
		return e
	})
}

// TestHotReadNewerThanSnapshot: "h" (hot) and "x" (not) are always
// written together. A transaction reads x from its snapshot, then a
// commit changes both, then it reads h from the cache: it sees the two
// disagree, whether it then fails, writes, or writes nothing. Each time
// it must run again on a new snapshot, and nothing it saw unequal may
// reach its caller.
func TestHotReadNewerThanSnapshot(t *testing.T) {
	ctx := context.Background()
	errSkew := errors.New("h and x disagree")
	for _, end := range []string{"fail", "write", "read-only"} {
		t.Run(end, func(t *testing.T) {
			e := openTestWith(t, Options{Hot: hotH})
			commitPairs(t, e, "h", "1", "x", "1")
			var runs []string
			err := e.Update(ctx, func(tx meta.Txn) error {
				x, err := tx.Get([]byte("x"))
				if err != nil {
					return err
				}
				if len(runs) == 0 {
					commitPairs(t, e, "h", "2", "x", "2") // after this transaction's snapshot
				}
				h, err := tx.Get([]byte("h"))
				if err != nil {
					return err
				}
				runs = append(runs, string(x)+"/"+string(h))
				if string(h) != string(x) && end == "fail" {
					return errSkew
				}
				if end == "write" {
					return tx.Set([]byte("seen"), []byte(string(x)+"/"+string(h)))
				}
				return nil
			})
			if err != nil {
				t.Fatalf("Update: %v (runs %q)", err, runs)
			}
			if strings.Join(runs, " ") != "1/2 2/2" {
				t.Fatalf("runs saw %q, want [1/2 2/2]: the skewed run must run again", runs)
			}
			if end == "write" {
				if seen := committed(t, e, "seen"); seen != "2/2" {
					t.Fatalf("seen = %q, want 2/2", seen)
				}
			}
		})
	}
}

// TestHotFollowsWritesAndRangeDeletions: the cache answers what the last
// commit wrote, a deletion, and a range deletion, and a miss after an
// entry was evicted reads the store.
func TestHotFollowsWritesAndRangeDeletions(t *testing.T) {
	ctx := context.Background()
	e := openTestWith(t, Options{Hot: hotH})
	get := func(k string) string {
		var out string
		if err := e.Update(ctx, func(tx meta.Txn) error {
			v, err := tx.Get([]byte(k))
			switch {
			case strata.Is(err, strata.NotExist):
				out = "absent"
			case err != nil:
				return err
			default:
				out = string(v)
				v[0] = '!' // the caller's copy: the cache must not change
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if got := get("h1"); got != "absent" {
		t.Fatalf("h1 = %s before any write", got)
	}
	commitPairs(t, e, "h1", "a")
	if got := get("h1") + get("h1"); got != "aa" {
		t.Fatalf("h1 = %s after a set", got)
	}
	commitPairs(t, e, "h1", "")
	if got := get("h1"); got != "absent" {
		t.Fatalf("h1 = %s after a delete", got)
	}
	commitPairs(t, e, "h1", "b")
	commitPairs(t, e, "h2", "c")
	get("h2")
	if err := e.DeleteRange(ctx, []byte("h"), []byte("h2")); err != nil {
		t.Fatal(err)
	}
	if got := get("h1") + " " + get("h2"); got != "absent c" {
		t.Fatalf("after DeleteRange [h, h2): h1 h2 = %s", got)
	}
	// Past maxHot entries some go; every key still reads what was written.
	for from := 0; from < maxHot+100; from += 1000 {
		if err := e.Update(ctx, func(tx meta.Txn) error {
			for i := from; i < from+1000; i++ {
				tx.Set([]byte(fmt.Sprintf("h%06d", i)), []byte(fmt.Sprint(i)))
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(e.hot.m); n > maxHot {
		t.Fatalf("%d hot entries, bound %d", n, maxHot)
	}
	for i := 0; i < maxHot+100; i += 997 {
		if got := get(fmt.Sprintf("h%06d", i)); got != fmt.Sprint(i) {
			t.Fatalf("h%06d = %s", i, got)
		}
	}
}

// TestHotReadOnlyScanIsNotRerun: a read-only transaction that read a hot
// key (unchanged) and iterated a span other commits wrote meanwhile runs
// once, as before hot keys: only a hot value that differs from its
// snapshot makes it run again, not its whole read set.
func TestHotReadOnlyScanIsNotRerun(t *testing.T) {
	ctx := context.Background()
	e := openTestWith(t, Options{Hot: hotH})
	commitPairs(t, e, "h", "fence", "k1", "v")
	runs, keys := 0, 0
	err := e.Update(ctx, func(tx meta.Txn) error {
		runs++
		if _, err := tx.Get([]byte("h")); err != nil {
			return err
		}
		it := tx.Iter([]byte("k"), []byte("l"))
		defer it.Close()
		keys = 0
		for ok := it.First(); ok; ok = it.Next() {
			keys++
			if runs == 1 { // a write into the iterated span before this one ends
				if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Set([]byte("k2"), []byte("v")) }); err != nil {
					return err
				}
			}
		}
		return it.Error()
	})
	if err != nil || runs != 1 || keys != 1 {
		t.Fatalf("read-only scan: err %v, %d runs, %d keys; want 1 run of its snapshot's 1 key", err, runs, keys)
	}
}

// TestHotRefillsUnderCommits: writers increment a hot counter while the
// cache is emptied over and over (as a range deletion or an eviction
// does), so reads keep refilling it beside the commits that update it. A
// fill that kept an older value than one applied would lose an increment.
func TestHotRefillsUnderCommits(t *testing.T) {
	ctx := context.Background()
	e := openTestWith(t, Options{Hot: hotH})
	const workers, each = 4, 150
	stop, cleared := make(chan struct{}), make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-stop:
				cleared <- n
				return
			case <-time.After(50 * time.Microsecond):
			}
			e.mu.Lock()
			e.hot.clear()
			e.mu.Unlock()
			n++
		}
	}()
	errs := make(chan error, workers)
	for range workers {
		go func() {
			var err error
			for i := 0; i < each && err == nil; i++ {
				err = incrementH(ctx, e)
			}
			errs <- err
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	t.Logf("the cache was emptied %d times meanwhile", <-cleared)
	if v := committed(t, e, "h"); v != fmt.Sprint(workers*each) {
		t.Fatalf("counter = %s, want %d: an increment was lost", v, workers*each)
	}
}

// TestHotFillAfterACommitIsDropped: a miss reads "1", then a commit sets
// "2" before the miss fills the cache. The fill must not be kept: the
// cache would answer "1" from then on, and an increment, whose snapshot
// holds "2" and which no later commit conflicts with, would write "2"
// again.
func TestHotFillAfterACommitIsDropped(t *testing.T) {
	ctx := context.Background()
	e := openTestWith(t, Options{Hot: hotH})
	commitPairs(t, e, "h", "1")
	e.mu.Lock()
	e.hot.clear() // the set filled it: the next read must miss
	e.mu.Unlock()
	once := true
	hotFillHook = func() {
		if once {
			once = false
			commitPairs(t, e, "h", "2")
		}
	}
	defer func() { hotFillHook = nil }()
	var first string
	if err := e.Update(ctx, func(tx meta.Txn) error {
		v, err := tx.Get([]byte("h"))
		first = string(v)
		return err
	}); err != nil || first != "1" { // its snapshot's value: the commit came after it began
		t.Fatalf("the read beside the commit: %q, %v; want 1", first, err)
	}
	hotFillHook = nil
	if err := incrementH(ctx, e); err != nil {
		t.Fatal(err)
	}
	if v := committed(t, e, "h"); v != "3" {
		t.Fatalf("h = %q after incrementing 2, want 3: the fill kept the value read before the commit", v)
	}
}

// TestHotValueThatCameBack: a read-only transaction reads a hot key, a
// commit changes it and another puts the old value back, and it reads
// the key again. Its second read agrees with its snapshot, its first
// did not: it must run again.
func TestHotValueThatCameBack(t *testing.T) {
	ctx := context.Background()
	e := openTestWith(t, Options{Hot: hotH})
	commitPairs(t, e, "h", "A")
	var runs []string
	err := e.Update(ctx, func(tx meta.Txn) error {
		first, err := tx.Get([]byte("h"))
		if err != nil {
			return err
		}
		if len(runs) == 0 {
			commitPairs(t, e, "h", "B")
		}
		second, err := tx.Get([]byte("h"))
		if err != nil {
			return err
		}
		if len(runs) == 0 {
			commitPairs(t, e, "h", "A")
		}
		third, err := tx.Get([]byte("h"))
		runs = append(runs, string(first)+string(second)+string(third))
		return err
	})
	if err != nil || strings.Join(runs, " ") != "ABA AAA" {
		t.Fatalf("runs saw %q (%v), want [ABA AAA]", runs, err)
	}
}
