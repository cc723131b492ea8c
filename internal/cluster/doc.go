// Package cluster holds what makes nodes one system: the replicated
// conscience registry (each node heartbeats all of its services in one
// etcd transaction under its one lease; an elected node publishes a score
// digest once a period, which every node follows and places from locally,
// falling back to scoring the heartbeats itself when the digest is
// stale), the lock store, cluster-wide exclusive jobs, and the discovery
// of metadata shards.
//
// There is no single point of failure: registrations and locks live in
// the replicated metadata cluster, the digest publisher is re-elected
// when it dies, and every gateway can compute scores itself.
package cluster
