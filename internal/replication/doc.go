// Package replication copies buckets asynchronously to other clusters
// (S3 bucket replication between Strata clusters, or any S3 endpoint).
//
//	PUT ?replication ──▶ Config (this package parses and checks it)
//	change + event ──one meta txn──▶ outbox ──relay──▶ STRATA_DELIVER lane
//	     (the version is marked PENDING in that txn when a rule matches)
//	Replicator: each lane in order (lane = hash(key)) ──▶ remote target
//	     GET local current state ─▶ PUT/DELETE remote (with X-Strata-Replica)
//	     ─▶ COMPLETED, or FAILED + backlog entry retried later
//
// The replicator converges states rather than replaying operations: for
// an event on key K it makes the destination's current K equal to the
// source's current K. A lane has one message in flight cluster-wide, so
// two workers never race on one key, and whatever the order events
// arrive in, the last one leaves both sides equal.
//
// Remote targets live in the root metadata engine under "R/t/<name>",
// their secret keys sealed under the cluster key.
package replication
