// Package cluster holds what makes nodes one system: the replicated
// conscience registry (every service heartbeats into etcd under a lease;
// every node watches and scores locally with the same formula), the lock
// store, cluster-wide exclusive jobs, and the discovery of metadata shards.
//
// There is no single point of failure: registrations and locks live in
// the replicated metadata cluster and every gateway computes scores
// itself.
package cluster
