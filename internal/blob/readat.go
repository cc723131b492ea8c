package blob

import (
	"io"
	"os"
)

// readAtEach is readv with one ReadAt per buffer, for systems without
// preadv: it reads exactly want bytes at pos into the buffers of iov, in
// order. A short read (a truncated file) is io.ErrUnexpectedEOF.
func readAtEach(f *os.File, iov [][]byte, want, pos int64) error {
	for _, b := range iov {
		if want <= 0 {
			return nil
		}
		b = b[:min(int64(len(b)), want)]
		n, err := f.ReadAt(b, pos)
		if err == io.EOF && n < len(b) {
			return io.ErrUnexpectedEOF
		}
		if err != nil && err != io.EOF {
			return err
		}
		pos += int64(n)
		want -= int64(n)
	}
	if want > 0 {
		return io.ErrUnexpectedEOF
	}
	return nil
}
