// Package qos is Strata's quality of service: request-rate and bandwidth
// limits per account, per bucket and for the whole cluster, checked by
// the S3 gateway right after authentication and before any other work.
//
// Limits are stored in the root metadata engine under the "Q/" prefix
// (Store), so they are replicated with the directory. Every gateway keeps
// them in a Limiter, refreshed at once after its own commits and through
// the engine's watch for other gateways' commits, so a change applies
// within a watch delivery (milliseconds), well under a second.
//
// Every limit is cluster-wide. No gateway asks anyone before admitting a
// request: each one enforces its share of each limit with local token
// buckets. Shares are recomputed every half second (Rebalance) from the
// demand that each gateway publishes on a shared board (an Exchange: in a
// cluster, etcd keys under each gateway's lease), so a gateway that
// receives most of an account's traffic gets most of its limit. See
// share.go for the error bound.
//
// A request over a rate limit is refused with S3 503 SlowDown. Bandwidth
// limits throttle body reads and writes instead (a refused upload would
// have to be sent again whole), and refuse new requests only while the
// byte budget is overdrawn by more than a second, so that streams already
// admitted are not starved by new ones.
package qos
