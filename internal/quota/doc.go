// Package quota holds the hard and soft quotas of buckets and accounts
// (bytes and objects) and admits the writes of one gateway against them.
//
// It sits beside the object service, which asks it (through
// object.Quotas) inside every commit transaction with the exact usage
// delta of the write; the usage itself is the object service's exact
// per-bucket counters (object.Service.BucketUsage), summed per account.
//
// Limits live in the root metadata engine under "Q/l/" and every gateway
// keeps them in memory, following other gateways' changes through the
// metadata watch. There is no cluster-wide lock per write: each gateway
// reserves an allowance (bytes and objects) from what a scope has left,
// recorded under "Q/g/" with an expiry, and spends it locally. A grant
// is computed from every other gateway's unexpired reservation (read
// first) and the exact usage (read after), and is written only if no
// reservation changed meanwhile, so reservations plus usage never exceed
// the limit (see allowance.go for the overshoot bound).
//
// Soft limits raise alerts: a log warning when one starts, a Prometheus
// gauge, and Alerts for the console.
package quota
