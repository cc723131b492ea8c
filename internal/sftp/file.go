package sftp

import (
	"context"
	"io"
	"sort"
	"sync"
)

// handle is what a file needs of a vfs handle (*vfs.Handle).
type handle interface {
	Read(ctx context.Context, buf []byte, off int64) (int, error)
	Write(ctx context.Context, data []byte, off int64) (int, error)
	Flush(ctx context.Context) error
	Release(ctx context.Context) error
}

// file is an open SFTP handle over a vfs handle.
//
// pkg/sftp's request server hands one handle's reads and writes to 8
// workers, so they reach us out of the client's order. The vfs wants
// them in order: a write that arrives before the one just below it makes
// its write cache merge and copy the extents it joins (quadratic in the
// unflushed size), and reads that arrive out of order defeat its
// read-ahead. So a file puts writes back in order (holding the few that
// arrive early, see seq) and serves reads from aligned windows that
// absorb the reordering (see windows). pkg/sftp calls Close once, after
// the handle's reads and writes are done.
type file struct {
	h    handle
	path string // as the client named it, for errors

	mu   sync.Mutex
	seq  writeSeq
	wins *windows // read-only handles: the read windows
	err  error    // a held write that failed to apply: the next call's error

	once     sync.Once
	closeErr error
	onClose  func(*file) // if set, told once the file is closed
}

// maxHeld bounds the bytes of early writes a file holds: pkg/sftp's 8
// workers reorder at most 8 requests (of 32 KiB from OpenSSH, up to
// 256 KiB from clients that negotiate more).
const maxHeld = 4 << 20

// ReadAt reads at off. The vfs reads the whole of buf unless the file
// ends first, so a short read is the end of the file.
func (f *file) ReadAt(p []byte, off int64) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.flushHeld(); err != nil {
		return 0, err
	}
	var n int
	var err error
	if f.wins != nil {
		n, err = f.wins.read(f.h, p, off)
	} else {
		n, err = f.h.Read(context.Background(), p, off)
	}
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
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return 0, f.err
	}
	if f.seq.hold(p, off) {
		return len(p), nil
	}
	if off > f.seq.next {
		// Ahead, but too much is held already: the gap is not coming
		// soon (a sparse writer), so everything goes in offset order.
		if err := f.flushHeld(); err != nil {
			return 0, err
		}
	}
	if err := f.write(p, off); err != nil {
		return 0, err
	}
	return len(p), f.applyHeld()
}

// write applies one write to the vfs.
func (f *file) write(p []byte, off int64) error {
	if _, err := f.h.Write(context.Background(), p, off); err != nil {
		return status("write", f.path, err)
	}
	f.seq.wrote(off + int64(len(p)))
	return nil
}

// applyHeld applies the held writes that are now in order. f.mu is held.
func (f *file) applyHeld() error {
	for f.err == nil {
		p, off, ok := f.seq.take(false)
		if !ok {
			return f.err
		}
		f.err = f.write(p, off)
	}
	return f.err
}

// flushHeld applies every held write, in offset order: before a read or
// a close, or when maxHeld bytes are held. f.mu is held.
func (f *file) flushHeld() error {
	for f.err == nil {
		p, off, ok := f.seq.take(true)
		if !ok {
			break
		}
		f.err = f.write(p, off)
	}
	return f.err
}

// Close is close(2): the writes are published, so that S3 reads the
// file at once, and a failure to publish is the client's close error.
func (f *file) Close() error {
	f.once.Do(func() {
		ctx := context.Background()
		f.mu.Lock()
		err := f.flushHeld()
		f.mu.Unlock()
		if ferr := f.h.Flush(ctx); err == nil {
			err = status("close", f.path, ferr)
		}
		if rerr := f.h.Release(ctx); err == nil {
			err = status("close", f.path, rerr)
		}
		f.closeErr = err
		if f.onClose != nil {
			f.onClose(f)
		}
	})
	return f.closeErr
}

// writeSeq puts a handle's writes back in order: next is the offset the
// in-order writes have reached; a write beyond it is held until the gap
// is written, or until maxHeld bytes are held.
type writeSeq struct {
	next  int64 // a new handle expects its first write at 0
	held  map[int64][]byte
	bytes int
}

func newWriteSeq() writeSeq { return writeSeq{} }

// hold keeps a copy of a write that arrived ahead of the next one, and
// reports whether it did.
func (s *writeSeq) hold(p []byte, off int64) bool {
	if off <= s.next || s.bytes+len(p) > maxHeld {
		return false
	}
	if old, ok := s.held[off]; ok {
		s.bytes -= len(old)
	}
	if s.held == nil {
		s.held = map[int64][]byte{}
	}
	s.held[off] = append([]byte(nil), p...)
	s.bytes += len(p)
	return true
}

// wrote records a write applied up to end.
func (s *writeSeq) wrote(end int64) { s.next = max(s.next, end) }

// take removes and returns the held write at next (or, with any, the
// lowest held one).
func (s *writeSeq) take(any bool) ([]byte, int64, bool) {
	if p, ok := s.held[s.next]; ok {
		delete(s.held, s.next)
		s.bytes -= len(p)
		return p, s.next, true
	}
	if !any || len(s.held) == 0 {
		return nil, 0, false
	}
	offs := make([]int64, 0, len(s.held))
	for off := range s.held {
		offs = append(offs, off)
	}
	sort.Slice(offs, func(i, j int) bool { return offs[i] < offs[j] })
	p := s.held[offs[0]]
	delete(s.held, offs[0])
	s.bytes -= len(p)
	return p, offs[0], true
}

// windows serve a read-only handle's reads from the two most recent
// aligned windows of the file, so that reads arriving a few requests
// out of order still hit, and the vfs below sees one sequential reader.
type windows struct {
	w    [2]window // w[0] is the most recent
	size int
}

type window struct {
	off  int64
	data []byte
	eof  bool // the file ends at the window's end
}

// readWindow is the size of a read window.
const readWindow = 4 << 20

func (w window) end() int64 { return w.off + int64(len(w.data)) }

// covers reports whether the window answers a read of n bytes at off.
func (w window) covers(off int64, n int) bool {
	return w.data != nil && off >= w.off && (off+int64(n) <= w.end() || w.eof && off <= w.end())
}

func (ws *windows) read(h handle, p []byte, off int64) (int, error) {
	for _, w := range ws.w {
		if w.covers(off, len(p)) {
			return copy(p, w.data[off-w.off:]), nil
		}
	}
	size := max(ws.size, len(p))
	start := off
	// A read just past the latest window (one that overtook the read
	// at the window's end) starts the next window where the last ends.
	if last := ws.w[0]; last.data != nil && !last.eof && off > last.end() && off+int64(len(p)) <= last.end()+int64(size) {
		start = last.end()
	}
	buf := ws.w[1].data[:0]
	if cap(buf) < size {
		buf = make([]byte, size)
	}
	n, err := h.Read(context.Background(), buf[:size], start)
	if err != nil {
		return 0, err
	}
	ws.w[1] = ws.w[0]
	ws.w[0] = window{off: start, data: buf[:n], eof: n < size}
	if !ws.w[0].covers(off, len(p)) {
		return 0, nil // beyond the end of the file
	}
	return copy(p, ws.w[0].data[off-start:]), nil
}
