package nfs

import (
	"errors"
	"os"
	"path"
	"syscall"

	"github.com/willscott/go-nfs/file"

	"github.com/strata-storage/strata/internal/vfs"
)

// info is a vfs entry as the os.FileInfo go-nfs reads attributes from;
// Sys carries the inode number, owner and link count as go-nfs wants.
type info struct{ vfs.FileInfo }

func (i info) Sys() any {
	e := i.Entry()
	return file.FileInfo{Nlink: max(e.Nlink, 1), UID: e.Uid, GID: e.Gid,
		Major: e.Rdev >> 8, Minor: e.Rdev & 0xff, Fileid: e.Ino}
}

func newInfo(p string, e vfs.Entry) info {
	name := e.Name
	if name == "" {
		name = path.Base("/" + p)
	}
	return info{vfs.NewFileInfo(name, e)}
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
