package sftp

import (
	"errors"
	"os"
	"syscall"

	"github.com/pkg/sftp"

	"github.com/strata-storage/strata/internal/vfs"
)

// status turns an error of the layers below into what pkg/sftp maps to
// an SFTP status code: an *os.PathError around an errno (ENOENT → no
// such file, EACCES/EPERM → permission denied, anything else →
// failure), which keeps the path and errno in the message the client
// sees.
func status(op, p string, err error) error {
	if err == nil {
		return nil
	}
	e := errno(err)
	if e == syscall.ENOSYS || e == syscall.EOPNOTSUPP {
		return sftp.ErrSSHFxOpUnsupported
	}
	return &os.PathError{Op: op, Path: p, Err: e}
}

// errno is the errno an error carries: a bare one (this package's own
// refusals) or a vfs error's.
func errno(err error) syscall.Errno {
	var e syscall.Errno
	if errors.As(err, &e) {
		return e
	}
	return vfs.Errno(err)
}
