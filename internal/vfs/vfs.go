package vfs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/filetree"
	"github.com/strata-storage/strata/internal/fsapi"
)

// Options tune a VFS.
type Options struct {
	MaxDirtyFile  int64 // unflushed bytes one file may hold before a log flush (32 MiB)
	MaxDirtyTotal int64 // unflushed bytes all files may hold (256 MiB)
	ReadAhead     int   // bytes fetched per read when reading sequentially (1 MiB)
	ListPage      int   // entries per listing request (5000)
	// ListTTL bounds how long a listed entry answers lookups (30 s); a
	// negative value turns the cache off, for servers whose clients have
	// no change feed and expect each lookup to be fresh (SFTP, FTP, ...).
	ListTTL time.Duration
	// LazyAttrs: chmod, chown and utimes of a file this mount is writing
	// are sent with its publish at close or fsync (one commit instead of
	// one each); until then only this mount sees them (see lazyattrs.go).
	LazyAttrs bool
	// CacheDir, if set, keeps file blocks read through the mount on the
	// local disk, up to CacheSize bytes (1 GiB); see readCache.
	CacheDir  string
	CacheSize int64
	// NegativeLookups answers the lookup of a name absent from a
	// directory this mount knows whole without a request, and of a name
	// it knows past the listing cache's ttl while the change feed is
	// fresh; a name made elsewhere then shows within a poll of the change
	// feed instead of at once (see wholedirs.go).
	NegativeLookups bool
	// DeferredSync lets the gateway answer this mount's changes once they
	// are visible (to S3 too) and make them durable within 100 ms, or at
	// the next fsync, as a local file system commits its journal every
	// few seconds; see Sync.
	DeferredSync bool
}

func (o *Options) defaults() {
	if o.MaxDirtyFile <= 0 {
		o.MaxDirtyFile = 32 << 20
	}
	if o.MaxDirtyTotal <= 0 {
		o.MaxDirtyTotal = 256 << 20
	}
	if o.ReadAhead <= 0 {
		o.ReadAhead = 1 << 20
	}
	if o.ListPage <= 0 {
		o.ListPage = 5000
	}
	if o.ListTTL == 0 {
		o.ListTTL = listTTL
	}
	if o.CacheSize <= 0 {
		o.CacheSize = 1 << 30
	}
}

// Entry is a node's attributes (see filetree.Entry).
type Entry = filetree.Entry

// FS is one bucket's file system.
type FS struct {
	c       *fsapi.Client
	opts    Options
	log     *slog.Logger
	session string // names this mount in lock owners and trash names

	mu    sync.Mutex
	files map[uint64]*file // open inodes

	dirtyTotal atomic.Int64
	locks      lockTable
	listed     *listCache
	noXattrs   atomic.Bool  // the gateway refused xattrs with stats (see xattrcache.go)
	cache      *readCache   // nil: no read cache
	feedAt     atomic.Int64 // when the last good read of the change feed began (unix nanos)
}

// New returns the file system of the client's bucket.
func New(c *fsapi.Client, opts Options, log *slog.Logger) *FS {
	opts.defaults()
	if log == nil {
		log = slog.Default()
	}
	var id [8]byte
	rand.Read(id[:])
	fs := &FS{c: c, opts: opts, log: log, session: hex.EncodeToString(id[:]), files: map[uint64]*file{},
		listed: newListCache(opts.ListTTL, 1<<20)}
	c.SetSession(fs.session)
	c.SetDeferredSync(opts.DeferredSync)
	if opts.CacheDir != "" {
		var err error
		if fs.cache, err = newReadCache(opts.CacheDir, opts.CacheSize, log); err != nil {
			log.Error("read cache off", "dir", opts.CacheDir, "err", err)
		}
	}
	return fs
}

// Log is the file system's logger.
func (fs *FS) Log() *slog.Logger { return fs.log }

// Session is the id of this mount.
func (fs *FS) Session() string { return fs.session }

// Client is the API client under the file system.
func (fs *FS) Client() *fsapi.Client { return fs.c }

// Errno is the errno of a VFS error.
func Errno(err error) syscall.Errno { return fsapi.Errno(err) }

// Join joins a directory path and a name.
func Join(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

// Stat describes path p, with the local view of an open file (unflushed
// size and times) applied.
func (fs *FS) Stat(ctx context.Context, p string) (Entry, error) {
	e, ok := fs.listed.getTrusting(p, fs.trustsFeed())
	if !ok {
		if err := fs.knownAbsent(p); err != nil {
			return e, err
		}
		var err error
		if e, err = fs.stat(ctx, p); err != nil {
			return e, err
		}
		if e.IsDir() && p != "" {
			fs.listed.set(p, e) // asked again after every create in it
		}
	}
	if f := fs.openFile(e.Ino); f != nil {
		f.apply(&e)
	}
	return e, nil
}

// ReadDir lists directory p whole. A name that appears as both an object
// and a directory is the directory.
func (fs *FS) ReadDir(ctx context.Context, p string) ([]Entry, error) {
	return fs.readDirWhole(ctx, p, func() ([]Entry, error) { return fs.readDir(ctx, p) })
}

func (fs *FS) readDir(ctx context.Context, p string) ([]Entry, error) {
	var out []Entry
	index := map[string]int{}
	after := ""
	for {
		page, err := fs.list(ctx, p, after)
		if err != nil {
			return nil, err
		}
		for _, e := range page.Entries {
			if f := fs.openFile(e.Ino); f != nil {
				f.apply(&e)
			}
			if i, ok := index[e.Name]; ok {
				if e.IsDir() {
					out[i] = e
				}
				continue
			}
			index[e.Name] = len(out)
			out = append(out, e)
		}
		if page.Next == "" {
			fs.listed.put(p, out)
			return out, nil
		}
		after = page.Next
	}
}

// Attrs are the attributes of a node being created.
type Attrs struct {
	Mode     uint32
	Uid, Gid uint32
	Rdev     uint32
}

func (a Attrs) file() filetree.FileAttr {
	return filetree.FileAttr{Mode: a.Mode, Uid: a.Uid, Gid: a.Gid, Rdev: a.Rdev}
}

// Mknod creates a special file (or an empty regular one).
func (fs *FS) Mknod(ctx context.Context, p string, a Attrs) (Entry, error) {
	return fs.created(p, func() (Entry, error) { return fs.c.Create(ctx, p, a.file(), true) })
}

// Mkdir creates a directory.
func (fs *FS) Mkdir(ctx context.Context, p string, a Attrs) (Entry, error) {
	return fs.mkdirWhole(p, func() (Entry, error) { return fs.c.Mkdir(ctx, p, a.file()) })
}

// Symlink creates a symbolic link.
func (fs *FS) Symlink(ctx context.Context, p, target string, a Attrs) (Entry, error) {
	return fs.created(p, func() (Entry, error) { return fs.c.Symlink(ctx, p, target, a.file()) })
}

// Link creates a hard link.
func (fs *FS) Link(ctx context.Context, oldPath, newPath string) (Entry, error) {
	fs.listed.clear()
	defer fs.listed.clear() // a listing under way may have missed the new name
	return fs.c.Link(ctx, oldPath, newPath)
}

// Rmdir removes an empty directory.
func (fs *FS) Rmdir(ctx context.Context, p string) error {
	fs.listed.clear()
	return fs.c.Rmdir(ctx, p)
}

// Unlink removes a name. A file this mount still has open is moved to
// the trash instead and removed at its last close, so that its open
// descriptors keep working (as NFS clients do).
func (fs *FS) Unlink(ctx context.Context, p string) error {
	if fs.openAt(p) {
		fs.listed.clear()
		moved, err := fs.trashIfOpen(ctx, p)
		if err != nil || moved {
			return err
		}
	}
	return fs.unlinked(p, func() (fsapi.Unlinked, error) { return fs.c.UnlinkTimed(ctx, p) })
}

// trashIfOpen moves the file at p to the trash if this mount has it open
// and p is its last name.
func (fs *FS) trashIfOpen(ctx context.Context, p string) (bool, error) {
	if !fs.openAt(p) {
		return false, nil // the common case, without a request
	}
	e, err := fs.c.Stat(ctx, p)
	if err != nil {
		return false, err
	}
	f := fs.openFile(e.Ino)
	if f == nil || e.Nlink > 1 || e.IsDir() {
		return false, nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.path != p {
		return false, nil
	}
	f.waitLocked() // its log write goes to the current name
	trash := filetree.TrashDir + "/" + fs.session + "-" + strconv.FormatUint(e.Ino, 16)
	if _, err := fs.c.Mkdir(ctx, filetree.TrashDir, filetree.FileAttr{Mode: 0o700}); err != nil && Errno(err) != syscall.EEXIST {
		return false, err
	}
	if err := fs.c.Rename(ctx, p, trash, 0); err != nil {
		return false, err
	}
	f.path, f.unlinked = trash, true
	return true, nil
}

// Rename moves a node; open files below it follow. A file it replaces
// that this mount has open goes to the trash first, like an unlink.
func (fs *FS) Rename(ctx context.Context, oldPath, newPath string, flags uint32) error {
	fs.listed.clear()
	defer fs.listed.clear() // a listing under way may have missed the new name
	if flags&filetree.RenameNoReplace == 0 && oldPath != newPath {
		if src, err := fs.c.Stat(ctx, oldPath); err == nil && !src.IsDir() {
			if dst, err := fs.c.Stat(ctx, newPath); err == nil && dst.Ino != src.Ino {
				if _, err := fs.trashIfOpen(ctx, newPath); err != nil {
					return err
				}
			}
		}
	}
	// Open files below the moved name are held (and their background
	// log writes finished) across the rename, so that no write goes to
	// a name that no longer exists.
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var moving []*file
	for _, f := range fs.files {
		f.mu.Lock()
		if f.path == oldPath || strings.HasPrefix(f.path, oldPath+"/") {
			f.waitLocked()
			moving = append(moving, f)
			continue
		}
		f.mu.Unlock()
	}
	defer func() {
		for _, f := range moving {
			f.mu.Unlock()
		}
	}()
	if err := fs.c.Rename(ctx, oldPath, newPath, flags); err != nil {
		return err
	}
	for _, f := range moving {
		f.path = newPath + f.path[len(oldPath):]
	}
	return nil
}

// SetAttrs are the changes of a setattr (nil = unchanged).
type SetAttrs struct {
	filetree.SetAttr
	Size *int64
	// Ino is the node's inode when the caller knows it (a FUSE node
	// does); 0 makes SetAttr find an open file at the path itself.
	Ino uint64
	// TimesNow says that the times set are "now" (utimensat with
	// UTIME_NOW, as touch sends), not values the caller chose.
	TimesNow bool
}

// SetAttr changes a node's attributes; h is the open handle the change
// comes through, if any.
func (fs *FS) SetAttr(ctx context.Context, p string, h *Handle, set SetAttrs) (Entry, error) {
	var f *file
	switch {
	case h != nil:
		f = h.f
	case set.Ino != 0:
		f = fs.openFile(set.Ino)
	default:
		f = fs.openFileAt(ctx, p)
	}
	asked := p
	if f != nil {
		p = f.currentPath()
	}
	if set.Size == nil && f != nil && fs.opts.LazyAttrs {
		if e, held := fs.holdSet(p, f, set.SetAttr); held {
			return e, nil
		}
	}
	if f != nil {
		if e, ok := fs.sameTick(p, f, set, time.Now().UnixNano()); ok {
			return e, nil
		}
	}
	fs.listed.forget(asked, p)
	if set.Size != nil {
		if f != nil {
			if err := f.truncate(ctx, *set.Size); err != nil {
				return Entry{}, err
			}
		} else if _, err := fs.c.Truncate(ctx, p, *set.Size, true); err != nil {
			return Entry{}, err
		}
	}
	if set.Mtime != nil && f != nil {
		f.setMtime(*set.Mtime)
	}
	var e Entry
	var err error
	if set.Mode != nil || set.Uid != nil || set.Gid != nil || set.Atime != nil || set.Mtime != nil {
		e, err = fs.c.SetAttr(ctx, p, set.SetAttr)
	} else {
		e, err = fs.c.Stat(ctx, p)
	}
	if err == nil {
		fs.listed.set(p, e)
	}
	if err == nil && f != nil {
		f.setBase(e)
		f.apply(&e)
	}
	return e, err
}

// openFileAt returns the file this mount has open at p, if any. Only
// while some file is open and none at p does it ask the gateway: p may
// be another name (a hard link) of an open file.
func (fs *FS) openFileAt(ctx context.Context, p string) *file {
	fs.mu.Lock()
	open := len(fs.files)
	for _, f := range fs.files {
		f.mu.Lock()
		at := f.path == p
		f.mu.Unlock()
		if at {
			fs.mu.Unlock()
			return f
		}
	}
	fs.mu.Unlock()
	if open == 0 {
		return nil
	}
	e, err := fs.c.Stat(ctx, p)
	if err != nil {
		return nil
	}
	return fs.openFile(e.Ino)
}

// Xattrs are a node's extended attributes.
func (fs *FS) Xattrs(ctx context.Context, p string) (map[string][]byte, error) {
	if m, ok := fs.listed.getXattrs(p); ok {
		return m, nil
	}
	m, err := fs.c.Xattrs(ctx, p)
	if err == nil {
		fs.listed.putXattrs(p, m)
	}
	return m, err
}

// SetXattr sets (or with nil, removes) an extended attribute.
func (fs *FS) SetXattr(ctx context.Context, p, name string, value []byte, flags uint32) error {
	fs.listed.clear()
	return fs.c.SetXattr(ctx, p, name, value, flags)
}

// openAt reports whether this mount has a file open under path p.
func (fs *FS) openAt(p string) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for _, f := range fs.files {
		f.mu.Lock()
		at := f.path == p
		f.mu.Unlock()
		if at {
			return true
		}
	}
	return false
}

// listTTL bounds how long a listed entry answers lookups. Changes made by
// this mount and changes the feed reports empty the cache at once, so
// this is only the backstop; it must outlast the lookups that follow a
// listing of a large directory (ls -l of 100,000 names takes seconds).
const listTTL = 30 * time.Second
