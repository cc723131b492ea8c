package ftp

import (
	"context"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"sync"
	"syscall"
	"time"

	ftpserver "github.com/fclairamb/ftpserverlib"
	"github.com/spf13/afero"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/vfs"
)

// driver is one logged-in client's file system: the session's tree,
// "/BUCKET/path", as the afero.Fs the FTP library drives. The library
// runs one command at a time per client (a transfer runs beside ABOR,
// STAT and QUIT only), so a driver is not shared by concurrent commands.
type driver struct {
	sess *shares.Session
	log  *slog.Logger
	open *sync.WaitGroup // the server's count of open files

	mu    sync.Mutex
	files int  // files open, each a share of the session
	gone  bool // the client left: the last file to close ends the session
}

var (
	_ afero.Fs                                    = (*driver)(nil)
	_ ftpserver.ClientDriverExtensionFileList     = (*driver)(nil)
	_ ftpserver.ClientDriverExtentionFileTransfer = (*driver)(nil)
	_ ftpserver.ClientDriverExtensionRemoveDir    = (*driver)(nil)
)

func newDriver(sess *shares.Session, open *sync.WaitGroup) *driver {
	return &driver{sess: sess, log: sess.Log(), open: open}
}

// ctx is the context of one operation. A client's commands are not
// cancelled when it leaves: the file a transfer had open must still be
// cleaned up (see upload.Close) after the library reports the departure.
func (d *driver) ctx() context.Context { return context.Background() }

// hold and drop count open files, so that the session outlives the
// client's departure until its last file is released.
func (d *driver) hold() {
	d.open.Add(1)
	d.mu.Lock()
	d.files++
	d.mu.Unlock()
}

func (d *driver) drop() {
	d.mu.Lock()
	d.files--
	end := d.gone && d.files == 0
	d.mu.Unlock()
	if end {
		d.sess.Close()
	}
	d.open.Done()
}

// leave is the client's departure.
func (d *driver) leave() {
	d.mu.Lock()
	d.gone = true
	end := d.files == 0
	d.mu.Unlock()
	if end {
		d.sess.Close()
	}
}

// bucketFS resolves a path to its bucket's file system and the path in it.
func (d *driver) bucketFS(op, p string) (*vfs.FS, string, error) {
	bucket, rel := shares.Split(p)
	if bucket == "" {
		return nil, "", errnoErr(op, p, syscall.EISDIR)
	}
	fsys, err := d.sess.FS(d.ctx(), bucket)
	if err != nil {
		return nil, "", d.pathErr(op, p, err)
	}
	return fsys, rel, nil
}

func (d *driver) Name() string { return "strata" }

func (d *driver) Stat(name string) (os.FileInfo, error) {
	e, err := d.sess.Stat(d.ctx(), name)
	if err != nil {
		return nil, d.pathErr("stat", name, err)
	}
	return vfs.NewFileInfo(path.Base(path.Clean("/"+name)), e), nil
}

// ReadDir lists a folder; at the root, the buckets.
func (d *driver) ReadDir(name string) ([]os.FileInfo, error) {
	ents, err := d.sess.ReadDir(d.ctx(), name)
	if err != nil {
		return nil, d.pathErr("list", name, err)
	}
	out := make([]os.FileInfo, len(ents))
	for i, e := range ents {
		out[i] = vfs.NewFileInfo(e.Name, e)
	}
	return out, nil
}

// Mkdir makes a folder; at the root, a bucket.
func (d *driver) Mkdir(name string, perm os.FileMode) error {
	bucket, rel := shares.Split(name)
	switch {
	case bucket == "":
		return errnoErr("mkdir", name, syscall.EEXIST)
	case rel == "":
		return d.pathErr("mkdir", name, d.sess.MakeBucket(d.ctx(), bucket))
	}
	fsys, rel, err := d.bucketFS("mkdir", name)
	if err != nil {
		return err
	}
	_, err = fsys.Mkdir(d.ctx(), rel, vfs.Attrs{Mode: uint32(perm.Perm())})
	return d.pathErr("mkdir", name, err)
}

func (d *driver) MkdirAll(name string, perm os.FileMode) error {
	p := path.Clean("/" + name)
	if p == "/" {
		return nil
	}
	if e, err := d.sess.Stat(d.ctx(), p); err == nil {
		if !e.IsDir() {
			return errnoErr("mkdir", name, syscall.ENOTDIR)
		}
		return nil
	}
	if err := d.MkdirAll(path.Dir(p), perm); err != nil {
		return err
	}
	if err := d.Mkdir(p, perm); err != nil && !os.IsExist(err) {
		return err
	}
	return nil
}

// Remove removes a file, or an empty folder or bucket.
func (d *driver) Remove(name string) error {
	e, err := d.sess.Stat(d.ctx(), name)
	if err != nil {
		return d.pathErr("remove", name, err)
	}
	if e.IsDir() {
		return d.RemoveDir(name)
	}
	fsys, rel, err := d.bucketFS("remove", name)
	if err != nil {
		return err
	}
	return d.pathErr("remove", name, fsys.Unlink(d.ctx(), rel))
}

// RemoveDir is RMD: an empty folder, or at the root an empty bucket.
func (d *driver) RemoveDir(name string) error {
	bucket, rel := shares.Split(name)
	switch {
	case bucket == "":
		return errnoErr("rmdir", name, syscall.EBUSY)
	case rel == "":
		return d.pathErr("rmdir", name, d.sess.RemoveBucket(d.ctx(), bucket))
	}
	fsys, rel, err := d.bucketFS("rmdir", name)
	if err != nil {
		return err
	}
	return d.pathErr("rmdir", name, fsys.Rmdir(d.ctx(), rel))
}

// RemoveAll removes a tree (SITE RMDIR); a bucket's own folder is kept
// out of reach, as deleting a bucket is RMD's alone.
func (d *driver) RemoveAll(name string) error {
	bucket, rel := shares.Split(name)
	if rel == "" {
		return errnoErr("rmdir", name, syscall.EPERM)
	}
	e, err := d.sess.Stat(d.ctx(), name)
	if err != nil {
		if vfs.Errno(err) == syscall.ENOENT {
			return nil
		}
		return d.pathErr("rmdir", name, err)
	}
	if e.IsDir() {
		ents, err := d.sess.ReadDir(d.ctx(), name)
		if err != nil {
			return d.pathErr("rmdir", name, err)
		}
		for _, c := range ents {
			if err := d.RemoveAll("/" + bucket + "/" + vfs.Join(rel, c.Name)); err != nil {
				return err
			}
		}
	}
	return d.Remove(name)
}

// Rename is RNFR/RNTO, inside one bucket (a move between buckets would be
// a copy: EXDEV, as between two file systems).
func (d *driver) Rename(oldName, newName string) error {
	ob, orel := shares.Split(oldName)
	nb, nrel := shares.Split(newName)
	switch {
	case orel == "" || nrel == "":
		return errnoErr("rename", oldName, syscall.EPERM) // buckets keep their names
	case ob != nb:
		return errnoErr("rename", oldName, syscall.EXDEV)
	}
	fsys, _, err := d.bucketFS("rename", oldName)
	if err != nil {
		return err
	}
	return d.pathErr("rename", oldName, fsys.Rename(d.ctx(), orel, nrel, 0))
}

// setAttr changes attributes of a path in a bucket.
func (d *driver) setAttr(op, name string, set vfs.SetAttrs) error {
	fsys, rel, err := d.bucketFS(op, name)
	if err != nil {
		return err
	}
	if rel == "" {
		return errnoErr(op, name, syscall.EPERM)
	}
	_, err = fsys.SetAttr(d.ctx(), rel, nil, set)
	return d.pathErr(op, name, err)
}

// Chmod is SITE CHMOD.
func (d *driver) Chmod(name string, mode os.FileMode) error {
	var set vfs.SetAttrs
	m := uint32(mode.Perm())
	set.Mode = &m
	return d.setAttr("chmod", name, set)
}

// Chown is SITE CHOWN.
func (d *driver) Chown(name string, uid, gid int) error {
	var set vfs.SetAttrs
	u, g := uint32(uid), uint32(gid)
	set.Uid, set.Gid = &u, &g
	return d.setAttr("chown", name, set)
}

// Chtimes is MFMT (and SITE UTIME).
func (d *driver) Chtimes(name string, atime, mtime time.Time) error {
	var set vfs.SetAttrs
	a, m := atime.UnixNano(), mtime.UnixNano()
	set.Atime, set.Mtime = &a, &m
	return d.setAttr("chtimes", name, set)
}

func (d *driver) Create(name string) (afero.File, error) {
	return d.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
}

func (d *driver) Open(name string) (afero.File, error) { return d.OpenFile(name, os.O_RDONLY, 0) }

// OpenFile opens a file in place, as open(2) would; a folder opens for
// listing only. Transfers come through GetHandle instead.
func (d *driver) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	if flag&os.O_CREATE == 0 || flag&(os.O_WRONLY|os.O_RDWR) == 0 {
		e, err := d.sess.Stat(d.ctx(), name)
		if err != nil {
			return nil, d.pathErr("open", name, err)
		}
		if e.IsDir() {
			return &dir{d: d, name: name, e: e}, nil
		}
	}
	fsys, rel, err := d.bucketFS("open", name)
	if err != nil {
		return nil, err
	}
	return d.openIn(fsys, name, rel, flag, perm)
}

// openIn opens rel in fsys (name is the client's path, for errors).
func (d *driver) openIn(fsys *vfs.FS, name, rel string, flag int, perm fs.FileMode) (*file, error) {
	if rel == "" {
		return nil, errnoErr("open", name, syscall.EISDIR)
	}
	var h *vfs.Handle
	var e vfs.Entry
	var err error
	if flag&os.O_CREATE != 0 {
		e, h, err = fsys.Create(d.ctx(), rel, vfs.Attrs{Mode: uint32(perm.Perm())}, flag)
	} else if e, err = fsys.Stat(d.ctx(), rel); err == nil {
		h, err = fsys.Open(d.ctx(), rel, e, flag)
	}
	if err != nil {
		return nil, d.pathErr("open", name, err)
	}
	d.hold()
	return &file{d: d, fs: fsys, h: h, name: name, created: e.Created}, nil
}
