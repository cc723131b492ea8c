// Package metatest is the conformance suite every meta.Engine must pass:
// ordering, bounds, read-your-writes, atomicity, isolation and
// serializability under concurrency.
package metatest
