package vfs

import (
	"context"
	"sync"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/filetree"
	"github.com/strata-storage/strata/internal/fsapi"
)

// file is an inode this mount has open: its path and its write cache.
type file struct {
	fs  *FS
	ino uint64

	mu       sync.Mutex
	path     string
	opens    int
	dirty    dirtySet
	size     int64 // the size this mount sees (valid while known)
	known    bool
	mtime    int64 // local mtime of unpublished writes (0 = none)
	unpub    bool  // log writes or truncates not yet published
	unlinked bool  // moved to the trash, removed at last close
	err      error // a failed background flush, reported at close/fsync
	gen      uint64
	inflight chan flushResult  // the background log flush under way, if any
	held     *filetree.SetAttr // attribute changes sent with the next publish (LazyAttrs)
	heldAt   int64             // their ctime
	base     Entry             // the gateway's last answer for the file, under the local view
	madeAt   int64             // local time this mount's create of the file returned (0 = not made here)
}

// setBase keeps e as the gateway's newest answer for the file.
func (f *file) setBase(e Entry) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.base = e
}

// flushResult is the outcome of a background log flush.
type flushResult struct {
	err   error
	bytes int64
	body  []byte // the batch, free for reuse once the write succeeded
}

func (fs *FS) openFile(ino uint64) *file {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.files[ino]
}

func (f *file) currentPath() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.path
}

// apply overlays the local view on server attributes.
func (f *file) apply(e *Entry) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.known && (!f.dirty.empty() || f.unpub) {
		e.Size = f.size
	}
	if f.mtime != 0 {
		e.Mtime, e.Ctime = f.mtime, max(e.Ctime, f.mtime)
	}
	if f.unlinked {
		e.Nlink = 0
	}
	f.applyHeld(e)
}

func (f *file) setMtime(t int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.dirty.empty() || f.unpub {
		f.mtime = t
	}
}

// Handle is an open file description.
type Handle struct {
	f      *file
	fs     *FS
	Flags  int
	raOff  int64 // read-ahead buffer
	raBuf  []byte
	raGen  uint64
	raID   string // content name of raBuf when the read cache filled it
	raWin  int    // read-ahead window: grows while reads are sequential
	raMu   sync.Mutex
	closed bool
}

// Ino is the inode the handle is open on.
func (h *Handle) Ino() uint64 { return h.f.ino }

// Path is the handle's file's current path.
func (h *Handle) Path() string { return h.f.currentPath() }

// Open opens the file at p (entry e, from a lookup).
func (fs *FS) Open(ctx context.Context, p string, e Entry, flags int) (*Handle, error) {
	if e.IsDir() {
		return nil, &fsapi.Error{Errno: syscall.EISDIR, Msg: p}
	}
	if e.Locked && flags&syscall.O_ACCMODE != syscall.O_RDONLY {
		return nil, &fsapi.Error{Errno: syscall.EPERM, Msg: p + ": under Object Lock"}
	}
	fs.mu.Lock()
	f := fs.files[e.Ino]
	if f == nil {
		f = &file{fs: fs, ino: e.Ino, path: p, size: e.Size, known: true, base: e}
		// A batch flushes at MaxDirtyFile; the slack takes the write
		// that crosses it without copying the batch again.
		f.dirty.limit = fs.opts.MaxDirtyFile + 1<<20
		fs.files[e.Ino] = f
	}
	f.mu.Lock()
	f.opens++
	if f.dirty.empty() && !f.unpub {
		f.size = e.Size
	}
	f.mu.Unlock()
	fs.mu.Unlock()
	fs.cache.opened(p, e)
	h := &Handle{f: f, fs: fs, Flags: flags}
	if flags&syscall.O_TRUNC != 0 && flags&syscall.O_ACCMODE != syscall.O_RDONLY && e.Size > 0 {
		if err := f.truncate(ctx, 0); err != nil {
			h.Release(ctx)
			return nil, err
		}
	}
	return h, nil
}

// Create creates the file at p (or opens it, unless excl) and opens it.
func (fs *FS) Create(ctx context.Context, p string, a Attrs, flags int) (Entry, *Handle, error) {
	e, err := fs.created(p, func() (Entry, error) { return fs.c.Create(ctx, p, a.file(), flags&syscall.O_EXCL != 0) })
	if err != nil {
		return e, nil, err
	}
	if e.Created {
		// Just made: it has no xattrs, which the kernel asks about
		// (security.capability) before the first write.
		fs.listed.putXattrs(p, map[string][]byte{})
	}
	h, err := fs.Open(ctx, p, e, flags)
	if err == nil && e.Created {
		h.f.mu.Lock()
		h.f.madeAt = time.Now().UnixNano()
		h.f.mu.Unlock()
	}
	return e, h, err
}

// Write writes data at off (at the end of file with O_APPEND).
func (h *Handle) Write(ctx context.Context, data []byte, off int64) (int, error) {
	f := h.f
	f.mu.Lock()
	if h.Flags&syscall.O_APPEND != 0 {
		off = f.size
	}
	f.dirty.write(off, data)
	f.fs.cache.forget(f.ino)
	f.size = max(f.size, off+int64(len(data)))
	f.known = true
	f.mtime = time.Now().UnixNano()
	if f.held != nil {
		f.held.Mtime = nil // the write moves it on from a held utimes
	}
	f.gen++
	over := f.dirty.bytes >= f.fs.opts.MaxDirtyFile
	f.mu.Unlock()
	total := f.fs.dirtyTotal.Add(int64(len(data)))
	if over || total > f.fs.opts.MaxDirtyTotal {
		// Send the cache to the log in the background, so that the
		// writer fills the next batch meanwhile; at most one flush per
		// file is under way, which keeps the log in write order.
		f.mu.Lock()
		err := f.waitLocked()
		if err == nil {
			f.startFlushLocked()
		}
		f.mu.Unlock()
		if err != nil {
			return 0, err
		}
	}
	return len(data), nil
}

// waitLocked waits for the background flush under way, if any. Its
// failure sticks: the data it carried is lost, so every later write,
// fsync and close of the file fails. f.mu is held.
func (f *file) waitLocked() error {
	if f.inflight != nil {
		r := <-f.inflight
		f.inflight = nil
		f.fs.dirtyTotal.Add(-r.bytes)
		if r.err != nil && f.err == nil {
			f.err = r.err
		}
		if r.err == nil {
			f.unpub = true
			// The gateway answered after reading the whole body, so
			// nothing reads the buffer any more (a failed write's may
			// still be read by the transport: it is dropped).
			f.dirty.recycle(r.body)
		}
	}
	return f.err
}

// startFlushLocked hands the dirty extents to a background log write.
func (f *file) startFlushLocked() {
	if f.dirty.empty() {
		return
	}
	runs, body := f.dirty.batch()
	f.dirty.reset()
	ch := make(chan flushResult, 1)
	f.inflight = ch
	path, mtime, c := f.path, f.mtime, f.fs.c
	go func() {
		_, err := c.Write(context.Background(), path, runs, body, false, mtime)
		ch <- flushResult{err: err, bytes: int64(len(body)), body: body}
	}()
}

// flushLocked sends the dirty extents as one log write, publishing the
// file with publish. f.mu is held.
func (f *file) flushLocked(ctx context.Context, publish bool) error {
	if err := f.waitLocked(); err != nil {
		return err
	}
	var held *filetree.SetAttr
	if publish {
		held = f.held
	}
	if f.dirty.empty() && !(publish && (f.unpub || held != nil)) {
		return nil // nothing changes: a plain close keeps the caches
	}
	f.fs.listed.forget(f.path)
	mtime := f.mtime
	var e Entry
	var err error
	switch {
	case !f.dirty.empty():
		runs, body := f.dirty.batch()
		e, err = f.fs.c.WriteSetAttr(ctx, f.path, runs, body, publish, mtime, held)
	case !f.unpub:
		e, err = f.fs.c.SetAttr(ctx, f.path, *held)
	case held != nil:
		e, err = f.fs.c.PublishSetAttr(ctx, f.path, mtime, *held)
	default:
		e, err = f.fs.c.Publish(ctx, f.path, mtime)
	}
	if err != nil || !publish {
		f.fs.listed.forget(f.path)
	} else {
		// The gateway's answer is the published file: the lookups and
		// stats that follow a close (ls, a build) need not ask again.
		f.fs.listed.set(f.path, e)
	}
	if err != nil {
		return err
	}
	if publish {
		f.held = nil
	}
	f.fs.dirtyTotal.Add(-f.dirty.bytes)
	f.dirty.reset()
	f.unpub = !publish
	if publish {
		f.dirty.spare = nil // a closed file keeps no buffer
		f.mtime = 0
		f.size = e.Size // a log write alone does not report the size
		f.base = e
	}
	return nil
}

// truncate sets the size: unflushed writes are flushed first so that the
// log keeps their order; with the file open the truncate is published at
// close, like a write.
func (f *file) truncate(ctx context.Context, size int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fs.listed.forget(f.path)
	defer f.fs.listed.forget(f.path)
	f.dirty.truncate(size)
	f.fs.cache.forget(f.ino)
	if err := f.flushLocked(ctx, false); err != nil {
		return err
	}
	if _, err := f.fs.c.Truncate(ctx, f.path, size, false); err != nil {
		return err
	}
	f.size, f.known, f.unpub = size, true, true
	f.mtime = time.Now().UnixNano()
	f.gen++
	return nil
}

// Read reads into buf at off. Unflushed writes are flushed to the log
// first (the gateway's reads include the log).
func (h *Handle) Read(ctx context.Context, buf []byte, off int64) (int, error) {
	f := h.f
	f.mu.Lock()
	if !f.dirty.empty() || f.inflight != nil {
		// The background flush too: the gateway reads only committed log.
		if err := f.flushLocked(ctx, false); err != nil {
			f.mu.Unlock()
			return 0, err
		}
	}
	gen, path := f.gen, f.path
	// The read cache holds published content: a file with writes of its
	// own not yet published reads through the gateway's log.
	cached := f.fs.cache != nil && !f.unpub && f.mtime == 0
	f.mu.Unlock()
	if cached {
		return h.readCached(ctx, buf, off, path)
	}

	h.raMu.Lock()
	defer h.raMu.Unlock()
	if h.raGen == gen && off >= h.raOff && off+int64(len(buf)) <= h.raOff+int64(len(h.raBuf)) {
		return copy(buf, h.raBuf[off-h.raOff:]), nil
	}
	want := len(buf)
	sequential := h.raBuf != nil && off == h.raOff+int64(len(h.raBuf))
	switch {
	case sequential:
		h.raWin = min(max(2*h.raWin, h.fs.opts.ReadAhead), maxReadAhead)
		want = max(want, h.raWin)
	case off == 0 && h.raBuf == nil:
		want = max(want, h.fs.opts.ReadAhead) // a first read from the start: likely sequential
	default:
		h.raWin = 0 // random: fetch only what is asked
	}
	if cap(h.raBuf) < want {
		h.raBuf = make([]byte, want)
	}
	n, _, err := h.fs.c.ReadAt(ctx, path, h.raBuf[:want], off)
	if err != nil {
		h.raBuf = nil
		return 0, err
	}
	h.raOff, h.raBuf, h.raGen, h.raID = off, h.raBuf[:n], gen, ""
	return copy(buf, h.raBuf), nil
}

// Flush is close(2): unflushed writes are written and the file is
// published, so that S3 reads it at once. Its error is close's error.
func (h *Handle) Flush(ctx context.Context) error {
	f := h.f
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.unlinked {
		return f.flushLocked(ctx, false)
	}
	return f.flushLocked(ctx, true)
}

// Fsync makes every write acknowledged so far durable and published.
func (h *Handle) Fsync(ctx context.Context) error {
	if err := h.Flush(ctx); err != nil {
		return err
	}
	return h.fs.Sync(ctx)
}

// Release drops the handle; at the last one the file's state goes, and a
// file unlinked while open is removed.
func (h *Handle) Release(ctx context.Context) error {
	if h.closed {
		return nil
	}
	h.closed = true
	f := h.f
	fs := h.fs
	fs.mu.Lock()
	f.mu.Lock()
	f.opens--
	last := f.opens == 0
	if last {
		delete(fs.files, f.ino)
	}
	f.mu.Unlock()
	fs.mu.Unlock()
	if !last {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.unlinked {
		fs.dirtyTotal.Add(-f.dirty.bytes)
		f.dirty.reset()
		return fs.c.Unlink(ctx, f.path)
	}
	err := f.flushLocked(ctx, true)
	if err != nil {
		fs.log.Error("flush at release failed: data written since the last close or fsync is lost", "path", f.path, "err", err)
	}
	return err
}

// maxReadAhead caps the read-ahead window of a sequential reader.
const maxReadAhead = 8 << 20

// Sync makes every change this mount made durable: under
// Options.DeferredSync the gateway answered them before they were (it
// makes them durable within 100 ms anyway); otherwise each already was,
// and Sync costs nothing. It is fsync(2) of a file or a folder.
func (fs *FS) Sync(ctx context.Context) error {
	if !fs.opts.DeferredSync {
		return nil
	}
	return fs.c.Sync(ctx)
}
