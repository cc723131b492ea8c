//go:build !linux

package blob

import "golang.org/x/sys/unix"

func statfs(dir string) (total, free int64, err error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, 0, err
	}
	return int64(st.Blocks) * int64(st.Bsize), int64(st.Bavail) * int64(st.Bsize), nil
}

// ioIdle is always idle where the kernel's per-device io_ticks
// (/sys/dev/block) are not read: placement then goes by space and load.
type ioIdle struct{}

func (d *ioIdle) init(string) {}

func (d *ioIdle) idle() float64 { return 100 }
