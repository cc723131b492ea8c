package directory

import "github.com/strata-storage/strata/internal/strata"

// RangeStateKey reports whether k is a range's fence (Fence) or marks
// (Versioned): records that every per-key write of the range reads and
// that change a few times in its life. The embedded store keeps their
// latest values in memory for transactions (pebble Options.Hot).
func RangeStateKey(k []byte) bool {
	const n = len("c/") + len(strata.ContainerID{}) + len("/")
	return len(k) == n+2 && k[0] == 'c' && k[1] == '/' && k[n-1] == '/' && k[n+1] == '/' &&
		(k[n] == 'r' || k[n] == 'h')
}
