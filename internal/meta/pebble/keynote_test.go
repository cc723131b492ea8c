package pebble

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
)

func noted(t *testing.T, n meta.KeyNote) ([]string, bool) {
	t.Helper()
	keys, complete := n.Take()
	var out []string
	for _, k := range keys {
		out = append(out, string(k))
	}
	return out, complete
}

// TestKeyNote: a note holds the keys that commits set or deleted in its
// spans, sorted, once each, from its start to a Take; a range deletion
// over a span makes the next Take incomplete, one elsewhere does not;
// a closed note takes nothing more.
func TestKeyNote(t *testing.T) {
	ctx := context.Background()
	e, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	set := func(kv ...string) {
		t.Helper()
		err := e.Update(ctx, func(tx meta.Txn) error {
			for i := 0; i < len(kv); i += 2 {
				var err error
				if kv[i+1] == "-" {
					err = tx.Delete([]byte(kv[i]))
				} else {
					err = tx.Set([]byte(kv[i]), []byte(kv[i+1]))
				}
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	set("a/1", "before")
	n, ok := meta.NoteKeys(e, []meta.Span{{Lower: []byte("a/"), Upper: []byte("a0")}, {Lower: []byte("c/m"), Upper: nil}})
	if !ok {
		t.Fatal("the pebble engine keeps no note")
	}
	defer n.Close()
	if got, complete := noted(t, n); len(got) != 0 || !complete {
		t.Fatalf("a fresh note holds %q (complete %v): it must not see the commit before it", got, complete)
	}
	set("a/2", "x", "b/1", "x", "c/a", "x", "c/z", "x")
	set("a/1", "-", "a/2", "y")
	// A transaction that aborts writes nothing.
	_ = e.Update(ctx, func(tx meta.Txn) error {
		_ = tx.Set([]byte("a/3"), nil)
		return fmt.Errorf("abort")
	})
	got, complete := noted(t, n)
	if want := []string{"a/1", "a/2", "c/z"}; !slices.Equal(got, want) || !complete {
		t.Fatalf("noted %q (complete %v), want %q", got, complete, want)
	}
	if got, _ := noted(t, n); len(got) != 0 {
		t.Fatalf("a second Take holds %q: Take forgets what it returned", got)
	}

	// A range deletion elsewhere leaves the note whole; over a span, it
	// makes the next Take incomplete, and the one after starts afresh.
	if err := e.DeleteRange(ctx, []byte("b/"), []byte("b0")); err != nil {
		t.Fatal(err)
	}
	set("a/4", "x")
	if got, complete := noted(t, n); !slices.Equal(got, []string{"a/4"}) || !complete {
		t.Fatalf("after a range deletion outside the spans: %q, complete %v", got, complete)
	}
	if err := e.DeleteRange(ctx, []byte("c/a"), []byte("c/n")); err != nil {
		t.Fatal(err)
	}
	set("a/5", "x")
	if got, complete := noted(t, n); got != nil || complete {
		t.Fatalf("after a range deletion over a span: %q, complete %v; want incomplete", got, complete)
	}
	set("a/6", "x")
	if got, complete := noted(t, n); !slices.Equal(got, []string{"a/6"}) || !complete {
		t.Fatalf("the Take after an incomplete one: %q, complete %v", got, complete)
	}

	n.Close()
	set("a/7", "x")
	if len(e.notes) != 0 {
		t.Fatalf("%d notes after Close", len(e.notes))
	}
}

// TestKeyNoteUnderCommits: every commit that returned before a Take is in
// it or an earlier one, with writers running meanwhile (run with -race).
func TestKeyNoteUnderCommits(t *testing.T) {
	ctx := context.Background()
	e, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	n, _ := meta.NoteKeys(e, []meta.Span{{Lower: []byte("k"), Upper: []byte("l")}})
	defer n.Close()
	const writers, each = 4, 200
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := map[string]bool{}
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				k := fmt.Sprintf("k%d/%03d", w, i)
				if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Set([]byte(k), nil) }); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				done[k] = true
				mu.Unlock()
			}
		})
	}
	seen := map[string]bool{}
	check := func() {
		mu.Lock()
		returned := make([]string, 0, len(done))
		for k := range done {
			returned = append(returned, k)
		}
		mu.Unlock()
		keys, complete := noted(t, n)
		if !complete {
			t.Fatal("incomplete note")
		}
		for _, k := range keys {
			seen[k] = true
		}
		for _, k := range returned {
			if !seen[k] {
				t.Fatalf("commit of %s returned before a Take, and no Take held it", k)
			}
		}
	}
	for range 20 {
		check()
	}
	wg.Wait()
	check()
	if len(seen) != writers*each {
		t.Fatalf("noted %d keys, want %d", len(seen), writers*each)
	}
}
