package fuse

import (
	"context"
	"syscall"

	gofs "github.com/hanwen/go-fuse/v2/fs"
	"github.com/hanwen/go-fuse/v2/fuse"

	"github.com/strata-storage/strata/internal/vfs"
)

// handle is an open file.
type handle struct {
	h *vfs.Handle
	m *Mount
}

var (
	_ gofs.FileReader    = (*handle)(nil)
	_ gofs.FileWriter    = (*handle)(nil)
	_ gofs.FileFlusher   = (*handle)(nil)
	_ gofs.FileFsyncer   = (*handle)(nil)
	_ gofs.FileReleaser  = (*handle)(nil)
	_ gofs.FileGetlker   = (*handle)(nil)
	_ gofs.FileSetlker   = (*handle)(nil)
	_ gofs.FileSetlkwer  = (*handle)(nil)
	_ gofs.FileAllocater = (*handle)(nil)
)

func (f *handle) Read(ctx context.Context, dest []byte, off int64) (fuse.ReadResult, syscall.Errno) {
	n, err := f.h.Read(ctx, dest, off)
	if err != nil {
		return nil, errno(err)
	}
	return fuse.ReadResultData(dest[:n]), 0
}

func (f *handle) Write(ctx context.Context, data []byte, off int64) (uint32, syscall.Errno) {
	n, err := f.h.Write(ctx, data, off)
	return uint32(n), errno(err)
}

func (f *handle) Flush(ctx context.Context) syscall.Errno { return errno(f.h.Flush(ctx)) }

func (f *handle) Fsync(ctx context.Context, flags uint32) syscall.Errno {
	return errno(f.h.Fsync(ctx))
}

func (f *handle) Release(ctx context.Context) syscall.Errno {
	// The kernel does not wait for release: do not tie it to a request.
	return errno(f.h.Release(context.WithoutCancel(ctx)))
}

func (f *handle) Allocate(ctx context.Context, off, size uint64, mode uint32) syscall.Errno {
	const (
		keepSize  = 0x01 // FALLOC_FL_KEEP_SIZE: nothing to reserve in a bucket
		punchHole = 0x02 // FALLOC_FL_PUNCH_HOLE (always with KEEP_SIZE)
		zeroRange = 0x10 // FALLOC_FL_ZERO_RANGE
	)
	if mode == keepSize {
		return 0
	}
	if mode != 0 && mode != punchHole|keepSize && mode&^keepSize != zeroRange {
		return syscall.EOPNOTSUPP
	}
	e, err := f.m.v.Stat(ctx, f.h.Path())
	if err != nil {
		return errno(err)
	}
	end := int64(off + size)
	if mode != 0 {
		// A bucket has no holes: punching or zeroing a range writes its
		// zeros (SMB's FSCTL_SET_ZERO_DATA arrives as a punch).
		if mode&keepSize != 0 {
			end = min(end, e.Size)
		}
		return errno(f.zero(ctx, int64(off), end))
	}
	if end > e.Size {
		_, err = f.m.v.SetAttr(ctx, f.h.Path(), f.h, vfs.SetAttrs{Size: &end})
	}
	return errno(err)
}

// zero writes zeros over [off, end).
func (f *handle) zero(ctx context.Context, off, end int64) error {
	if end <= off {
		return nil
	}
	buf := make([]byte, min(end-off, 1<<20))
	for off < end {
		n, err := f.h.Write(ctx, buf[:min(end-off, int64(len(buf)))], off)
		if err != nil {
			return err
		}
		off += int64(n)
	}
	return nil
}

func toLock(lk *fuse.FileLock, flags uint32) vfs.Lock {
	return vfs.Lock{Start: lk.Start, End: lk.End, Type: lk.Typ, Pid: lk.Pid, Flock: flags&fuse.FUSE_LK_FLOCK != 0}
}

func (f *handle) Getlk(ctx context.Context, owner uint64, lk *fuse.FileLock, flags uint32, out *fuse.FileLock) syscall.Errno {
	got, err := f.m.v.GetLock(ctx, f.h.Ino(), owner, toLock(lk, flags))
	if err != nil {
		return errno(err)
	}
	*out = fuse.FileLock{Start: got.Start, End: got.End, Typ: got.Type, Pid: got.Pid}
	return 0
}

func (f *handle) Setlk(ctx context.Context, owner uint64, lk *fuse.FileLock, flags uint32) syscall.Errno {
	return errno(f.m.v.SetLock(ctx, f.h.Ino(), owner, toLock(lk, flags), false))
}

func (f *handle) Setlkw(ctx context.Context, owner uint64, lk *fuse.FileLock, flags uint32) syscall.Errno {
	return errno(f.m.v.SetLock(ctx, f.h.Ino(), owner, toLock(lk, flags), true))
}
