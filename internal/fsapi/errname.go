package fsapi

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// Errno numbers differ between systems (ENOTEMPTY is 39 on Linux, 66 on
// macOS and FreeBSD), so an error answer names its errno too, and the
// client takes its own system's number for that name.

// errnoByName is this system's errno for each name it knows.
var errnoByName = func() map[string]syscall.Errno {
	m := map[string]syscall.Errno{}
	for e := syscall.Errno(1); e < 1024; e++ {
		if name := unix.ErrnoName(e); name != "" {
			if _, dup := m[name]; !dup {
				m[name] = e
			}
		}
	}
	return m
}()

// ErrnoName is the name an error answer gives errno ("ENOTEMPTY"), or ""
// for a number this system does not name.
func ErrnoName(errno syscall.Errno) string { return unix.ErrnoName(errno) }

// localErrno is the errno the client returns for an error answer: this
// system's number for the answer's name when it knows the name, the
// gateway's number when the answer has no name (a gateway before names),
// and EIO for a name this system does not have (better a plain I/O
// error than another error's number).
func (eb ErrorBody) localErrno() syscall.Errno {
	if eb.Name == "" {
		return syscall.Errno(eb.Errno)
	}
	if e, ok := errnoByName[eb.Name]; ok {
		return e
	}
	return syscall.EIO
}
