package nfs

import (
	"errors"
	"io"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/go-git/go-billy/v5"

	"github.com/strata-storage/strata/internal/vfs"
)

// openFile is a vfs handle kept open across the calls of one file:
// NFSv3 has no open or close, so the server opens a file at its first
// READ or WRITE and releases it once idle (Config.Idle). Keeping it
// keeps the vfs read-ahead across READs.
type openFile struct {
	h     *vfs.Handle
	ino   uint64
	size  int64 // the file as the handle was opened on: a READ after
	mtime int64 // another client's change opens it afresh
	users int
	last  time.Time
}

// openFor returns the open file of the file at p, opening it if needed.
// write: the caller writes (a cached handle is reused whatever it saw).
func (b *bucketFS) openFor(p string, e vfs.Entry, write bool) (*openFile, error) {
	b.mu.Lock()
	of := b.open[e.Ino]
	if of != nil && (write || of.users > 0 || of.size == e.Size && of.mtime == e.Mtime) {
		of.users++
		b.mu.Unlock()
		return of, nil
	}
	if of != nil { // changed since: open anew, so no stale read-ahead answers
		delete(b.open, e.Ino)
		go of.h.Release(b.ctx())
	}
	b.mu.Unlock()
	h, err := b.fs.Open(b.ctx(), p, e, os.O_RDWR)
	if vfs.Errno(err) == syscall.EPERM { // under Object Lock: read only
		h, err = b.fs.Open(b.ctx(), p, e, os.O_RDONLY)
	}
	if err != nil {
		return nil, err
	}
	if !write && e.Size > 0 {
		// go-nfs answers any READ failure as NFS3ERR_IO, so a read the
		// caller may not do is found here, where its EACCES is kept. The
		// read fills the handle's read-ahead for the READs that follow.
		var one [1]byte
		if _, err := h.Read(b.ctx(), one[:], 0); err != nil {
			h.Release(b.ctx())
			return nil, err
		}
	}
	return b.adopt(h, e), nil
}

// adopt caches handle h of entry e (one per inode: a second is released).
func (b *bucketFS) adopt(h *vfs.Handle, e vfs.Entry) *openFile {
	b.mu.Lock()
	defer b.mu.Unlock()
	if of := b.open[e.Ino]; of != nil {
		of.users++
		go h.Release(b.ctx())
		return of
	}
	of := &openFile{h: h, ino: e.Ino, size: e.Size, mtime: e.Mtime, users: 1, last: time.Now()}
	b.open[e.Ino] = of
	return of
}

// done ends one call's use of of.
func (b *bucketFS) done(of *openFile, e *vfs.Entry) {
	b.mu.Lock()
	defer b.mu.Unlock()
	of.users--
	of.last = time.Now()
	if e != nil {
		of.size, of.mtime = e.Size, e.Mtime
	}
}

// closeFile releases the open file of inode ino, if any (before unlink,
// so that the vfs does not keep the file for an open handle).
func (b *bucketFS) closeFile(ino uint64) {
	b.mu.Lock()
	of := b.open[ino]
	delete(b.open, ino)
	b.mu.Unlock()
	if of != nil {
		of.h.Release(b.ctx())
	}
}

// releaseIdle releases the handles unused for idle (all with idle 0).
func (b *bucketFS) releaseIdle(idle time.Duration) {
	var drop []*openFile
	b.mu.Lock()
	for ino, of := range b.open {
		if of.users == 0 && time.Since(of.last) >= idle {
			delete(b.open, ino)
			drop = append(drop, of)
		}
	}
	b.mu.Unlock()
	for _, of := range drop {
		if err := of.h.Release(b.ctx()); err != nil {
			b.srv.log.Error("nfs: release failed", "bucket", b.name, "ino", of.ino, "err", err)
			// Its UNSTABLE writes are lost: the next COMMIT must fail, so
			// that the client writes them again.
			b.mu.Lock()
			b.lost[of.ino] = true
			b.mu.Unlock()
		}
	}
}

func (b *bucketFS) Create(p string) (billy.File, error) {
	return b.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
}

func (b *bucketFS) Open(p string) (billy.File, error) { return b.OpenFile(p, os.O_RDONLY, 0) }

func (b *bucketFS) OpenFile(p string, flag int, perm os.FileMode) (billy.File, error) {
	p = clean(p)
	if b.err != nil {
		return nil, pathErr("open", p, b.err)
	}
	write := flag&(os.O_WRONLY|os.O_RDWR) != 0
	if flag&os.O_CREATE != 0 {
		e, h, err := b.fs.Create(b.ctx(), p, vfs.Attrs{Mode: syscall.S_IFREG | uint32(perm.Perm())}, flag)
		if err != nil {
			return nil, pathErr("create", p, err)
		}
		b.saw(p, e.Ino)
		// A created file is published at once (the Close below), so that
		// it is an object even if nothing is ever written to it.
		return &nfsFile{b: b, of: b.adopt(h, e), path: p, dirty: true}, nil
	}
	e, err := b.stat(p)
	if err != nil {
		return nil, pathErr("open", p, err)
	}
	of, err := b.openFor(p, e, write)
	if err != nil {
		return nil, pathErr("open", p, err)
	}
	return &nfsFile{b: b, of: of, path: p}, nil
}

// nfsFile is one call's use of an open file: go-nfs opens, reads or
// writes, and closes it within one READ, WRITE or SETATTR.
type nfsFile struct {
	b        *bucketFS
	of       *openFile
	path     string
	pos      int64
	dirty    bool
	unstable bool // an UNSTABLE WRITE: published at COMMIT or when idle
	// wrote, if set, is told of each write (the call's view of the file).
	wrote func(off int64, n int)
	once  sync.Once
}

var _ billy.File = (*nfsFile)(nil)

func (f *nfsFile) Name() string { return f.path }

func (f *nfsFile) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	for n < len(p) {
		m, err := f.of.h.Read(f.b.ctx(), p[n:], off+int64(n))
		n += m
		if err != nil {
			return n, pathErr("read", f.path, err)
		}
		if m == 0 {
			return n, io.EOF
		}
	}
	return n, nil
}

func (f *nfsFile) Read(p []byte) (int, error) {
	n, err := f.ReadAt(p, f.pos)
	f.pos += int64(n)
	return n, err
}

func (f *nfsFile) Write(p []byte) (int, error) {
	n, err := f.of.h.Write(f.b.ctx(), p, f.pos)
	if f.wrote != nil && n > 0 {
		f.wrote(f.pos, n)
	}
	f.pos += int64(n)
	f.dirty = f.dirty || n > 0 && !f.unstable
	return n, pathErr("write", f.path, err)
}

func (f *nfsFile) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
		f.pos = off
	case io.SeekCurrent:
		f.pos += off
	default:
		return f.pos, pathErr("seek", f.path, syscall.EINVAL)
	}
	return f.pos, nil
}

func (f *nfsFile) Truncate(size int64) error {
	var set vfs.SetAttrs
	set.Size = &size
	_, err := f.b.fs.SetAttr(f.b.ctx(), f.path, f.of.h, set)
	f.dirty = true
	return pathErr("truncate", f.path, err)
}

// Close ends the call. go-nfs answers every WRITE as FILE_SYNC, so what
// it wrote is made durable and published (the S3 object) here, before
// the reply: each WRITE and SETATTR is close-to-open on its own.
func (f *nfsFile) Close() error {
	var err error
	f.once.Do(func() {
		if f.dirty && !f.unstable {
			err = f.of.h.Flush(f.b.ctx())
		}
		var e *vfs.Entry
		if f.dirty && !f.unstable && err == nil {
			if got, serr := f.b.fs.Stat(f.b.ctx(), f.of.h.Path()); serr == nil {
				e = &got
			}
		}
		f.b.done(f.of, e)
	})
	return pathErr("close", f.path, err)
}

func (f *nfsFile) Lock() error   { return nil }
func (f *nfsFile) Unlock() error { return nil }

var errLost = errors.New("nfs: writes lost when the idle file was released")

// commit publishes what UNSTABLE WRITEs left in the open file of inode
// ino (COMMIT).
func (b *bucketFS) commit(ino uint64) error {
	b.mu.Lock()
	of := b.open[ino]
	if of != nil {
		of.users++
	}
	lost := b.lost[ino]
	delete(b.lost, ino)
	b.mu.Unlock()
	if lost {
		return errLost
	}
	if of == nil {
		return nil // released, and so published, already
	}
	err := of.h.Flush(b.ctx())
	b.done(of, nil)
	return err
}
