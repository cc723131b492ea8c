package ftp

import (
	"io/fs"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/vfs"
)

// info is a vfs entry as the FTP library's listings (LIST, MLSD, MLST,
// SIZE, MDTM) read it.
type info struct {
	name string
	e    vfs.Entry
}

var _ fs.FileInfo = info{}

func (i info) Name() string       { return i.name }
func (i info) Size() int64        { return i.e.Size }
func (i info) ModTime() time.Time { return time.Unix(0, i.e.Mtime) }
func (i info) IsDir() bool        { return i.e.IsDir() }
func (i info) Sys() any           { return i.e }

// Mode converts the POSIX mode to Go's.
func (i info) Mode() fs.FileMode {
	m := fs.FileMode(i.e.Mode & 0o777)
	switch i.e.Mode & syscall.S_IFMT {
	case syscall.S_IFDIR:
		m |= fs.ModeDir
	case syscall.S_IFLNK:
		m |= fs.ModeSymlink
	case syscall.S_IFIFO:
		m |= fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		m |= fs.ModeSocket
	case syscall.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		m |= fs.ModeDevice
	}
	return m
}
