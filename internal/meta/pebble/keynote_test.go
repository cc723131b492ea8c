package pebble

import (
	"context"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
)

// TestKeyNoteRangeDeletion: on pebble a range deletion is one record, so
// a note whose span it overlaps says it lost track; one elsewhere does
// not; Close takes the note off the commit path. (The metatest suite
// checks the rest.)
func TestKeyNoteRangeDeletion(t *testing.T) {
	ctx := context.Background()
	e, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	n, _ := meta.NoteKeys(ctx, e, []meta.Span{{Lower: []byte("a/"), Upper: []byte("a0")}})
	if err := e.DeleteRange(ctx, []byte("b/"), []byte("b0")); err != nil {
		t.Fatal(err)
	}
	if _, complete := n.Take(ctx); !complete {
		t.Fatal("a range deletion outside the span made the note incomplete")
	}
	if err := e.DeleteRange(ctx, []byte("a/x"), []byte("c")); err != nil {
		t.Fatal(err)
	}
	if _, complete := n.Take(ctx); complete {
		t.Fatal("a range deletion over the span left the note complete")
	}
	n.Close()
	if len(e.notes) != 0 {
		t.Fatalf("%d notes after Close", len(e.notes))
	}
}
