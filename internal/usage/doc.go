// Package usage is Strata's usage accounting and chargeback (issue 11 §3).
//
// It sits beside the S3 gateway and the directory:
//
//	s3 (one hook per request) → Meter → spool (gateway-local files)
//	                                   → flusher → root meta engine (U/…)
//	object.Service.BucketUsage → Sampler → root meta engine (U/s/…)
//	root meta engine → Store (reports) → Invoice (price sheet)
//
// Traffic is exact across restarts and kill -9: each request is written
// to a spool file (one write call, no fsync) before its response
// completes, and the flusher moves spooled records into the root engine
// in transactions that also record the gateway's last applied sequence
// number, so a record is applied once whatever the crash point. A
// gateway replays its spool on start.
//
// Samples are hourly, keyed by hour first (expiry is a range delete),
// and kept 400 days. Traffic samples are sums over every gateway; stored
// samples (objects, logical bytes, raw bytes per storage policy) are
// taken once per hour and bucket by whichever gateway gets there first.
package usage
