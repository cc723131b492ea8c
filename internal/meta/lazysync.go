package meta

import (
	"context"
	"time"
)

type syncModeKey struct{}

// syncMode is how an Update's context asks for durability.
type syncMode int

const (
	syncLazy     syncMode = iota + 1 // loss harmless (WithLazySync)
	syncDeferred                     // durable within a bound (WithDeferredSync)
)

// WithLazySync marks ctx's Updates as ones whose loss in a crash is
// harmless, because whatever they record is redone after a restart: an
// engine may then return from them before they reach stable storage. Such
// an Update becomes durable with the next durable one (on the embedded
// engine they share a log, synced in order). A replicated engine ignores
// the mark: its commits are durable when a quorum has them anyway.
//
// The event relay uses it for the deletion of events the bus already
// holds: a crash that loses the deletion only makes the relay publish the
// events again, and the bus drops them as duplicates. It saves a sync of
// the log per drain, which every small write from a mount waited behind.
func WithLazySync(ctx context.Context) context.Context {
	return context.WithValue(ctx, syncModeKey{}, syncLazy)
}

// WithDeferredSync marks ctx's Updates as ones a client accepted to see
// made durable a little later: an engine may return once the change is
// visible, and then makes it durable within DeferredSyncBound, or
// sooner with Sync or any durable Update. Unlike WithLazySync, the
// change is the client's own (a mount's create or unlink under
// --deferred-sync), so whatever announces it outside the store (the
// event relay) waits for it to be durable first (WaitDurable). A
// replicated engine ignores the mark.
func WithDeferredSync(ctx context.Context) context.Context {
	return context.WithValue(ctx, syncModeKey{}, syncDeferred)
}

// DeferredSyncBound is how long an Update under WithDeferredSync may stay
// undurable: ext4 commits its journal every 5 s; this is far shorter.
const DeferredSyncBound = 100 * time.Millisecond

// LazySync reports whether ctx's Updates may return before they are
// durable (WithLazySync or WithDeferredSync).
func LazySync(ctx context.Context) bool {
	m, _ := ctx.Value(syncModeKey{}).(syncMode)
	return m != 0
}

// DeferredSync reports whether ctx carries WithDeferredSync.
func DeferredSync(ctx context.Context) bool {
	m, _ := ctx.Value(syncModeKey{}).(syncMode)
	return m == syncDeferred
}

// Syncer is an engine whose deferred Updates may not be durable yet.
type Syncer interface {
	// Sync returns once every Update under WithDeferredSync that
	// returned before it is durable, syncing at once if need be.
	Sync(ctx context.Context) error
	// WaitDurable is Sync without a sync of its own: it waits for the
	// one the engine makes within DeferredSyncBound.
	WaitDurable(ctx context.Context) error
}

// Sync makes e's deferred Updates durable; an engine that is not a
// Syncer has none.
func Sync(ctx context.Context, e Engine) error {
	if s, ok := e.(Syncer); ok {
		return s.Sync(ctx)
	}
	return nil
}

// WaitDurable returns once e's deferred Updates are durable, waiting for
// the engine's own sync (at most DeferredSyncBound) rather than forcing
// one: what announces changes outside the store (the event relay) then
// adds no sync of its own, and its batches grow.
func WaitDurable(ctx context.Context, e Engine) error {
	if s, ok := e.(Syncer); ok {
		return s.WaitDurable(ctx)
	}
	return nil
}
