package fuse

import (
	"context"
	"syscall"
	"time"

	gofs "github.com/hanwen/go-fuse/v2/fs"
	"github.com/hanwen/go-fuse/v2/fuse"

	"github.com/strata-storage/strata/internal/filetree"
	"github.com/strata-storage/strata/internal/vfs"
)

// node is one inode of the mount; its path comes from the kernel's tree.
type node struct {
	gofs.Inode
	m *Mount
}

var (
	_ gofs.NodeLookuper      = (*node)(nil)
	_ gofs.NodeGetattrer     = (*node)(nil)
	_ gofs.NodeSetattrer     = (*node)(nil)
	_ gofs.NodeReaddirer     = (*node)(nil)
	_ gofs.NodeMkdirer       = (*node)(nil)
	_ gofs.NodeCreater       = (*node)(nil)
	_ gofs.NodeOpener        = (*node)(nil)
	_ gofs.NodeUnlinker      = (*node)(nil)
	_ gofs.NodeRmdirer       = (*node)(nil)
	_ gofs.NodeRenamer       = (*node)(nil)
	_ gofs.NodeLinker        = (*node)(nil)
	_ gofs.NodeSymlinker     = (*node)(nil)
	_ gofs.NodeReadlinker    = (*node)(nil)
	_ gofs.NodeGetxattrer    = (*node)(nil)
	_ gofs.NodeSetxattrer    = (*node)(nil)
	_ gofs.NodeRemovexattrer = (*node)(nil)
	_ gofs.NodeListxattrer   = (*node)(nil)
	_ gofs.NodeStatfser      = (*node)(nil)
	_ gofs.NodeMknoder       = (*node)(nil)
	_ gofs.NodeFsyncer       = (*node)(nil)
)

func (n *node) path() string { return n.Path(n.Root()) }

func errno(err error) syscall.Errno {
	if err == nil {
		return 0
	}
	return vfs.Errno(err)
}

func ts(ns int64) (uint64, uint32) {
	if ns < 0 {
		return 0, 0
	}
	return uint64(ns / 1e9), uint32(ns % 1e9)
}

// fill copies an entry into FUSE attributes.
func (m *Mount) fill(e vfs.Entry, a *fuse.Attr) {
	a.Ino = e.Ino
	a.Mode = e.Mode
	a.Nlink = e.Nlink
	a.Size = uint64(e.Size)
	a.Blocks = (a.Size + 511) / 512
	a.Blksize = 1 << 20
	a.Owner = fuse.Owner{Uid: e.Uid, Gid: e.Gid}
	a.Rdev = e.Rdev
	a.Atime, a.Atimensec = ts(e.Atime)
	a.Mtime, a.Mtimensec = ts(e.Mtime)
	a.Ctime, a.Ctimensec = ts(e.Ctime)
}

func (m *Mount) entryOut(e vfs.Entry, out *fuse.EntryOut) {
	m.fill(e, &out.Attr)
	out.SetEntryTimeout(m.opts.EntryTimeout)
	out.SetAttrTimeout(m.opts.AttrTimeout)
}

// child makes (or finds) the kernel inode of entry e under n.
func (n *node) child(ctx context.Context, e vfs.Entry, out *fuse.EntryOut) *gofs.Inode {
	n.m.entryOut(e, out)
	return n.NewInode(ctx, &node{m: n.m}, gofs.StableAttr{Mode: e.Mode & syscall.S_IFMT, Ino: e.Ino})
}

func (n *node) Lookup(ctx context.Context, name string, out *fuse.EntryOut) (*gofs.Inode, syscall.Errno) {
	e, err := n.m.v.Stat(ctx, vfs.Join(n.path(), name))
	if err != nil {
		return nil, errno(err)
	}
	return n.child(ctx, e, out), 0
}

// stat describes n, through its open handle when there is one (the file
// may have been unlinked since).
func (n *node) stat(ctx context.Context, fh gofs.FileHandle) (vfs.Entry, error) {
	p := n.path()
	if h, ok := fh.(*handle); ok {
		p = h.h.Path()
	}
	return n.m.v.Stat(ctx, p)
}

func (n *node) Getattr(ctx context.Context, fh gofs.FileHandle, out *fuse.AttrOut) syscall.Errno {
	e, err := n.stat(ctx, fh)
	if err != nil {
		return errno(err)
	}
	n.m.fill(e, &out.Attr)
	out.SetTimeout(n.m.opts.AttrTimeout)
	return 0
}

func (n *node) Setattr(ctx context.Context, fh gofs.FileHandle, in *fuse.SetAttrIn, out *fuse.AttrOut) syscall.Errno {
	var set vfs.SetAttrs
	if m, ok := in.GetMode(); ok {
		set.Mode = &m
	}
	if u, ok := in.GetUID(); ok {
		set.Uid = &u
	}
	if g, ok := in.GetGID(); ok {
		set.Gid = &g
	}
	if s, ok := in.GetSize(); ok {
		sz := int64(s)
		set.Size = &sz
	}
	now := time.Now().UnixNano()
	set.TimesNow = in.Valid&(fuse.FATTR_ATIME|fuse.FATTR_MTIME) != 0 &&
		(in.Valid&fuse.FATTR_ATIME == 0 || in.Valid&fuse.FATTR_ATIME_NOW != 0) &&
		(in.Valid&fuse.FATTR_MTIME == 0 || in.Valid&fuse.FATTR_MTIME_NOW != 0)
	if t, ok := in.GetATime(); ok {
		v := t.UnixNano()
		if in.Valid&fuse.FATTR_ATIME_NOW != 0 {
			v = now
		}
		set.Atime = &v
	}
	if t, ok := in.GetMTime(); ok {
		v := t.UnixNano()
		if in.Valid&fuse.FATTR_MTIME_NOW != 0 {
			v = now
		}
		set.Mtime = &v
	}
	set.Ino = n.StableAttr().Ino
	var h *vfs.Handle
	p := n.path()
	if fh, ok := fh.(*handle); ok {
		h = fh.h
		p = h.Path()
	}
	e, err := n.m.v.SetAttr(ctx, p, h, set)
	if err != nil {
		return errno(err)
	}
	n.m.fill(e, &out.Attr)
	out.SetTimeout(n.m.opts.AttrTimeout)
	return 0
}

func (n *node) Readdir(ctx context.Context) (gofs.DirStream, syscall.Errno) {
	ents, err := n.m.v.ReadDir(ctx, n.path())
	if err != nil {
		return nil, errno(err)
	}
	list := make([]fuse.DirEntry, 0, len(ents))
	for _, e := range ents {
		list = append(list, fuse.DirEntry{Name: e.Name, Mode: e.Mode, Ino: e.Ino})
	}
	return gofs.NewListDirStream(list), 0
}

func (n *node) creds(ctx context.Context, mode uint32) vfs.Attrs {
	a := vfs.Attrs{Mode: mode}
	if c, ok := fuse.FromContext(ctx); ok {
		a.Uid, a.Gid = c.Uid, c.Gid
	}
	return a
}

func (n *node) Mkdir(ctx context.Context, name string, mode uint32, out *fuse.EntryOut) (*gofs.Inode, syscall.Errno) {
	e, err := n.m.v.Mkdir(ctx, vfs.Join(n.path(), name), n.creds(ctx, mode))
	if err != nil {
		return nil, errno(err)
	}
	return n.child(ctx, e, out), 0
}

func (n *node) Mknod(ctx context.Context, name string, mode uint32, dev uint32, out *fuse.EntryOut) (*gofs.Inode, syscall.Errno) {
	// Special files are empty objects that keep their type and device.
	a := n.creds(ctx, mode)
	a.Rdev = dev
	e, err := n.m.v.Mknod(ctx, vfs.Join(n.path(), name), a)
	if err != nil {
		return nil, errno(err)
	}
	return n.child(ctx, e, out), 0
}

func (n *node) Create(ctx context.Context, name string, flags uint32, mode uint32, out *fuse.EntryOut) (*gofs.Inode, gofs.FileHandle, uint32, syscall.Errno) {
	e, h, err := n.m.v.Create(ctx, vfs.Join(n.path(), name), n.creds(ctx, mode|syscall.S_IFREG), int(flags))
	if err != nil {
		return nil, nil, 0, errno(err)
	}
	return n.child(ctx, e, out), &handle{h: h, m: n.m}, 0, 0
}

func (n *node) Open(ctx context.Context, flags uint32) (gofs.FileHandle, uint32, syscall.Errno) {
	p := n.path()
	e, err := n.m.v.Stat(ctx, p)
	if err != nil {
		return nil, 0, errno(err)
	}
	h, err := n.m.v.Open(ctx, p, e, int(flags))
	if err != nil {
		return nil, 0, errno(err)
	}
	var fuseFlags uint32
	if n.m.keepCache(e) {
		fuseFlags |= fuse.FOPEN_KEEP_CACHE
	}
	return &handle{h: h, m: n.m}, fuseFlags, 0
}

func (n *node) Unlink(ctx context.Context, name string) syscall.Errno {
	return errno(n.m.v.Unlink(ctx, vfs.Join(n.path(), name)))
}

func (n *node) Rmdir(ctx context.Context, name string) syscall.Errno {
	return errno(n.m.v.Rmdir(ctx, vfs.Join(n.path(), name)))
}

func (n *node) Rename(ctx context.Context, name string, newParent gofs.InodeEmbedder, newName string, flags uint32) syscall.Errno {
	np := newParent.EmbeddedInode().Path(n.Root())
	return errno(n.m.v.Rename(ctx, vfs.Join(n.path(), name), vfs.Join(np, newName), flags))
}

func (n *node) Link(ctx context.Context, target gofs.InodeEmbedder, name string, out *fuse.EntryOut) (*gofs.Inode, syscall.Errno) {
	tp := target.EmbeddedInode().Path(n.Root())
	e, err := n.m.v.Link(ctx, tp, vfs.Join(n.path(), name))
	if err != nil {
		return nil, errno(err)
	}
	return n.child(ctx, e, out), 0
}

func (n *node) Symlink(ctx context.Context, target, name string, out *fuse.EntryOut) (*gofs.Inode, syscall.Errno) {
	e, err := n.m.v.Symlink(ctx, vfs.Join(n.path(), name), target, n.creds(ctx, 0o777))
	if err != nil {
		return nil, errno(err)
	}
	return n.child(ctx, e, out), 0
}

func (n *node) Readlink(ctx context.Context) ([]byte, syscall.Errno) {
	e, err := n.m.v.Stat(ctx, n.path())
	if err != nil {
		return nil, errno(err)
	}
	if e.Mode&syscall.S_IFMT != syscall.S_IFLNK {
		return nil, syscall.EINVAL
	}
	return []byte(e.Target), 0
}

// Getxattr answers a name the file system does not keep (an ACL, an
// SELinux label) with EOPNOTSUPP before any lookup: ls -l then asks for
// them once per device, not for every name (filetree.XattrKept).
func (n *node) Getxattr(ctx context.Context, attr string, dest []byte) (uint32, syscall.Errno) {
	if !filetree.XattrKept(attr) {
		return 0, syscall.EOPNOTSUPP
	}
	all, err := n.m.v.Xattrs(ctx, n.path())
	if err != nil {
		return 0, errno(err)
	}
	v, ok := all[attr]
	if !ok {
		return 0, filetree.ErrnoNoAttr
	}
	if len(dest) < len(v) {
		return uint32(len(v)), syscall.ERANGE
	}
	return uint32(copy(dest, v)), 0
}

func (n *node) Setxattr(ctx context.Context, attr string, data []byte, flags uint32) syscall.Errno {
	if !filetree.XattrKept(attr) {
		return syscall.EOPNOTSUPP
	}
	if data == nil {
		data = []byte{}
	}
	return errno(n.m.v.SetXattr(ctx, n.path(), attr, data, flags))
}

func (n *node) Removexattr(ctx context.Context, attr string) syscall.Errno {
	if !filetree.XattrKept(attr) {
		return syscall.EOPNOTSUPP
	}
	return errno(n.m.v.SetXattr(ctx, n.path(), attr, nil, 0))
}

func (n *node) Listxattr(ctx context.Context, dest []byte) (uint32, syscall.Errno) {
	all, err := n.m.v.Xattrs(ctx, n.path())
	if err != nil {
		return 0, errno(err)
	}
	var b []byte
	for k := range all {
		b = append(append(b, k...), 0)
	}
	if len(dest) < len(b) {
		return uint32(len(b)), syscall.ERANGE
	}
	return uint32(copy(dest, b)), 0
}

// Fsync is fsync(2) of a file (through its handle) or a folder, whose
// names are durable once the mount's changes are (vfs.FS.Sync).
func (n *node) Fsync(ctx context.Context, f gofs.FileHandle, flags uint32) syscall.Errno {
	if h, ok := f.(*handle); ok {
		return h.Fsync(ctx, flags)
	}
	return errno(n.m.v.Sync(ctx))
}

func (n *node) Statfs(ctx context.Context, out *fuse.StatfsOut) syscall.Errno {
	// A bucket has no fixed size: report a large, mostly free file system.
	out.Bsize, out.Frsize = 1<<20, 1<<20
	out.Blocks, out.Bfree, out.Bavail = 1<<30, 1<<30, 1<<30
	out.Files, out.Ffree = 1<<40, 1<<40
	out.NameLen = 255
	return 0
}
