package metatest

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
)

func taken(t *testing.T, n meta.KeyNote) ([]string, bool) {
	t.Helper()
	keys, complete := n.Take(ctx)
	var out []string
	for _, k := range keys {
		out = append(out, string(k))
	}
	return out, complete
}

// testKeyNote: a note holds the keys that commits set or deleted in its
// spans, sorted, once each, from its start to a Take; an aborted
// transaction notes nothing; a range deletion over a span either makes
// the next Take incomplete (pebble: one record) or notes its keys (key by
// key), and the Take after starts afresh.
func testKeyNote(t *testing.T, e meta.Engine) {
	set(t, e, "a/1", "before", "c/a", "x")
	n, ok := meta.NoteKeys(ctx, e, []meta.Span{{Lower: []byte("a/"), Upper: []byte("a0")}, {Lower: []byte("c/m"), Upper: nil}})
	if !ok {
		t.Skip("the engine keeps no key note")
	}
	defer n.Close()
	if got, complete := taken(t, n); len(got) != 0 || !complete {
		t.Fatalf("a fresh note holds %q (complete %v): it must not see the commits before it", got, complete)
	}
	set(t, e, "a/2", "x", "b/1", "x", "c/b", "x", "c/z", "x")
	err := e.Update(ctx, func(tx meta.Txn) error {
		if err := tx.Delete([]byte("a/1")); err != nil {
			return err
		}
		return tx.Set([]byte("a/2"), []byte("y"))
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = e.Update(ctx, func(tx meta.Txn) error {
		_ = tx.Set([]byte("a/3"), nil)
		return fmt.Errorf("abort")
	})
	got, complete := taken(t, n)
	if want := []string{"a/1", "a/2", "c/z"}; !slices.Equal(got, want) || !complete {
		t.Fatalf("noted %q (complete %v), want %q", got, complete, want)
	}
	if got, _ := taken(t, n); len(got) != 0 {
		t.Fatalf("a second Take holds %q: Take forgets what it returned", got)
	}
	if err := meta.DeleteRange(ctx, e, []byte("b/"), []byte("b0")); err != nil {
		t.Fatal(err)
	}
	set(t, e, "a/4", "x")
	if got, complete := taken(t, n); !slices.Equal(got, []string{"a/4"}) || !complete {
		t.Fatalf("after a range deletion outside the spans: %q, complete %v", got, complete)
	}
	set(t, e, "c/n", "x")
	if err := meta.DeleteRange(ctx, e, []byte("c/a"), []byte("c/y")); err != nil {
		t.Fatal(err)
	}
	set(t, e, "a/5", "x")
	if got, complete := taken(t, n); complete && !slices.Equal(got, []string{"a/5", "c/n"}) {
		t.Fatalf("after a range deletion over a span: %q, complete; want a/5 and c/n, or incomplete", got)
	}
	set(t, e, "a/6", "x")
	if got, complete := taken(t, n); !slices.Equal(got, []string{"a/6"}) || !complete {
		t.Fatalf("the Take after: %q, complete %v", got, complete)
	}
}

// testKeyNoteUnderCommits: every commit that returned before a Take is in
// it or an earlier one, with writers running meanwhile.
func testKeyNoteUnderCommits(t *testing.T, e meta.Engine) {
	n, ok := meta.NoteKeys(ctx, e, []meta.Span{{Lower: []byte("k"), Upper: []byte("l")}})
	if !ok {
		t.Skip("the engine keeps no key note")
	}
	defer n.Close()
	const writers, each = 4, 50
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
				set(t, e, fmt.Sprintf("m%d/%03d", w, i), "outside")
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
		keys, complete := taken(t, n)
		if !complete {
			t.Fatal("incomplete note")
		}
		for _, k := range keys {
			if k[0] != 'k' {
				t.Fatalf("noted %s, outside the span", k)
			}
			seen[k] = true
		}
		for _, k := range returned {
			if !seen[k] {
				t.Fatalf("the commit of %s returned before a Take, and no Take held it", k)
			}
		}
	}
	for range 10 {
		check()
	}
	wg.Wait()
	check()
	if len(seen) != writers*each {
		t.Fatalf("noted %d keys, want %d", len(seen), writers*each)
	}
}
