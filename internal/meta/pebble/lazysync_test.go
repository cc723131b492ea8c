package pebble

import (
	"context"
	"testing"

	"github.com/cockroachdb/pebble/vfs"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// TestLazySync plays power losses on pebble's strict in-memory file
// system: an Update under meta.WithLazySync is seen at once but may be
// lost, a plain one is not, and a lazy one becomes durable with the next
// plain one.
func TestLazySync(t *testing.T) {
	ctx := context.Background()
	fs := vfs.NewStrictMem()
	// The database's folder must itself be durable for anything in it to be.
	if err := fs.MkdirAll("db", 0o755); err != nil {
		t.Fatal(err)
	}
	root, err := fs.OpenDir("")
	if err != nil {
		t.Fatal(err)
	}
	if err := root.Sync(); err != nil {
		t.Fatal(err)
	}
	root.Close()
	open := func() *Engine {
		e, err := Open("db", Options{FS: fs})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	set := func(e *Engine, ctx context.Context, k string) {
		if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Set([]byte(k), []byte("v")) }); err != nil {
			t.Fatal(err)
		}
	}
	has := func(e *Engine, k string) bool {
		var err error
		if verr := e.View(ctx, func(r meta.Reader) error { _, err = r.Get([]byte(k)); return nil }); verr != nil {
			t.Fatal(verr)
		}
		if err != nil && !strata.Is(err, strata.NotExist) {
			t.Fatal(err)
		}
		return err == nil
	}
	powerLoss := func(e *Engine) *Engine {
		fs.SetIgnoreSyncs(true) // the close's own syncs do not count
		if err := e.Close(); err != nil {
			t.Fatal(err)
		}
		fs.ResetToSyncedState()
		fs.SetIgnoreSyncs(false)
		return open()
	}
	lazy := meta.WithLazySync(ctx)

	e := open()
	set(e, ctx, "durable")
	set(e, lazy, "lazy")
	if !has(e, "lazy") {
		t.Fatal("a lazy update is not visible before a power loss")
	}
	e = powerLoss(e)
	if !has(e, "durable") {
		t.Fatal("a plain update was lost in a power loss")
	}
	if has(e, "lazy") {
		t.Fatal("a lazy update alone survived a power loss: the test no longer plays one")
	}

	set(e, lazy, "lazy2")
	set(e, ctx, "durable2")
	e = powerLoss(e)
	defer e.Close()
	if !has(e, "lazy2") || !has(e, "durable2") {
		t.Fatalf("after a plain update: lazy %v, plain %v; want both durable", has(e, "lazy2"), has(e, "durable2"))
	}
}
