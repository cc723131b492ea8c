// Package replication copies buckets asynchronously to other clusters
// (S3 bucket replication between Strata clusters, or any S3 endpoint).
//
//	PUT ?replication ──▶ Config (this package parses and checks it)
//	change + event ──one meta txn──▶ outbox ──relay──▶ STRATA_DELIVER lane
//	     (the version is marked PENDING in that txn when a rule matches)
//	Replicator: each lane in order (lane = hash(key)) ──▶ remote target
//	     HEAD the local version the event names ─▶ PUT/DELETE remote with
//	     X-Strata-Replica and the version's id and creation time
//	     ─▶ COMPLETED, or FAILED + backlog entry retried later
//
// The replicator copies versions under their own ids (versions.go): the
// destination commits each replica with the source's version id and
// creation time, and orders versions by that time, so whatever order
// events arrive in, both sides end with the same versions, in the same
// order, and the same current version. A lane has one message in flight
// cluster-wide, so two workers never race on one key. Events without a
// version id (older queues) converge the current state instead
// (replicate.go).
//
// Remote targets live in the root metadata engine under "R/t/<name>",
// their secret keys sealed under the cluster key.
package replication
