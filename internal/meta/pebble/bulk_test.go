package pebble

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cockroachdb/pebble/vfs"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// openTemp opens an engine in a test's temporary folder, closed at the
// test's end.
func openTemp(t *testing.T, o Options) *Engine {
	t.Helper()
	e, err := Open(t.TempDir(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func bulkSet(t *testing.T, w meta.BulkWriter, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if err := w.Set([]byte(k), []byte("v:"+k)); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBulkCommitSurvivesPowerLoss: records are invisible until Commit,
// all visible after it, and still there after a power loss right after
// Commit returned; a writer's uncommitted records and its table file are
// gone after the loss.
func TestBulkCommitSurvivesPowerLoss(t *testing.T) {
	ctx := context.Background()
	l := newLossFS(t)
	e := l.open()
	l.set(e, ctx, "a")
	w, err := meta.NewBulkWriter(e)
	if err != nil || w == nil {
		t.Fatalf("pebble gave no bulk writer: %v", err)
	}
	var keys []string
	for i := range 1000 {
		keys = append(keys, fmt.Sprintf("t/%04d", i))
	}
	bulkSet(t, w, keys...)
	if l.has(e, "t/0000") {
		t.Fatal("a record is visible before Commit")
	}
	if w.Bytes() == 0 {
		t.Fatal("Bytes is 0 with records added")
	}
	if err := w.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if w.Bytes() != 0 {
		t.Fatalf("Bytes %d after Commit", w.Bytes())
	}
	bulkSet(t, w, "u/1") // never committed
	e = l.powerLoss(e)
	defer e.Close()
	for _, k := range append(keys, "a") {
		if !l.has(e, k) {
			t.Fatalf("%s lost in a power loss after Commit", k)
		}
	}
	if l.has(e, "u/1") {
		t.Fatal("an uncommitted record is visible")
	}
	var v []byte
	e.View(ctx, func(r meta.Reader) error { v, err = r.Get([]byte("t/0042")); return err })
	if string(v) != "v:t/0042" {
		t.Fatalf("t/0042 = %q, %v", v, err)
	}
	if left, _ := l.fs.List("db/" + bulkDir); len(left) != 0 {
		t.Fatalf("table files left after open: %v", left)
	}
	if st := e.Ingested(); st.Bytes != 0 {
		t.Fatalf("a reopened store counts %d ingested bytes", st.Bytes)
	}
}

// TestBulkKeysInOrder: a key not after the last one is refused, and the
// records before it can still be committed.
func TestBulkKeysInOrder(t *testing.T) {
	ctx := context.Background()
	e := openTemp(t, Options{})
	w, _ := e.NewBulkWriter()
	defer w.Close()
	bulkSet(t, w, "k/1", "k/2")
	for _, k := range []string{"k/2", "k/0"} {
		if err := w.Set([]byte(k), nil); !strata.Is(err, strata.Invalid) {
			t.Fatalf("Set(%s) after k/2: %v, want Invalid", k, err)
		}
	}
	if err := w.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	n := 0
	e.View(ctx, func(r meta.Reader) error {
		it := r.Iter([]byte("k/"), []byte("k0"))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			n++
		}
		return nil
	})
	if n != 2 {
		t.Fatalf("%d records, want 2", n)
	}
	if st := e.Ingested(); st.Bytes == 0 {
		t.Fatal("no ingested bytes counted")
	}
}

// TestBulkCommitRerunsRunningTransactions: a Commit is checked against
// no read set, as a range deletion: a transaction that read a key of the
// table before it landed runs again and reads the record; a key note
// over the table's keys is lost, one elsewhere is not; a hot key is read
// again.
func TestBulkCommitRerunsRunningTransactions(t *testing.T) {
	ctx := context.Background()
	e := openTemp(t, Options{Hot: func(k []byte) bool { return string(k) == "h" }})
	over, _ := meta.NoteKeys(ctx, e, []meta.Span{{Lower: []byte("b/"), Upper: []byte("b0")}})
	defer over.Close()
	beside, _ := meta.NoteKeys(ctx, e, []meta.Span{{Lower: []byte("c/"), Upper: []byte("c0")}})
	defer beside.Close()
	w, _ := e.NewBulkWriter()
	bulkSet(t, w, "b/1", "b/2")
	runs := 0
	var seen []error
	err := e.Update(ctx, func(tx meta.Txn) error {
		runs++
		_, err := tx.Get([]byte("b/1"))
		seen = append(seen, err)
		if runs == 1 {
			if err := w.Commit(ctx); err != nil {
				return err
			}
		}
		return tx.Set([]byte("x"), []byte("1"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if runs != 2 || !strata.Is(seen[0], strata.NotExist) || seen[1] != nil {
		t.Fatalf("%d runs reading %v, want 2: NotExist, then the record", runs, seen)
	}
	if _, complete := over.Take(ctx); complete {
		t.Fatal("a bulk commit over the note's span left it complete")
	}
	if _, complete := beside.Take(ctx); !complete {
		t.Fatal("a bulk commit outside the note's span made it incomplete")
	}
	// A hot key known absent, then bulk written, reads as written.
	read := func() ([]byte, error) {
		var v []byte
		err := e.Update(ctx, func(tx meta.Txn) error {
			var err error
			v, err = tx.Get([]byte("h"))
			if strata.Is(err, strata.NotExist) {
				err = nil
			}
			return err
		})
		return v, err
	}
	if v, err := read(); v != nil || err != nil {
		t.Fatalf("h = %q, %v before it was written", v, err)
	}
	bulkSet(t, w, "h")
	if err := w.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if v, err := read(); string(v) != "v:h" || err != nil {
		t.Fatalf("h = %q, %v after a bulk commit, want v:h", v, err)
	}
}

// refusingFS fails the opening of bulk tables while refuse is set: the
// ingestion reads a table's properties before it links it, so Commit
// fails there, as on a disk that lost the file.
type refusingFS struct {
	vfs.FS
	refuse atomic.Bool
}

func (f *refusingFS) Open(name string, opts ...vfs.OpenOption) (vfs.File, error) {
	if f.refuse.Load() && strings.Contains(name, string(filepath.Separator)+bulkDir+string(filepath.Separator)) {
		return nil, errors.New("refused by the test")
	}
	return f.FS.Open(name, opts...)
}

// TestBulkCommitFailureLeavesNothing: a Commit whose ingestion fails
// returns Unavailable, makes none of its records visible, leaves no table
// file behind, and leaves the engine and the writer usable: the records
// set again after it commit.
func TestBulkCommitFailureLeavesNothing(t *testing.T) {
	ctx := context.Background()
	fs := &refusingFS{FS: vfs.Default}
	dir := t.TempDir()
	e, err := Open(dir, Options{FS: fs})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	w, err := meta.NewBulkWriter(e)
	if err != nil || w == nil {
		t.Fatalf("pebble gave no bulk writer: %v", err)
	}
	defer w.Close()
	bulkSet(t, w, "t/1", "t/2", "t/3")
	fs.refuse.Store(true)
	if err := w.Commit(ctx); !strata.Is(err, strata.Unavailable) {
		t.Fatalf("Commit with the table refused: %v, want Unavailable", err)
	}
	fs.refuse.Store(false)
	has := func(k string) bool {
		var v []byte
		e.View(ctx, func(r meta.Reader) error { v, _ = r.Get([]byte(k)); return nil })
		return v != nil
	}
	if has("t/1") || has("t/3") {
		t.Fatal("a record of a failed Commit is visible")
	}
	if left, _ := os.ReadDir(filepath.Join(dir, bulkDir)); len(left) != 0 {
		t.Fatalf("table files left after a failed Commit: %v", left)
	}
	if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Set([]byte("a"), []byte("x")) }); err != nil {
		t.Fatalf("a transaction after a failed Commit: %v", err)
	}
	bulkSet(t, w, "t/1", "t/2")
	if err := w.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if !has("t/1") || !has("t/2") || has("t/3") {
		t.Fatal("the records set again after a failed Commit are not all there, or more are")
	}
	if all, _ := w.Ingested(); all == 0 {
		t.Fatal("Ingested counts nothing after a Commit")
	}
}
