//go:build !linux

package hoststats

import "github.com/strata-storage/strata/internal/strata"

// Volume is only implemented on Linux, where Strata runs.
func Volume(dir string) (total, free int64, err error) {
	return 0, 0, strata.Errorf("hoststats.Volume", strata.Unavailable, "statfs of %s: not supported on this system", dir)
}
