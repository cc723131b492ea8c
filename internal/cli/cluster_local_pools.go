package cli

import (
	"fmt"

	"github.com/strata-storage/strata/internal/server"
)

// volumeArg is the --volume value of a node's volume v: in pool v mod the
// number of --volume-pools, if any.
func (p localPlan) volumeArg(dir string, v int) string {
	if len(p.volumePools) == 0 {
		return dir
	}
	return dir + ":pool=" + p.volumePools[v%len(p.volumePools)]
}

// validatePools checks the --volume-pools names.
func (p localPlan) validatePools() error {
	for _, pool := range p.volumePools {
		if _, _, err := server.ParseVolume("x:pool=" + pool); err != nil {
			return fmt.Errorf("--volume-pools %q: %w", pool, err)
		}
	}
	return nil
}
