package nfs

import (
	"context"
	"os"
	"path"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/go-git/go-billy/v5"

	"github.com/strata-storage/strata/internal/vfs"
)

// bucketFS is one bucket as one user sees it, as the billy file system
// go-nfs serves: paths are relative to the bucket. There is one per user
// and bucket, so go-nfs's "same file system" test (rename) holds.
type bucketFS struct {
	srv  *Server
	name string
	key  uint64
	fs   *vfs.FS
	err  error // the bucket could not be opened (EACCES, ENOENT)

	mu     sync.Mutex
	recent map[string]seen // path → inode, from the last lookups
	open   map[uint64]*openFile
	lost   map[uint64]bool // inodes whose release (publish) failed
}

// seen is a path's inode as a lookup saw it.
type seen struct {
	ino uint64
	at  time.Time
}

// recentTTL is how long a lookup's inode answers for its path when a
// handle is made or checked: the lookup that precedes it in the same
// call, not a cache of the namespace.
const recentTTL = time.Second

var (
	_ billy.Filesystem = (*bucketFS)(nil)
	_ billy.Change     = (*bucketFS)(nil)
	_ billy.Capable    = (*bucketFS)(nil)
)

func newBucketFS(srv *Server, name string, fs *vfs.FS, err error) *bucketFS {
	return &bucketFS{srv: srv, name: name, key: srv.table.putBucket(name), fs: fs, err: err,
		recent: map[string]seen{}, open: map[uint64]*openFile{}, lost: map[uint64]bool{}}
}

func (b *bucketFS) ctx() context.Context { return b.srv.ctx }

func (b *bucketFS) saw(p string, ino uint64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.recent) > 1<<16 {
		b.recent = map[string]seen{}
	}
	b.recent[p] = seen{ino: ino, at: time.Now()}
}

// forgetUnder drops what lookups saw at p and below (p moved or went).
func (b *bucketFS) forgetUnder(p string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for k := range b.recent {
		if k == p || strings.HasPrefix(k, p+"/") {
			delete(b.recent, k)
		}
	}
}

// stat looks p up and remembers its inode.
func (b *bucketFS) stat(p string) (vfs.Entry, error) {
	if b.err != nil {
		return vfs.Entry{}, b.err
	}
	e, err := b.fs.Stat(b.ctx(), p)
	if err == nil {
		b.saw(p, e.Ino)
	}
	return e, err
}

// ino is p's inode, from the lookup that just happened if there was one.
func (b *bucketFS) ino(p string) (uint64, error) {
	if p == "" {
		return 0, nil
	}
	b.mu.Lock()
	s, ok := b.recent[p]
	b.mu.Unlock()
	if ok && time.Since(s.at) < recentTTL {
		return s.ino, nil
	}
	e, err := b.stat(p)
	return e.Ino, err
}

// record notes in the handle table where the file at p is.
func (b *bucketFS) record(p string) (fileID, error) {
	if p == "" {
		return fileID{bucket: b.key}, nil
	}
	ino, err := b.ino(p)
	if err != nil {
		return fileID{}, err
	}
	dir, name := path.Split(p)
	parent, err := b.ino(strings.TrimSuffix(dir, "/"))
	if err != nil {
		return fileID{}, err
	}
	id := fileID{bucket: b.key, ino: ino}
	b.srv.table.put(id, node{parent: parent, name: name})
	return id, nil
}

func (b *bucketFS) Stat(p string) (os.FileInfo, error) {
	p = clean(p)
	e, err := b.stat(p)
	if err != nil {
		return nil, pathErr("stat", p, err)
	}
	return newInfo(p, e), nil
}

// Lstat is Stat: the vfs does not follow symbolic links, and NFS servers
// never do.
func (b *bucketFS) Lstat(p string) (os.FileInfo, error) { return b.Stat(p) }

func (b *bucketFS) ReadDir(p string) ([]os.FileInfo, error) {
	p = clean(p)
	if b.err != nil {
		return nil, pathErr("readdir", p, b.err)
	}
	ents, err := b.fs.ReadDir(b.ctx(), p)
	if err != nil {
		return nil, pathErr("readdir", p, err)
	}
	out := make([]os.FileInfo, 0, len(ents))
	for _, e := range ents {
		if p == "" && strings.HasPrefix(e.Name, ".") && isInternal(e.Name) {
			continue
		}
		b.saw(vfs.Join(p, e.Name), e.Ino)
		out = append(out, newInfo("", e))
	}
	return out, nil
}

// isInternal reports the vfs's own folders at a bucket's root (its trash
// of files unlinked while open), which NFS clients need not see.
func isInternal(name string) bool { return strings.HasPrefix(name, ".strata") }

func (b *bucketFS) MkdirAll(p string, perm os.FileMode) error {
	p = clean(p)
	if b.err != nil {
		return pathErr("mkdir", p, b.err)
	}
	e, err := b.fs.Mkdir(b.ctx(), p, vfs.Attrs{Mode: syscall.S_IFDIR | uint32(perm.Perm())})
	if err != nil {
		if vfs.Errno(err) == syscall.EEXIST {
			if e, err := b.stat(p); err == nil && e.IsDir() {
				return nil
			}
		}
		return pathErr("mkdir", p, err)
	}
	b.saw(p, e.Ino)
	return nil
}

func (b *bucketFS) Rename(from, to string) error {
	from, to = clean(from), clean(to)
	if b.err != nil {
		return pathErr("rename", from, b.err)
	}
	if err := b.fs.Rename(b.ctx(), from, to, 0); err != nil {
		return pathErr("rename", from, err)
	}
	b.forgetUnder(from)
	b.forgetUnder(to)
	// The moved file keeps its inode and so its handle: its entry now
	// names the new place; files below a moved folder follow it, as
	// they are recorded by parent.
	if _, err := b.record(to); err != nil {
		b.srv.log.Debug("nfs: cannot record a renamed file", "path", to, "err", err)
	}
	return nil
}

func (b *bucketFS) Remove(p string) error {
	p = clean(p)
	e, err := b.stat(p)
	if err != nil {
		return pathErr("remove", p, err)
	}
	if e.IsDir() {
		err = b.fs.Rmdir(b.ctx(), p)
	} else {
		b.closeFile(e.Ino)
		err = b.fs.Unlink(b.ctx(), p)
	}
	b.forgetUnder(p)
	return pathErr("remove", p, err)
}

func (b *bucketFS) Symlink(target, link string) error {
	link = clean(link)
	if b.err != nil {
		return pathErr("symlink", link, b.err)
	}
	e, err := b.fs.Symlink(b.ctx(), link, target, vfs.Attrs{Mode: syscall.S_IFLNK | 0o777})
	if err == nil {
		b.saw(link, e.Ino)
	}
	return pathErr("symlink", link, err)
}

func (b *bucketFS) Readlink(link string) (string, error) {
	link = clean(link)
	e, err := b.stat(link)
	if err != nil {
		return "", pathErr("readlink", link, err)
	}
	if e.Mode&syscall.S_IFMT != syscall.S_IFLNK {
		return "", pathErr("readlink", link, syscall.EINVAL)
	}
	return e.Target, nil
}

func (b *bucketFS) Join(elem ...string) string { return path.Join(elem...) }

func (b *bucketFS) TempFile(dir, prefix string) (billy.File, error) {
	return nil, pathErr("tempfile", dir, syscall.ENOTSUP)
}

func (b *bucketFS) Chroot(p string) (billy.Filesystem, error) {
	return nil, pathErr("chroot", p, syscall.ENOTSUP)
}

func (b *bucketFS) Root() string { return "/" + b.name }

func (b *bucketFS) Capabilities() billy.Capability {
	return billy.WriteCapability | billy.ReadCapability | billy.ReadAndWriteCapability |
		billy.SeekCapability | billy.TruncateCapability
}

// setattr changes attributes, through the open handle if there is one.
func (b *bucketFS) setattr(op, p string, set vfs.SetAttrs) error {
	p = clean(p)
	e, err := b.stat(p)
	if err != nil {
		return pathErr(op, p, err)
	}
	var h *vfs.Handle
	b.mu.Lock()
	if of := b.open[e.Ino]; of != nil {
		h = of.h
	}
	b.mu.Unlock()
	_, err = b.fs.SetAttr(b.ctx(), p, h, set)
	return pathErr(op, p, err)
}

func (b *bucketFS) Chmod(p string, mode os.FileMode) error {
	m := uint32(mode.Perm())
	if mode&os.ModeSetuid != 0 {
		m |= syscall.S_ISUID
	}
	if mode&os.ModeSetgid != 0 {
		m |= syscall.S_ISGID
	}
	if mode&os.ModeSticky != 0 {
		m |= syscall.S_ISVTX
	}
	var set vfs.SetAttrs
	set.Mode = &m
	return b.setattr("chmod", p, set)
}

func (b *bucketFS) Lchown(p string, uid, gid int) error {
	u, g := uint32(uid), uint32(gid)
	var set vfs.SetAttrs
	set.Uid, set.Gid = &u, &g
	return b.setattr("chown", p, set)
}

func (b *bucketFS) Chown(p string, uid, gid int) error { return b.Lchown(p, uid, gid) }

func (b *bucketFS) Chtimes(p string, atime, mtime time.Time) error {
	a, m := atime.UnixNano(), mtime.UnixNano()
	var set vfs.SetAttrs
	set.Atime, set.Mtime = &a, &m
	return b.setattr("chtimes", p, set)
}
