//go:build !linux

package blob

import "os"

// readv is readAtEach where preadv is not used.
func readv(f *os.File, iov [][]byte, want, pos int64) error { return readAtEach(f, iov, want, pos) }
