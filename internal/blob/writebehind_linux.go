package blob

import (
	"os"

	"golang.org/x/sys/unix"
)

// writeBehind writes to a chunk file and starts the write-back of each
// write at once (sync_file_range, SYNC_FILE_RANGE_WRITE, which does not
// wait). The disk then works while the next megabyte still arrives from
// the network, and the fsync that acknowledges the chunk waits only for
// the tail instead of the whole chunk. Durability is unchanged: the
// caller still fsyncs before it acknowledges.
type writeBehind struct {
	f   *os.File
	off int64
}

func (w *writeBehind) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	if n > 0 {
		// Best effort: an error here only loses the head start.
		if rc, err := w.f.SyscallConn(); err == nil {
			off := w.off
			rc.Control(func(fd uintptr) {
				_ = unix.SyncFileRange(int(fd), off, int64(n), unix.SYNC_FILE_RANGE_WRITE)
			})
		}
		w.off += int64(n)
	}
	return n, err
}
