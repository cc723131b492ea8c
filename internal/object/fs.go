package object

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// The file view of a bucket (dual access). A file is the object at its
// path; a directory is the prefix "path/", made explicit by a marker
// object "path/" when it was created through a mount (or holds nothing),
// implicit when only keys below it exist. The rules for names that do
// not fit a file tree are in docs/DESIGN.md ("Files and objects"):
//   - a directory wins over an object of the same name ("a/b" beside
//     "a/b/c"): the object stays reachable through S3 only;
//   - keys with an empty, ".", ".." or over-long (255 bytes) component
//     are not shown in mounts.
//
// File-system attributes live in the object's record (FileAttr); user.*
// xattrs are the object's user metadata (x-amz-meta-*).

// FileAttr holds what a file system knows about an object beyond S3.
type FileAttr struct {
	Ino    uint64            `json:"i"`
	Mode   uint32            `json:"m"` // type and permission bits, as in stat(2)
	Uid    uint32            `json:"u,omitempty"`
	Gid    uint32            `json:"g,omitempty"`
	Atime  int64             `json:"a,omitempty"` // nanoseconds; 0 = the version's time
	Mtime  int64             `json:"t,omitempty"`
	Ctime  int64             `json:"c,omitempty"`
	Nlink  uint32            `json:"l,omitempty"` // > 1 for hard-linked files
	Target string            `json:"s,omitempty"` // symlink target
	Rdev   uint32            `json:"r,omitempty"`
	Xattr  map[string][]byte `json:"x,omitempty"` // xattrs that are not plain user metadata
}

// Entry is a file, directory or symlink as a mount sees it.
type Entry struct {
	Name   string `json:"name,omitempty"` // in listings
	Ino    uint64 `json:"ino"`
	Mode   uint32 `json:"mode"`
	Uid    uint32 `json:"uid"`
	Gid    uint32 `json:"gid"`
	Nlink  uint32 `json:"nlink"`
	Size   int64  `json:"size"`
	Atime  int64  `json:"atime"`
	Mtime  int64  `json:"mtime"`
	Ctime  int64  `json:"ctime"`
	Target string `json:"target,omitempty"`
	Rdev   uint32 `json:"rdev,omitempty"`
	// Created is set by FSCreate when it made the file (rather than
	// finding it there).
	Created bool `json:"created,omitempty"`
	// Locked: the current version is under Object Lock, so the file is
	// read-only (open for writing fails with EPERM).
	Locked bool `json:"locked,omitempty"`
}

// IsDir reports whether the entry is a directory.
func (e Entry) IsDir() bool { return e.Mode&syscall.S_IFMT == syscall.S_IFDIR }

// SetAttr lists the attributes a setattr changes (nil = unchanged).
type SetAttr struct {
	Mode  *uint32 `json:"mode,omitempty"`
	Uid   *uint32 `json:"uid,omitempty"`
	Gid   *uint32 `json:"gid,omitempty"`
	Atime *int64  `json:"atime,omitempty"`
	Mtime *int64  `json:"mtime,omitempty"`
}

// Run is one extent of a log write: Len bytes of the body at file offset Off.
type Run struct {
	Off int64 `json:"off"`
	Len int64 `json:"len"`
}

// RootIno is the inode number of a bucket's root directory.
const RootIno = 1

// MaxNameLen is the longest file name a mount shows.
const MaxNameLen = 255

// MaxPathLen is the longest path a mount accepts (Linux's PATH_MAX). Files
// with paths beyond S3's 1,024-byte key limit are objects that S3 lists
// and reads but cannot create.
const MaxPathLen = 4096

// fsErr is a file-system error carrying its errno.
func fsErr(op string, errno syscall.Errno, format string, args ...any) error {
	kind := strata.Other
	switch errno {
	case syscall.ENOENT:
		kind = strata.NotExist
	case syscall.EEXIST:
		kind = strata.Exist
	case syscall.ENOTEMPTY:
		kind = strata.NotEmpty
	case syscall.EINVAL, syscall.ENAMETOOLONG:
		kind = strata.Invalid
	case syscall.EPERM, syscall.EACCES:
		kind = strata.Permission
	default:
		kind = strata.Invalid
	}
	msg := errno.Error()
	if format != "" {
		msg = strings.TrimSpace(msg + ": " + fmt.Sprintf(format, args...))
	}
	return strata.E(op, kind, &errnoError{errno: errno, msg: msg})
}

type errnoError struct {
	errno syscall.Errno
	msg   string
}

func (e *errnoError) Error() string { return e.msg }
func (e *errnoError) Unwrap() error { return e.errno }

// Errno returns the errno an error maps to in a file system.
func Errno(err error) syscall.Errno {
	var en syscall.Errno
	if errors.As(err, &en) {
		return en
	}
	switch strata.KindOf(err) {
	case strata.NotExist:
		return syscall.ENOENT
	case strata.Exist:
		return syscall.EEXIST
	case strata.NotEmpty:
		return syscall.ENOTEMPTY
	case strata.Invalid:
		return syscall.EINVAL
	case strata.Permission:
		return syscall.EACCES
	case strata.Unavailable:
		return syscall.EAGAIN
	case strata.NoSpace:
		return syscall.ENOSPC // e.g. a quota (QuotaExceeded)
	}
	return syscall.EIO
}

// derivedIno is the inode number of a name that has none recorded: a
// stable hash, with the top bit set so it never meets a random one.
func derivedIno(name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64() | 1<<63
}

// newIno picks the inode number of a file created through a mount.
func newIno() uint64 { return rand.Uint64()&^(1<<63) | 2 }

// validName reports whether a path component can be a file name.
func validName(n string) bool {
	return n != "" && n != "." && n != ".." && len(n) <= MaxNameLen && !strings.ContainsRune(n, '/')
}

// validPath checks every component of a mount path ("" is the root).
func validPath(op, p string) error {
	if p == "" {
		return nil
	}
	for c := range strings.SplitSeq(p, "/") {
		if len(c) > MaxNameLen {
			return fsErr(op, syscall.ENAMETOOLONG, "%q", c)
		}
		if !validName(c) {
			return fsErr(op, syscall.EINVAL, "bad path %q", p)
		}
	}
	if len(p) > MaxPathLen-1 {
		return fsErr(op, syscall.ENAMETOOLONG, "path longer than PATH_MAX")
	}
	return nil
}

// parentOf returns the parent path of p ("" for top-level names).
func parentOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// dirKey is the marker key of directory p.
func dirKey(p string) string { return p + "/" }

// entryOf makes the entry of a file or explicit-directory record.
func entryOf(rec *record, size int64) Entry {
	t := rec.Nanos
	e := Entry{Ino: derivedIno(rec.Info.Key), Mode: syscall.S_IFREG | 0o644, Nlink: 1, Size: size,
		Atime: t, Mtime: t, Ctime: t, Locked: rec.Info.ObjectLock.Locked(time.Now())}
	if strings.HasSuffix(rec.Info.Key, "/") {
		e.Mode, e.Nlink, e.Size = syscall.S_IFDIR|0o755, 2, 0
	}
	if a := rec.FS; a != nil {
		if a.Ino != 0 {
			e.Ino = a.Ino
		}
		if a.Mode != 0 {
			e.Mode = a.Mode
		}
		e.Uid, e.Gid, e.Target, e.Rdev = a.Uid, a.Gid, a.Target, a.Rdev
		if a.Nlink > 1 {
			e.Nlink = a.Nlink
		}
		if a.Mtime != 0 {
			e.Mtime = a.Mtime
		}
		if a.Atime != 0 {
			e.Atime = a.Atime
		}
		if a.Ctime != 0 {
			e.Ctime = a.Ctime
		}
	}
	return e
}

// implicitDir is the entry of a directory that only exists as a prefix.
func implicitDir(p string) Entry {
	return Entry{Ino: derivedIno(dirKey(p)), Mode: syscall.S_IFDIR | 0o755, Nlink: 2}
}

// fsAttrs returns rec's FileAttr, created with the values a mount has
// shown so far (so the inode number stays what it was).
func fsAttrs(rec *record) *FileAttr {
	if rec.FS != nil {
		if rec.FS.Ino == 0 {
			rec.FS.Ino = derivedIno(rec.Info.Key)
		}
		return rec.FS
	}
	e := entryOf(rec, rec.Info.Size)
	rec.FS = &FileAttr{Ino: e.Ino, Mode: e.Mode, Mtime: e.Mtime, Atime: e.Atime, Ctime: e.Ctime}
	return rec.FS
}

func nowNanos() int64 { return time.Now().UnixNano() }
