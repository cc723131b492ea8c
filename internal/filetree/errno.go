package filetree

import (
	"errors"
	"fmt"
	"strings"
	"syscall"

	"github.com/strata-storage/strata/internal/strata"
)

// Errorf is a file-system error carrying its errno, with the strata Kind
// that fits it.
func Errorf(op string, errno syscall.Errno, format string, args ...any) error {
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
	if err == nil {
		return 0
	}
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
