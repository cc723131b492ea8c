package filetree

import "syscall"

// ErrnoNoAttr is getxattr's and removexattr's "no such attribute".
const ErrnoNoAttr = syscall.ENODATA

// ErrnoNoData is read(2)'s "No data available", the errno of a file
// whose data is archived and not restored.
const ErrnoNoData = syscall.ENODATA
