package sftp

import (
	"io"
	"os"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/vfs"
)

// fileInfo is a vfs entry as os.FileInfo, with its owner for SFTP's
// attributes (pkg/sftp reads Uid and Gid through sftp.FileInfoUidGid).
type fileInfo struct {
	name string
	e    vfs.Entry
}

func (fi fileInfo) Name() string       { return fi.name }
func (fi fileInfo) Size() int64        { return fi.e.Size }
func (fi fileInfo) ModTime() time.Time { return time.Unix(0, fi.e.Mtime) }
func (fi fileInfo) IsDir() bool        { return fi.e.IsDir() }
func (fi fileInfo) Sys() any           { return nil }
func (fi fileInfo) Uid() uint32        { return fi.e.Uid }
func (fi fileInfo) Gid() uint32        { return fi.e.Gid }

// Mode converts the POSIX mode the vfs keeps to Go's file mode.
func (fi fileInfo) Mode() os.FileMode {
	m := os.FileMode(fi.e.Mode & 0o777)
	if fi.e.Mode&syscall.S_ISUID != 0 {
		m |= os.ModeSetuid
	}
	if fi.e.Mode&syscall.S_ISGID != 0 {
		m |= os.ModeSetgid
	}
	if fi.e.Mode&syscall.S_ISVTX != 0 {
		m |= os.ModeSticky
	}
	switch fi.e.Mode & syscall.S_IFMT {
	case syscall.S_IFDIR:
		m |= os.ModeDir
	case syscall.S_IFLNK:
		m |= os.ModeSymlink
	case syscall.S_IFIFO:
		m |= os.ModeNamedPipe
	case syscall.S_IFSOCK:
		m |= os.ModeSocket
	case syscall.S_IFCHR:
		m |= os.ModeDevice | os.ModeCharDevice
	case syscall.S_IFBLK:
		m |= os.ModeDevice
	}
	return m
}

// lister serves a listing (or one stat) to pkg/sftp in pages.
type lister []os.FileInfo

func (l lister) ListAt(out []os.FileInfo, off int64) (int, error) {
	if off >= int64(len(l)) {
		return 0, io.EOF
	}
	n := copy(out, l[off:])
	if n < len(out) {
		return n, io.EOF
	}
	return n, nil
}
