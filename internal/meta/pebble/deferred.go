package pebble

import (
	"context"
	"sync"
	"time"

	"github.com/cockroachdb/pebble"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// deferredSync makes the Updates under meta.WithDeferredSync durable
// within meta.DeferredSyncBound: the first such commit after a sync arms
// a timer, and the timer (or Sync, or any durable Update, since they share
// the WAL) syncs the WAL once for all of them.
//
// A deferred commit is counted under the engine's commit lock before it
// is applied, and a sync reads the count under that lock: every commit
// it counts is then in the WAL before the sync, and a reader that sees a
// deferred change (the relay, an outbox event) finds it counted.
type deferredSync struct {
	life     sync.RWMutex // held shared by a sync, so that close waits for it
	closed   bool         // guarded by life
	commitMu *sync.Mutex  // the engine's commit lock, which guards marked
	marked   uint64       // deferred commits so far
	mu       sync.Mutex
	synced   uint64        // commits marked before the last WAL sync
	armed    bool          // the timer will sync
	woken    chan struct{} // closed (and replaced) when synced moves
	bound    time.Duration // 0: meta.DeferredSyncBound (tests set it)
}

// mark counts a deferred commit about to be applied; commitMu is held.
func (d *deferredSync) mark() { d.marked++ }

// marks reads the count of deferred commits applied or being applied.
func (d *deferredSync) marks() uint64 {
	d.commitMu.Lock()
	defer d.commitMu.Unlock()
	return d.marked
}

// committed arms the timer after a deferred commit returned.
func (d *deferredSync) committed(db *pebble.DB) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.armed {
		return
	}
	d.armed = true
	bound := d.bound
	if bound == 0 {
		bound = meta.DeferredSyncBound
	}
	time.AfterFunc(bound, func() {
		d.mu.Lock()
		d.armed = false
		d.mu.Unlock()
		d.sync(db) // an error shows on the next Sync or durable Update
	})
}

// sync syncs db's WAL if a deferred commit may be pending. Commits
// marked before the sync starts are in the WAL before it; one marked
// meanwhile stays pending.
func (d *deferredSync) sync(db *pebble.DB) error {
	d.life.RLock()
	defer d.life.RUnlock()
	if d.closed {
		return nil
	}
	target := d.marks()
	d.mu.Lock()
	done := d.synced
	d.mu.Unlock()
	if target <= done {
		return nil
	}
	if err := db.LogData(nil, pebble.Sync); err != nil {
		return strata.E("pebble.Sync", strata.Unavailable, err)
	}
	d.mu.Lock()
	d.synced = max(d.synced, target)
	if d.woken != nil {
		close(d.woken)
		d.woken = nil
	}
	d.mu.Unlock()
	return nil
}

// waitDurable waits until the commits marked so far are synced: by the
// timer, normally; by a sync of its own if the timer's failed (or the
// engine closed) and twice the bound has passed.
func (d *deferredSync) waitDurable(ctx context.Context, db *pebble.DB) error {
	target := d.marks()
	d.mu.Lock()
	bound, done := d.bound, d.synced
	d.mu.Unlock()
	if target <= done {
		return nil // the common case: the relay after plain commits
	}
	if bound == 0 {
		bound = meta.DeferredSyncBound
	}
	late := time.NewTimer(2 * bound)
	defer late.Stop()
	for {
		d.mu.Lock()
		if d.synced >= target {
			d.mu.Unlock()
			return nil
		}
		if d.woken == nil {
			d.woken = make(chan struct{})
		}
		woken := d.woken
		d.mu.Unlock()
		select {
		case <-woken:
		case <-late.C:
			return d.sync(db)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// DeferredCommits returns how many commits were answered before their
// sync (meta.WithDeferredSync).
func (e *Engine) DeferredCommits() uint64 { return e.deferred.marks() }

// isPending reports whether a deferred commit may not be durable yet.
func (d *deferredSync) isPending() bool {
	target := d.marks()
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.synced < target
}

// close syncs what is pending and stops the timer's syncs; db closes next.
func (d *deferredSync) close(db *pebble.DB) {
	d.sync(db)
	d.life.Lock()
	d.closed = true
	d.life.Unlock()
}

// Sync returns once every Update under meta.WithDeferredSync that
// returned before it is durable.
func (e *Engine) Sync(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return e.deferred.sync(e.db)
}

// WaitDurable returns once every Update under meta.WithDeferredSync that
// returned before it is durable, waiting for the engine's timed sync.
func (e *Engine) WaitDurable(ctx context.Context) error {
	return e.deferred.waitDurable(ctx, e.db)
}

var _ meta.Syncer = (*Engine)(nil)
