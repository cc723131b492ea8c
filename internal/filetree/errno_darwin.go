package filetree

import "syscall"

// ErrnoNoAttr is getxattr's and removexattr's "no such attribute": macOS
// has ENOATTR for it, apart from ENODATA.
const ErrnoNoAttr = syscall.ENOATTR

// ErrnoNoData is read(2)'s "No data available", the errno of a file
// whose data is archived and not restored.
const ErrnoNoData = syscall.ENODATA
