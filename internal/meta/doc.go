// Package meta is the metadata engine contract: an ordered key-value store
// with serializable, durable transactions. The directory (meta0, meta1,
// meta2) is built on it. Implementations live in subpackages: pebble (the
// embedded default), mem (unit tests only), and later etcd (replicated).
// Conformance tests every implementation must pass live in metatest.
package meta
