//go:build linux

package hoststats

import (
	"errors"
	"io/fs"
	"syscall"

	"github.com/strata-storage/strata/internal/strata"
)

// Volume returns the size of the file system holding dir and the bytes
// free in it for an unprivileged writer (the root reserve is not space
// a blob server can use).
func Volume(dir string) (total, free int64, err error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		kind := strata.Unavailable
		if errors.Is(err, fs.ErrNotExist) {
			kind = strata.NotExist
		}
		return 0, 0, strata.E("hoststats.Volume", kind, &fs.PathError{Op: "statfs", Path: dir, Err: err})
	}
	return int64(st.Blocks) * st.Bsize, int64(st.Bavail) * st.Bsize, nil
}
