package vfs

import (
	"context"
	"syscall"

	"github.com/strata-storage/strata/internal/fsapi"
)

// The kernel asks for xattrs FUSE does not cache: security.capability
// before every write, and tools ask for others of every name they show
// (the mount refuses ACLs and SELinux labels before they get here, see
// filetree.XattrKept). Stats and listings therefore ask the gateway for
// the xattrs too, and the answers fill the xattr cache, so that those
// calls cost no request. A user who may list but not read falls back to plain
// stats and listings (noXattrs).

// stat asks the gateway about p, with its xattrs when allowed.
func (fs *FS) stat(ctx context.Context, p string) (Entry, error) {
	if fs.noXattrs.Load() {
		return fs.c.Stat(ctx, p)
	}
	e, err := fs.c.StatXattrs(ctx, p)
	if Errno(err) == syscall.EACCES {
		if e, err = fs.c.Stat(ctx, p); err == nil {
			fs.noXattrs.Store(true)
		}
		return e, err
	}
	if err == nil && e.XattrsKnown {
		fs.listed.putXattrs(p, e.Xattrs)
		e.Xattrs, e.XattrsKnown = nil, false
	}
	return e, err
}

// list asks the gateway for a page of directory p, with xattrs when
// allowed.
func (fs *FS) list(ctx context.Context, p, after string) (fsapi.ListResult, error) {
	if fs.noXattrs.Load() {
		return fs.c.List(ctx, p, after, fs.opts.ListPage)
	}
	res, err := fs.c.ListXattrs(ctx, p, after, fs.opts.ListPage)
	if Errno(err) == syscall.EACCES {
		if res, err = fs.c.List(ctx, p, after, fs.opts.ListPage); err == nil {
			fs.noXattrs.Store(true)
		}
		return res, err
	}
	if err == nil {
		fs.listed.putXattrsOf(p, res.Entries)
		for i := range res.Entries {
			res.Entries[i].Xattrs, res.Entries[i].XattrsKnown = nil, false
		}
	}
	return res, err
}
