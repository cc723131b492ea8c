package ftp

import (
	"errors"
	"syscall"

	ftpserver "github.com/fclairamb/ftpserverlib"

	"github.com/strata-storage/strata/internal/vfs"
)

// fsError is the error the FTP library gets from this package's file
// system: an errno, which the library turns into a reply code (see Is),
// and whose text is all the client reads. The vfs message behind it,
// which may name internal requests, goes to the log only.
type fsError struct {
	op, path string
	errno    syscall.Errno
}

func (e *fsError) Error() string { return e.op + " " + e.path + ": " + e.errno.Error() }

func (e *fsError) Unwrap() error { return e.errno }

// Is maps errnos to the library's sentinels, which choose the reply:
// 552 for an exceeded quota, 553 for a name the store refuses; every
// other error is the library's default for the command (550 mostly).
// os.ErrNotExist and friends match through the errno (Unwrap).
func (e *fsError) Is(target error) bool {
	switch target {
	case ftpserver.ErrStorageExceeded:
		return e.errno == syscall.ENOSPC || e.errno == syscall.EDQUOT
	case ftpserver.ErrFileNameNotAllowed:
		return e.errno == syscall.EINVAL || e.errno == syscall.ENAMETOOLONG
	}
	return false
}

// pathErr wraps a vfs error (or an errno) for op on path p.
func (d *driver) pathErr(op, p string, err error) error {
	if err == nil {
		return nil
	}
	var fe *fsError
	if errors.As(err, &fe) {
		return fe
	}
	n := vfs.Errno(err)
	if n == 0 {
		n = syscall.EIO
	}
	d.log.Debug("ftp operation failed", "op", op, "path", p, "err", err)
	return &fsError{op: op, path: p, errno: n}
}

// errnoErr is an error made here, not by the vfs.
func errnoErr(op, p string, n syscall.Errno) error { return &fsError{op: op, path: p, errno: n} }
