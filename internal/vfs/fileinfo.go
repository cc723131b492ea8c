package vfs

import (
	"io/fs"
	"syscall"
	"time"
)

// FileInfo is an entry as the fs.FileInfo that the protocol libraries
// (FTP, SFTP, NFS, WebDAV) list and stat with. Uid and Gid answer
// pkg/sftp's FileInfoUidGid; Sys is the Entry.
type FileInfo struct {
	name string
	e    Entry
}

// NewFileInfo describes e under name (a base name).
func NewFileInfo(name string, e Entry) FileInfo { return FileInfo{name: name, e: e} }

func (fi FileInfo) Name() string       { return fi.name }
func (fi FileInfo) Size() int64        { return fi.e.Size }
func (fi FileInfo) ModTime() time.Time { return time.Unix(0, fi.e.Mtime) }
func (fi FileInfo) IsDir() bool        { return fi.e.IsDir() }
func (fi FileInfo) Mode() fs.FileMode  { return FileMode(fi.e.Mode) }
func (fi FileInfo) Sys() any           { return fi.e }
func (fi FileInfo) Uid() uint32        { return fi.e.Uid }
func (fi FileInfo) Gid() uint32        { return fi.e.Gid }

// Entry is the entry described.
func (fi FileInfo) Entry() Entry { return fi.e }

// FileMode turns a POSIX mode (type and permission bits, as in stat(2))
// into Go's.
func FileMode(m uint32) fs.FileMode {
	fm := fs.FileMode(m & 0o777)
	if m&syscall.S_ISUID != 0 {
		fm |= fs.ModeSetuid
	}
	if m&syscall.S_ISGID != 0 {
		fm |= fs.ModeSetgid
	}
	if m&syscall.S_ISVTX != 0 {
		fm |= fs.ModeSticky
	}
	switch m & syscall.S_IFMT {
	case syscall.S_IFDIR:
		fm |= fs.ModeDir
	case syscall.S_IFLNK:
		fm |= fs.ModeSymlink
	case syscall.S_IFIFO:
		fm |= fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		fm |= fs.ModeSocket
	case syscall.S_IFCHR:
		fm |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		fm |= fs.ModeDevice
	}
	return fm
}
