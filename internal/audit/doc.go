// Package audit records who did what: one Record per S3 request and per
// admin action, written as one JSON line to a rotated file (File) and,
// if asked, published on the event bus (Bus).
//
// The gateways produce records: internal/s3 calls its Sink once per
// request after it has answered, and internal/server does the same for
// the admin API. A Sink never fails a request: a record it cannot take
// is counted in strata_audit_dropped_total and logged, never returned
// as an error to the client.
package audit
