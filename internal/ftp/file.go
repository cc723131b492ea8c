package ftp

import (
	"io"
	"os"
	"path"
	"syscall"

	"github.com/spf13/afero"

	"github.com/strata-storage/strata/internal/vfs"
)

// file is an open vfs handle as an afero.File: a position over the
// handle's offset-based Read and Write. Close is close(2): it publishes
// what was written (close-to-open) and releases the handle.
type file struct {
	d       *driver
	fs      *vfs.FS
	h       *vfs.Handle
	name    string // the client's path
	off     int64
	created bool // the open made the file
	closed  bool
}

var _ afero.File = (*file)(nil)

func (f *file) Name() string { return f.name }

func (f *file) Read(b []byte) (int, error) {
	n, err := f.ReadAt(b, f.off)
	f.off += int64(n)
	return n, err
}

// ReadAt reads at off; a read that reaches nothing is the end of file.
func (f *file) ReadAt(b []byte, off int64) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	n, err := f.h.Read(f.d.ctx(), b, off)
	if err != nil {
		return n, f.d.pathErr("read", f.name, err)
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func (f *file) Write(b []byte) (int, error) {
	n, err := f.WriteAt(b, f.off)
	f.off += int64(n)
	return n, err
}

func (f *file) WriteAt(b []byte, off int64) (int, error) {
	if f.h.Flags&(os.O_WRONLY|os.O_RDWR) == 0 {
		return 0, errnoErr("write", f.name, syscall.EBADF)
	}
	n, err := f.h.Write(f.d.ctx(), b, off)
	return n, f.d.pathErr("write", f.name, err)
}

func (f *file) WriteString(s string) (int, error) { return f.Write([]byte(s)) }

// ReadFrom is the upload path: io.Copy hands the whole data connection
// to the file, gathered in large pieces so that the vfs takes fewer,
// larger writes than the 32 KiB io.Copy would make. Only io.EOF is the
// end (the client closed the data connection); any other error, a TLS
// stream cut short included, fails the transfer.
func (f *file) ReadFrom(r io.Reader) (int64, error) {
	buf := make([]byte, copyBuf)
	var total int64
	for {
		n, err := fill(r, buf)
		if n > 0 {
			if _, werr := f.Write(buf[:n]); werr != nil {
				return total, werr
			}
			total += int64(n)
		}
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// fill reads into buf until it is full or r fails (io.EOF included).
func fill(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// WriteTo is the download path, in the same large pieces.
func (f *file) WriteTo(w io.Writer) (int64, error) {
	buf := make([]byte, copyBuf)
	var total int64
	for {
		n, err := f.Read(buf)
		if n > 0 {
			m, werr := w.Write(buf[:n])
			total += int64(m)
			if werr != nil {
				return total, werr
			}
		}
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// copyBuf is the piece a transfer moves per call.
const copyBuf = 1 << 20

func (f *file) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		off += f.off
	case io.SeekEnd:
		st, err := f.Stat()
		if err != nil {
			return f.off, err
		}
		off += st.Size()
	}
	if off < 0 {
		return f.off, errnoErr("seek", f.name, syscall.EINVAL)
	}
	f.off = off
	return off, nil
}

func (f *file) Stat() (os.FileInfo, error) {
	e, err := f.fs.Stat(f.d.ctx(), f.h.Path())
	if err != nil {
		return nil, f.d.pathErr("stat", f.name, err)
	}
	return vfs.NewFileInfo(path.Base(f.name), e), nil
}

func (f *file) Sync() error { return f.d.pathErr("fsync", f.name, f.h.Fsync(f.d.ctx())) }

func (f *file) Truncate(size int64) error {
	var set vfs.SetAttrs
	set.Size = &size
	_, err := f.fs.SetAttr(f.d.ctx(), f.h.Path(), f.h, set)
	return f.d.pathErr("truncate", f.name, err)
}

func (f *file) Readdir(int) ([]os.FileInfo, error) {
	return nil, errnoErr("readdir", f.name, syscall.ENOTDIR)
}

func (f *file) Readdirnames(int) ([]string, error) {
	return nil, errnoErr("readdir", f.name, syscall.ENOTDIR)
}

// Close publishes and releases the file; its error is close's.
func (f *file) Close() error {
	if f.closed {
		return nil
	}
	f.closed = true
	defer f.d.drop()
	err := f.h.Flush(f.d.ctx())
	if rerr := f.h.Release(f.d.ctx()); err == nil {
		err = rerr
	}
	return f.d.pathErr("close", f.name, err)
}

// discard releases the file after a failed transfer. A file the open
// made is emptied first (its unflushed data dropped, so that nothing
// partial is published at release) and then removed. It is removed
// after the release: removing an open file would move it to the
// bucket's trash folder, which a user confined to a prefix may not
// write.
func (f *file) discard() {
	if f.closed {
		return
	}
	f.closed = true
	defer f.d.drop()
	ctx := f.d.ctx()
	p := f.h.Path()
	if f.created {
		var set vfs.SetAttrs
		zero := int64(0)
		set.Size = &zero
		f.fs.SetAttr(ctx, p, f.h, set)
	}
	f.h.Release(ctx)
	if f.created {
		if err := f.fs.Unlink(ctx, p); err != nil {
			f.d.log.Warn("ftp: removing a failed upload failed", "path", f.name, "err", err)
		}
	}
}

// dir is an open folder: it lists, and refuses data.
type dir struct {
	d    *driver
	name string
	e    vfs.Entry
	read bool
}

var _ afero.File = (*dir)(nil)

func (x *dir) Name() string                       { return x.name }
func (x *dir) Close() error                       { return nil }
func (x *dir) Read([]byte) (int, error)           { return 0, x.isDir("read") }
func (x *dir) ReadAt([]byte, int64) (int, error)  { return 0, x.isDir("read") }
func (x *dir) Write([]byte) (int, error)          { return 0, x.isDir("write") }
func (x *dir) WriteAt([]byte, int64) (int, error) { return 0, x.isDir("write") }
func (x *dir) WriteString(string) (int, error)    { return 0, x.isDir("write") }
func (x *dir) Seek(int64, int) (int64, error)     { return 0, nil }
func (x *dir) Sync() error                        { return nil }
func (x *dir) Truncate(int64) error               { return x.isDir("truncate") }
func (x *dir) isDir(op string) error              { return errnoErr(op, x.name, syscall.EISDIR) }

func (x *dir) Stat() (os.FileInfo, error) {
	return vfs.NewFileInfo(path.Base(path.Clean("/"+x.name)), x.e), nil
}

// Readdir lists the folder whole on the first call (count is ignored, as
// the listing is one request anyway); later calls find the end.
func (x *dir) Readdir(int) ([]os.FileInfo, error) {
	if x.read {
		return nil, io.EOF
	}
	x.read = true
	return x.d.ReadDir(x.name)
}

func (x *dir) Readdirnames(n int) ([]string, error) {
	fi, err := x.Readdir(n)
	names := make([]string, len(fi))
	for i, e := range fi {
		names[i] = e.Name()
	}
	return names, err
}
