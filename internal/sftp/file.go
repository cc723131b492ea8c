package sftp

import (
	"context"
	"io"
	"sync"

	"github.com/strata-storage/strata/internal/vfs"
)

// file is an open SFTP handle: a vfs handle. pkg/sftp serializes the
// reads and writes of one handle, and calls Close once.
type file struct {
	h    *vfs.Handle
	path string // as the client named it, for errors

	once sync.Once
	err  error
}

// ReadAt reads at off. The vfs reads the whole of buf unless the file
// ends first, so a short read is the end of the file.
func (f *file) ReadAt(p []byte, off int64) (int, error) {
	n, err := f.h.Read(context.Background(), p, off)
	if err != nil {
		return n, status("read", f.path, err)
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// WriteAt writes at off, in the vfs write cache: the file is published
// at close.
func (f *file) WriteAt(p []byte, off int64) (int, error) {
	n, err := f.h.Write(context.Background(), p, off)
	return n, status("write", f.path, err)
}

// Close is close(2): the writes are published, so that S3 reads the
// file at once, and a failure to publish is the client's close error.
func (f *file) Close() error {
	f.once.Do(func() {
		ctx := context.Background()
		f.err = f.h.Flush(ctx)
		if err := f.h.Release(ctx); f.err == nil {
			f.err = err
		}
		f.err = status("close", f.path, f.err)
	})
	return f.err
}
