package vfs

import (
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/filetree"
)

// With Options.LazyAttrs, the chmod, chown and utimes that follow the
// writes of a file (tar -x, cp -p, rsync) are held by the file and sent
// with its publish at close or fsync, which applies them in the same
// commit: a small file costs a create and a publish instead of a commit
// more per attribute. This mount shows them at once; other mounts and
// S3 see them at the close, with the data. A failed publish loses them
// with the data, and close reports it.

// holdSet holds set on open file f if f has writes to publish, and then
// returns p's entry as this mount now shows it, without a request: a
// tar -x asked the gateway for the entry after each of a file's three
// held changes.
func (fs *FS) holdSet(p string, f *file, set filetree.SetAttr) (Entry, bool) {
	f.mu.Lock()
	if f.unlinked || (f.dirty.empty() && !f.unpub && f.inflight == nil) {
		f.mu.Unlock()
		return Entry{}, false
	}
	if f.held == nil {
		f.held = &filetree.SetAttr{}
	}
	h := f.held
	if set.Mode != nil {
		h.Mode = set.Mode
	}
	if set.Uid != nil {
		h.Uid = set.Uid
	}
	if set.Gid != nil {
		h.Gid = set.Gid
	}
	if set.Atime != nil {
		h.Atime = set.Atime
	}
	if set.Mtime != nil {
		h.Mtime = set.Mtime
		f.mtime = *set.Mtime // the publish's mtime, too
	}
	f.heldAt = time.Now().UnixNano()
	e := f.base
	f.mu.Unlock()
	if cached, ok := fs.listed.get(p); ok && cached.Ino == e.Ino {
		e = cached // newer than the base when this mount listed or stat'ed it since
	}
	e.Created = false
	f.apply(&e)
	return e, true
}

// applyHeld shows the held changes in e. f.mu is held.
func (f *file) applyHeld(e *Entry) {
	h := f.held
	if h == nil {
		return
	}
	if h.Mode != nil {
		e.Mode = e.Mode&syscall.S_IFMT | *h.Mode&^syscall.S_IFMT
	}
	if h.Uid != nil {
		e.Uid = *h.Uid
	}
	if h.Gid != nil {
		e.Gid = *h.Gid
	}
	if h.Atime != nil {
		e.Atime = *h.Atime
	}
	if h.Mtime != nil {
		e.Mtime = *h.Mtime
	}
	e.Ctime = max(e.Ctime, f.heldAt)
}

// timeTick is the mount's timestamp granularity for "now": Linux stamps
// files from a clock that moves once per scheduler tick (1–10 ms), so a
// file created and touched within one tick keeps its creation times.
const timeTick = 10 * time.Millisecond

// sameTick answers the utimes(now) that follows a create, as touch of a
// new name sends, without a request: within timeTick of the create that
// made it, with nothing written, "now" is the time the file already has.
// That was one commit of the three a touch cost.
func (fs *FS) sameTick(p string, f *file, set SetAttrs, now int64) (Entry, bool) {
	if !set.TimesNow || set.Size != nil || set.Mode != nil || set.Uid != nil || set.Gid != nil ||
		(set.Atime == nil && set.Mtime == nil) {
		return Entry{}, false
	}
	f.mu.Lock()
	ok := f.madeAt != 0 && now-f.madeAt < int64(timeTick) &&
		!f.unlinked && f.dirty.empty() && !f.unpub && f.inflight == nil && f.held == nil && f.mtime == 0
	e := f.base
	f.mu.Unlock()
	if !ok {
		return Entry{}, false
	}
	if cached, ok := fs.listed.get(p); ok && cached.Ino == e.Ino {
		e = cached
	}
	e.Created = false
	f.apply(&e)
	return e, true
}
