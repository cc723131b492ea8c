package webdav

import (
	"context"
	"os"
	"path"
	"strings"
	"syscall"

	xwebdav "golang.org/x/net/webdav"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/vfs"
)

// fileSystem is x/net/webdav's FileSystem over one request of a session:
// "/" holds the buckets, "/BUCKET/path" is a path of that bucket's vfs.
// It lives for one request, so its stat cache (filled by directory
// listings, which PROPFIND follows with a stat of every child) is never
// staler than the request.
type fileSystem struct {
	ctx      context.Context
	sess     *shares.Session
	rw       *statusWriter
	liveOnly bool // a PROPFIND that asks for no dead property
	probe    bool // a GET or HEAD: check that the content is readable before the 200 goes out

	stats map[string]vfs.Entry
}

var _ xwebdav.FileSystem = (*fileSystem)(nil)

// trashName is the vfs's folder of open-but-unlinked files: never shown.
const trashName = ".strata-trash"

// fail records err's errno for the status rewrite and returns it as the
// *os.PathError x/net/webdav tests with os.IsNotExist and friends.
func (f *fileSystem) fail(op, name string, err error) error {
	if err == nil {
		return nil
	}
	e := errnoOf(err)
	f.rw.noteErrno(e)
	return &os.PathError{Op: op, Path: name, Err: e}
}

func (f *fileSystem) changed() { f.stats = nil }

// bucketFS returns the file system of name's bucket and the path in it.
func (f *fileSystem) bucketFS(name string) (*vfs.FS, string, error) {
	bucket, rel := shares.Split(name)
	if bucket == "" {
		return nil, "", syscall.EACCES
	}
	fs, err := f.sess.FS(f.ctx, bucket)
	return fs, rel, err
}

func hidden(name string) bool {
	_, rel := shares.Split(name)
	return rel == trashName || strings.HasPrefix(rel, trashName+"/")
}

// Mkdir creates a collection; at the root, a bucket.
func (f *fileSystem) Mkdir(ctx context.Context, name string, perm os.FileMode) error {
	f.changed()
	bucket, rel := shares.Split(name)
	switch {
	case bucket == "":
		return f.fail("mkdir", name, syscall.EEXIST)
	case rel == "":
		return f.fail("mkdir", name, f.sess.MakeBucket(ctx, bucket))
	}
	fs, err := f.sess.FS(ctx, bucket)
	if err == nil {
		_, err = fs.Mkdir(ctx, rel, vfs.Attrs{Mode: syscall.S_IFDIR | 0o755})
	}
	return f.fail("mkdir", name, err)
}

// Stat describes name.
func (f *fileSystem) Stat(ctx context.Context, name string) (os.FileInfo, error) {
	e, err := f.stat(ctx, name)
	if err != nil {
		return nil, err
	}
	return newInfo(name, e), nil
}

func (f *fileSystem) stat(ctx context.Context, name string) (vfs.Entry, error) {
	name = path.Clean("/" + name)
	if e, ok := f.stats[name]; ok {
		return e, nil
	}
	if hidden(name) {
		return vfs.Entry{}, f.fail("stat", name, syscall.ENOENT)
	}
	e, err := f.sess.Stat(ctx, name)
	return e, f.fail("stat", name, err)
}

// remember keeps a listing's entries for the stats that follow it.
func (f *fileSystem) remember(dir string, ents []vfs.Entry) {
	if f.stats == nil {
		f.stats = make(map[string]vfs.Entry, len(ents))
	}
	dir = path.Clean("/" + dir)
	for _, e := range ents {
		f.stats[path.Join(dir, e.Name)] = e
	}
}

// OpenFile opens name. Reads open the vfs handle on first use (PROPFIND
// opens every resource it describes, and reads none); writes open it at
// once, creating the file with O_CREATE.
func (f *fileSystem) OpenFile(ctx context.Context, name string, flag int, perm os.FileMode) (xwebdav.File, error) {
	name = path.Clean("/" + name)
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_TRUNC) == 0 {
		e, err := f.stat(ctx, name)
		if err != nil {
			return nil, err
		}
		fl := &file{fsys: f, name: name, e: e}
		if f.probe && !e.IsDir() && e.Size > 0 {
			// Reading may be denied where a stat is not: find out now,
			// while the status can still say so.
			if err := fl.probe(); err != nil {
				return nil, err
			}
		}
		return fl, nil
	}
	f.changed()
	fs, rel, err := f.bucketFS(name)
	if err != nil {
		return nil, f.fail("open", name, err)
	}
	if rel == "" || hidden(name) {
		return nil, f.fail("open", name, syscall.EISDIR)
	}
	var e vfs.Entry
	var h *vfs.Handle
	mode := flag & (os.O_WRONLY | os.O_RDWR | os.O_TRUNC | os.O_EXCL)
	if flag&os.O_CREATE != 0 {
		e, h, err = fs.Create(ctx, rel, vfs.Attrs{Mode: syscall.S_IFREG | 0o644}, mode)
	} else if e, err = fs.Stat(ctx, rel); err == nil {
		h, err = fs.Open(ctx, rel, e, mode)
	}
	if err != nil {
		return nil, f.fail("open", name, err)
	}
	if !e.Created {
		f.rw.existed = true
	}
	return &file{fsys: f, name: name, e: e, fs: fs, rel: rel, h: h, write: true}, nil
}

// RemoveAll deletes name and everything below it; a bucket is emptied
// and deleted.
func (f *fileSystem) RemoveAll(ctx context.Context, name string) error {
	f.changed()
	bucket, rel := shares.Split(name)
	if bucket == "" || hidden(name) {
		return f.fail("remove", name, syscall.EACCES)
	}
	fs, err := f.sess.FS(ctx, bucket)
	if err == nil {
		err = removeTree(ctx, fs, rel)
	}
	if err == nil && rel == "" {
		err = f.sess.RemoveBucket(ctx, bucket)
	}
	if errnoOf(err) == syscall.ENOENT {
		return nil // as os.RemoveAll
	}
	return f.fail("remove", name, err)
}

// removeTree removes p (the bucket's content when p is "").
func removeTree(ctx context.Context, fs *vfs.FS, p string) error {
	e, err := fs.Stat(ctx, p)
	if err != nil {
		return err
	}
	if !e.IsDir() {
		return fs.Unlink(ctx, p)
	}
	ents, err := fs.ReadDir(ctx, p)
	if err != nil {
		return err
	}
	for _, c := range ents {
		if p == "" && c.Name == trashName {
			continue
		}
		cp := vfs.Join(p, c.Name)
		if c.IsDir() {
			err = removeTree(ctx, fs, cp)
		} else {
			err = fs.Unlink(ctx, cp)
		}
		if err != nil && vfs.Errno(err) != syscall.ENOENT {
			return err
		}
	}
	if p == "" {
		return nil
	}
	return fs.Rmdir(ctx, p)
}

// Rename moves a file or a collection inside a bucket (vfs Rename, one
// step in the namespace). Across buckets it is EXDEV (502, as RFC 4918
// answers a destination on another server).
func (f *fileSystem) Rename(ctx context.Context, oldName, newName string) error {
	f.changed()
	ob, orel := shares.Split(oldName)
	nb, nrel := shares.Split(newName)
	switch {
	case ob == "" || nb == "" || orel == "" || nrel == "" || hidden(oldName) || hidden(newName):
		return f.fail("rename", oldName, syscall.EACCES)
	case ob != nb:
		return f.fail("rename", oldName, syscall.EXDEV)
	}
	fs, err := f.sess.FS(ctx, ob)
	if err == nil {
		err = fs.Rename(ctx, orel, nrel, 0)
	}
	return f.fail("rename", oldName, err)
}
