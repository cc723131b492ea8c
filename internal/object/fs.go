package object

import (
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"syscall"
	"time"
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
