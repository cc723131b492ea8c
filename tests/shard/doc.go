// Package sharding tests container sharding end to end: a bucket's
// meta2 split by key range into sub-containers online, while real S3
// clients write, list and read it (docs/SHARDING.md).
package sharding
