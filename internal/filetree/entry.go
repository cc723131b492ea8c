package filetree

import "syscall"

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
	// Xattrs are the node's extended attributes, sent with stats and
	// listings that ask for them (XattrsKnown set), so that the getxattr
	// calls of ls -l are answered without a request per name.
	Xattrs      map[string][]byte `json:"xattrs,omitempty"`
	XattrsKnown bool              `json:"xk,omitempty"`
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

// Rename flags, as in renameat2(2).
const (
	RenameNoReplace = 1
	RenameExchange  = 2
)

// Xattr flags, as in setxattr(2).
const (
	XattrCreate  = 1
	XattrReplace = 2
)

// MaxXattrSize bounds one xattr value, as Linux does.
const MaxXattrSize = 64 << 10

// TrashDir holds files unlinked while a mount still has them open, until
// their last close. It is hidden from mounts.
const TrashDir = ".strata-trash"
