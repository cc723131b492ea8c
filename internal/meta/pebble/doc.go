// Package pebble is the embedded default meta.Engine, on
// cockroachdb/pebble.
//
// Transactions are serializable by optimistic concurrency: each reads a
// snapshot with no lock held, and its commit, under one short in-memory
// lock, checks that no commit since that snapshot wrote a key it read or a
// span it iterated before applying its writes (a conflict runs it again,
// under the lock after two tries). Reads that wait on the disk therefore
// overlap instead of queueing behind one lock. Transactions are durable
// because Update returns only after a WAL sync that covers the batch. The sync happens outside the
// lock, so concurrent Updates share one fsync (group commit): this is what
// makes small durable writes cheap.
package pebble
