package fuse

import (
	"context"

	"github.com/hanwen/go-fuse/v2/fuse"
)

// lockReleaser sits under go-fuse's node bridge to release locks when the
// kernel says so: POSIX locks of the closing process at FLUSH, flock
// locks of the open file at its last RELEASE. Both carry the lock owner,
// which go-fuse's node API does not pass on.
type lockReleaser struct {
	fuse.RawFileSystem
	m *Mount
}

func (l *lockReleaser) Flush(cancel <-chan struct{}, in *fuse.FlushIn) fuse.Status {
	st := l.RawFileSystem.Flush(cancel, in)
	l.release(cancel, &in.InHeader, in.Fh, in.LockOwner, false)
	return st
}

func (l *lockReleaser) Release(cancel <-chan struct{}, in *fuse.ReleaseIn) {
	if in.ReleaseFlags&fuse.FUSE_RELEASE_FLOCK_UNLOCK != 0 {
		l.release(cancel, &in.InHeader, in.Fh, in.LockOwner, true)
	}
	l.RawFileSystem.Release(cancel, in)
}

// release drops owner's locks on the inode of an open file handle.
func (l *lockReleaser) release(cancel <-chan struct{}, h *fuse.InHeader, fh, owner uint64, flock bool) {
	if !l.m.v.OwnerHasLocks(owner) {
		return
	}
	var out fuse.AttrOut
	in := fuse.GetAttrIn{InHeader: *h, Flags_: fuse.FUSE_GETATTR_FH, Fh_: fh}
	if st := l.RawFileSystem.GetAttr(cancel, &in, &out); !st.Ok() {
		return
	}
	if err := l.m.v.ReleaseLocks(context.Background(), out.Ino, owner, flock); err != nil {
		l.m.v.Log().Warn("lock release failed", "ino", out.Ino, "err", err)
	}
}
