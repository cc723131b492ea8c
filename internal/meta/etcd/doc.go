// Package etcd is the replicated metadata engine: the meta.Engine contract
// on an etcd cluster, embedded in Strata's meta nodes (Member) or external.
//
// Transactions are optimistic. Reads happen at one snapshot revision; at
// commit, one etcd Txn checks that nothing read has changed since (point
// reads by mod revision, iterated ranges by "no key newer than the
// snapshot", iterated keys by mod revision to catch deletions) and applies
// the writes. A failed check reruns the transaction. Raft makes a commit
// durable on a quorum before Update returns.
//
// Reads are linearizable. When the cluster has lost quorum, a View falls
// back to the local member's committed state (serializable reads), so
// that data written before the loss stays readable; writes fail with
// strata.Unavailable until quorum returns.
package etcd
