//go:build freebsd || netbsd || openbsd || dragonfly

package filetree

import "syscall"

// ErrnoNoAttr is getxattr's and removexattr's "no such attribute".
const ErrnoNoAttr = syscall.ENOATTR

// ErrnoNoData stands for Linux's ENODATA, the errno of a file whose data
// is archived and not restored: the BSDs have no ENODATA, and EIO is what
// their tools print as a plain read failure.
const ErrnoNoData = syscall.EIO
