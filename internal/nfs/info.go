package nfs

import (
	"errors"
	"os"
	"path"
	"syscall"
	"time"

	"github.com/willscott/go-nfs/file"

	"github.com/strata-storage/strata/internal/vfs"
)

// info presents a vfs entry as the os.FileInfo go-nfs reads attributes
// from; Sys carries the inode number, owner and link count.
type info struct {
	e    vfs.Entry
	name string
}

func (i info) Name() string       { return i.name }
func (i info) Size() int64        { return i.e.Size }
func (i info) Mode() os.FileMode  { return fileMode(i.e.Mode) }
func (i info) ModTime() time.Time { return time.Unix(0, i.e.Mtime) }
func (i info) IsDir() bool        { return i.e.IsDir() }
func (i info) Sys() any {
	return file.FileInfo{Nlink: max(i.e.Nlink, 1), UID: i.e.Uid, GID: i.e.Gid,
		Major: i.e.Rdev >> 8, Minor: i.e.Rdev & 0xff, Fileid: i.e.Ino}
}

func newInfo(p string, e vfs.Entry) info {
	name := e.Name
	if name == "" {
		name = path.Base("/" + p)
	}
	return info{e: e, name: name}
}

// fileMode turns a POSIX mode into Go's.
func fileMode(m uint32) os.FileMode {
	fm := os.FileMode(m & 0o777)
	if m&syscall.S_ISUID != 0 {
		fm |= os.ModeSetuid
	}
	if m&syscall.S_ISGID != 0 {
		fm |= os.ModeSetgid
	}
	if m&syscall.S_ISVTX != 0 {
		fm |= os.ModeSticky
	}
	switch m & syscall.S_IFMT {
	case syscall.S_IFDIR:
		fm |= os.ModeDir
	case syscall.S_IFLNK:
		fm |= os.ModeSymlink
	case syscall.S_IFIFO:
		fm |= os.ModeNamedPipe
	case syscall.S_IFSOCK:
		fm |= os.ModeSocket
	case syscall.S_IFCHR:
		fm |= os.ModeDevice | os.ModeCharDevice
	case syscall.S_IFBLK:
		fm |= os.ModeDevice
	}
	return fm
}

// pathErr turns a vfs error into the *os.PathError go-nfs maps to NFS
// status codes (through errors.Is with os.ErrNotExist, ErrPermission...).
func pathErr(op, p string, err error) error {
	if err == nil {
		return nil
	}
	return &os.PathError{Op: op, Path: p, Err: errno(err)}
}

// errno is the errno of any error of the layers below.
func errno(err error) syscall.Errno {
	var e syscall.Errno
	if errors.As(err, &e) {
		return e
	}
	return vfs.Errno(err)
}

// clean makes a go-nfs path a vfs path: relative, "" for the root.
func clean(p string) string {
	p = path.Clean("/" + p)
	return p[1:]
}
