package webdav

import (
	"context"
	"fmt"
	"io"
	"mime"
	"os"
	"path"
	"syscall"

	xwebdav "golang.org/x/net/webdav"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/vfs"
)

// file is an open resource of one request. A write handle is opened by
// OpenFile; a read handle on the first Read. Close publishes what was
// written (close-to-open: the PUT's answer comes after the object is
// there for every client).
type file struct {
	fsys  *fileSystem
	name  string // "/bucket/path"
	e     vfs.Entry
	fs    *vfs.FS // nil until needed for a read
	rel   string
	h     *vfs.Handle
	write bool
	pos   int64

	dir    []os.FileInfo // Readdir's listing, read once
	dirPos int
}

var (
	_ xwebdav.File            = (*file)(nil)
	_ xwebdav.DeadPropsHolder = (*file)(nil)
)

func (f *file) ctx() context.Context { return f.fsys.ctx }

// Close publishes a written file and releases the handle.
func (f *file) Close() error {
	if f.h == nil {
		return nil
	}
	var err error
	if f.write {
		err = f.h.Flush(f.ctx())
	}
	if rerr := f.h.Release(f.ctx()); err == nil {
		err = rerr
	}
	f.h = nil
	return f.fsys.fail("close", f.name, err)
}

func (f *file) open() error {
	if f.h != nil {
		return nil
	}
	if f.e.IsDir() {
		return f.fsys.fail("read", f.name, syscall.EISDIR)
	}
	fs, rel, err := f.fsys.bucketFS(f.name)
	if err == nil {
		f.fs, f.rel = fs, rel
		f.h, err = fs.Open(f.ctx(), rel, f.e, os.O_RDONLY)
	}
	return f.fsys.fail("open", f.name, err)
}

// probe reads the first byte: through the handle for a GET (the read
// fetches the first read-ahead window, which the body's reads then use),
// alone for a HEAD.
func (f *file) probe() error {
	if f.fsys.rw.method == "HEAD" {
		fs, rel, err := f.fsys.bucketFS(f.name)
		if err == nil {
			var b [1]byte
			_, _, err = fs.Client().ReadAt(f.ctx(), rel, b[:], 0)
		}
		return f.fsys.fail("read", f.name, err)
	}
	if err := f.open(); err != nil {
		return err
	}
	var b [1]byte
	_, err := f.h.Read(f.ctx(), b[:], 0)
	return f.fsys.fail("read", f.name, err)
}

// Read reads at the file position.
func (f *file) Read(p []byte) (int, error) {
	if err := f.open(); err != nil {
		return 0, err
	}
	if len(p) == 0 {
		return 0, nil
	}
	if !f.write && f.pos >= f.e.Size {
		return 0, io.EOF
	}
	n, err := f.h.Read(f.ctx(), p, f.pos)
	f.pos += int64(n)
	if err != nil {
		return n, f.fsys.fail("read", f.name, err)
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// Write writes at the file position.
func (f *file) Write(p []byte) (int, error) {
	if !f.write || f.h == nil {
		return 0, f.fsys.fail("write", f.name, syscall.EBADF)
	}
	n, err := f.h.Write(f.ctx(), p, f.pos)
	f.pos += int64(n)
	f.e.Size = max(f.e.Size, f.pos)
	return n, f.fsys.fail("write", f.name, err)
}

// ReadFrom is PUT's copy of the request body: in 1 MiB writes rather
// than io.Copy's 32 KiB, so that the vfs write cache takes fewer, larger
// extents.
func (f *file) ReadFrom(r io.Reader) (int64, error) {
	buf := make([]byte, 1<<20)
	var total int64
	for {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			w, werr := f.Write(buf[:n])
			total += int64(w)
			if werr != nil {
				return total, werr
			}
		}
		switch err {
		case nil:
		case io.EOF, io.ErrUnexpectedEOF:
			return total, nil
		default:
			return total, err
		}
	}
}

// Seek moves the file position (ServeContent seeks to the end for the
// size, then back).
func (f *file) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		offset += f.pos
	case io.SeekEnd:
		offset += f.e.Size
	}
	if offset < 0 {
		return f.pos, f.fsys.fail("seek", f.name, syscall.EINVAL)
	}
	f.pos = offset
	return offset, nil
}

// Readdir lists a collection (the buckets at the root), count at a time
// (all with count <= 0).
func (f *file) Readdir(count int) ([]os.FileInfo, error) {
	if !f.e.IsDir() {
		return nil, f.fsys.fail("readdir", f.name, syscall.ENOTDIR)
	}
	if f.dir == nil {
		ents, err := f.fsys.sess.ReadDir(f.ctx(), f.name)
		if err != nil {
			return nil, f.fsys.fail("readdir", f.name, err)
		}
		f.fsys.remember(f.name, ents)
		f.dir = make([]os.FileInfo, 0, len(ents))
		bucket, rel := shares.Split(f.name)
		for _, e := range ents {
			if bucket != "" && rel == "" && e.Name == trashName {
				continue
			}
			f.dir = append(f.dir, newInfo(path.Join(f.name, e.Name), e))
		}
	}
	rest := f.dir[f.dirPos:]
	if count <= 0 {
		f.dirPos = len(f.dir)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(count, len(rest))]
	f.dirPos += len(rest)
	return rest, nil
}

// Stat describes the open resource.
func (f *file) Stat() (os.FileInfo, error) { return newInfo(f.name, f.e), nil }

// info is a vfs entry as an os.FileInfo; it also answers the content
// type from the name alone, so that PROPFIND does not read each file.
type info struct{ vfs.FileInfo }

func newInfo(name string, e vfs.Entry) *info { return &info{vfs.NewFileInfo(path.Base(name), e)} }

// ContentType is the type by extension (x/net/webdav would otherwise
// open the file and sniff it, for every file of a listing).
func (i *info) ContentType(ctx context.Context) (string, error) {
	if t := mime.TypeByExtension(path.Ext(i.Name())); t != "" {
		return t, nil
	}
	return "application/octet-stream", nil
}

// etag is the entity tag of an entry: its mtime and size, as Apache and
// x/net/webdav make it (If headers compare against it).
func etag(e vfs.Entry) string { return fmt.Sprintf(`"%x%x"`, e.Mtime, e.Size) }

// ETag is the resource's entity tag.
func (i *info) ETag(ctx context.Context) (string, error) { return etag(i.Entry()), nil }
