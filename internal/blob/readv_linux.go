package blob

import (
	"io"
	"os"
	"slices"

	"golang.org/x/sys/unix"
)

// readv reads exactly want bytes at pos into the buffers of iov, in order,
// with one preadv where it can. A short read (a truncated file) is
// io.ErrUnexpectedEOF.
func readv(f *os.File, iov [][]byte, want, pos int64) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var got int64
	for got < want {
		var n int
		var rerr error
		if cerr := rc.Read(func(fd uintptr) bool {
			n, rerr = unix.Preadv(int(fd), iov, pos+got)
			return rerr != unix.EAGAIN
		}); cerr != nil {
			return cerr
		}
		if rerr == unix.EINTR {
			continue
		}
		if rerr != nil {
			return rerr
		}
		if n == 0 {
			return io.ErrUnexpectedEOF
		}
		if got == 0 {
			iov = slices.Clone(iov) // advance must not touch the caller's
		}
		got += int64(n)
		iov = advance(iov, n)
	}
	return nil
}

// advance drops the first n bytes from iov.
func advance(iov [][]byte, n int) [][]byte {
	for n > 0 && len(iov) > 0 {
		if n < len(iov[0]) {
			iov[0] = iov[0][n:]
			return iov
		}
		n -= len(iov[0])
		iov = iov[1:]
	}
	return iov
}
