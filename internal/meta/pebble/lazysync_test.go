package pebble

import (
	"context"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/vfs"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// lossFS is an engine on pebble's strict in-memory file system, where a
// power loss keeps only what was synced.
type lossFS struct {
	t  *testing.T
	fs *vfs.MemFS
}

func newLossFS(t *testing.T) *lossFS {
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
	return &lossFS{t: t, fs: fs}
}

func (l *lossFS) open() *Engine {
	e, err := Open("db", Options{FS: l.fs})
	if err != nil {
		l.t.Fatal(err)
	}
	return e
}

func (l *lossFS) set(e *Engine, ctx context.Context, k string) {
	if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Set([]byte(k), []byte("v")) }); err != nil {
		l.t.Fatal(err)
	}
}

func (l *lossFS) has(e *Engine, k string) bool {
	var err error
	if verr := e.View(context.Background(), func(r meta.Reader) error { _, err = r.Get([]byte(k)); return nil }); verr != nil {
		l.t.Fatal(verr)
	}
	if err != nil && !strata.Is(err, strata.NotExist) {
		l.t.Fatal(err)
	}
	return err == nil
}

// powerLoss drops all that was not synced and opens the engine again.
func (l *lossFS) powerLoss(e *Engine) *Engine {
	l.fs.SetIgnoreSyncs(true) // the close's own syncs do not count
	if err := e.Close(); err != nil {
		l.t.Fatal(err)
	}
	l.fs.ResetToSyncedState()
	l.fs.SetIgnoreSyncs(false)
	return l.open()
}

// TestLazySync plays power losses: an Update under meta.WithLazySync is
// seen at once but may be lost, a plain one is not, and a lazy one
// becomes durable with the next plain one.
func TestLazySync(t *testing.T) {
	ctx := context.Background()
	l := newLossFS(t)
	lazy := meta.WithLazySync(ctx)

	e := l.open()
	l.set(e, ctx, "durable")
	l.set(e, lazy, "lazy")
	if !l.has(e, "lazy") {
		t.Fatal("a lazy update is not visible before a power loss")
	}
	e = l.powerLoss(e)
	if !l.has(e, "durable") {
		t.Fatal("a plain update was lost in a power loss")
	}
	if l.has(e, "lazy") {
		t.Fatal("a lazy update alone survived a power loss: the test no longer plays one")
	}

	l.set(e, lazy, "lazy2")
	l.set(e, ctx, "durable2")
	e = l.powerLoss(e)
	defer e.Close()
	if !l.has(e, "lazy2") || !l.has(e, "durable2") {
		t.Fatalf("after a plain update: lazy %v, plain %v; want both durable", l.has(e, "lazy2"), l.has(e, "durable2"))
	}
}

// TestDeferredSync: an Update under meta.WithDeferredSync is visible at
// once, durable after Sync, and durable on its own once its bound has
// passed.
func TestDeferredSync(t *testing.T) {
	ctx := context.Background()
	l := newLossFS(t)
	deferred := meta.WithDeferredSync(ctx)

	e := l.open()
	e.deferred.bound = time.Hour // no timer sync in this part
	l.set(e, deferred, "unsynced")
	if !l.has(e, "unsynced") {
		t.Fatal("a deferred update is not visible at once")
	}
	e = l.powerLoss(e)
	if l.has(e, "unsynced") {
		t.Fatal("a deferred update survived a power loss without a sync: the test no longer plays one")
	}

	e.deferred.bound = time.Hour
	l.set(e, deferred, "synced")
	if err := meta.Sync(ctx, e); err != nil {
		t.Fatal(err)
	}
	if e.deferred.isPending() {
		t.Fatal("Sync left a deferred commit pending")
	}
	e = l.powerLoss(e)
	if !l.has(e, "synced") {
		t.Fatal("a deferred update was lost after Sync returned")
	}

	// The bound: the timer syncs without any call. Waiting on the mark
	// (not on a clock) keeps the test free of timing assumptions.
	e.deferred.bound = time.Millisecond
	l.set(e, deferred, "bounded")
	for e.deferred.isPending() {
		time.Sleep(time.Millisecond)
	}
	e = l.powerLoss(e)
	defer e.Close()
	if !l.has(e, "bounded") {
		t.Fatal("a deferred update was lost after its bound passed")
	}
}

// TestWaitDurable: WaitDurable returns once the engine's own timed sync
// made the deferred updates durable, and gives up with its context.
func TestWaitDurable(t *testing.T) {
	ctx := context.Background()
	l := newLossFS(t)
	deferred := meta.WithDeferredSync(ctx)

	e := l.open()
	e.deferred.bound = time.Hour
	l.set(e, deferred, "waiting")
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := meta.WaitDurable(cctx, e); err == nil {
		t.Fatal("WaitDurable returned nil with its update pending and its context done")
	}
	if err := meta.WaitDurable(ctx, l.shortenBound(e)); err != nil {
		t.Fatal(err)
	}
	e = l.powerLoss(e)
	defer e.Close()
	if !l.has(e, "waiting") {
		t.Fatal("a deferred update was lost after WaitDurable returned")
	}
}

// shortenBound shortens e's bound so that its timer syncs what is pending now.
func (l *lossFS) shortenBound(e *Engine) *Engine {
	e.deferred.mu.Lock()
	e.deferred.bound = time.Millisecond
	e.deferred.armed = false
	e.deferred.mu.Unlock()
	l.set(e, meta.WithDeferredSync(context.Background()), "rearm") // arms the short timer
	return e
}
