package meta

import "context"

type lazySyncKey struct{}

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
	return context.WithValue(ctx, lazySyncKey{}, true)
}

// LazySync reports whether ctx carries WithLazySync.
func LazySync(ctx context.Context) bool {
	v, _ := ctx.Value(lazySyncKey{}).(bool)
	return v
}
