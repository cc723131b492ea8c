// Package pebble is the embedded default meta.Engine, on
// cockroachdb/pebble.
//
// Transactions are serializable because their read-modify-write runs under
// one short in-memory lock; they are durable because Update returns only
// after a WAL sync that covers the batch. The sync happens outside the
// lock, so concurrent Updates share one fsync (group commit): this is what
// makes small durable writes cheap.
package pebble
