package pebble

import "github.com/strata-storage/strata/internal/hoststats"

// The block cache holds a shard's metadata blocks uncompressed. A fixed
// 256 MiB made a bucket of 2 million objects (2.2 GB of metadata) spend
// 13% of the process's CPU missing it: evicting, and reading blocks back
// with pread (scripts/shard-scale.sh, profiled). The default follows the
// memory the process may use instead (the machine's, or its container's
// limit), as the memory targets of other storage daemons do: an eighth of
// it, between minCache and maxCache. The cache only takes memory as it
// fills.
const (
	minCache = 256 << 20
	maxCache = 8 << 30
)

// DefaultCacheSize is the block cache of an engine opened without a
// CacheSize: an eighth of the memory the process may use, from 256 MiB
// to 8 GiB.
func DefaultCacheSize() int64 { return cacheFor(hoststats.Memory()) }

// cacheFor is the default block cache for a machine of mem bytes.
func cacheFor(mem int64) int64 {
	return min(max(mem/8, minCache), maxCache)
}
