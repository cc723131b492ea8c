package vfs

import (
	"io/fs"
	"syscall"
	"testing"
)

func TestFileMode(t *testing.T) {
	for m, want := range map[uint32]fs.FileMode{
		syscall.S_IFREG | 0o644:                    0o644,
		syscall.S_IFDIR | 0o755:                    fs.ModeDir | 0o755,
		syscall.S_IFLNK | 0o777:                    fs.ModeSymlink | 0o777,
		syscall.S_IFREG | syscall.S_ISUID | 0o755:  fs.ModeSetuid | 0o755,
		syscall.S_IFDIR | syscall.S_ISVTX | 0o1777: fs.ModeDir | fs.ModeSticky | 0o777,
		syscall.S_IFCHR | 0o600:                    fs.ModeDevice | fs.ModeCharDevice | 0o600,
		syscall.S_IFIFO | 0o600:                    fs.ModeNamedPipe | 0o600,
	} {
		if got := FileMode(m); got != want {
			t.Errorf("FileMode(%o) = %v, want %v", m, got, want)
		}
	}
	fi := NewFileInfo("a", Entry{Mode: syscall.S_IFDIR | 0o755, Uid: 7, Gid: 8, Size: 3})
	if !fi.IsDir() || fi.Name() != "a" || fi.Uid() != 7 || fi.Gid() != 8 || fi.Size() != 3 || !fi.Mode().IsDir() {
		t.Errorf("FileInfo of a directory: %+v", fi)
	}
}
