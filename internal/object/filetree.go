package object

import "github.com/strata-storage/strata/internal/filetree"

// The file view's types are internal/filetree's; these names keep the
// object code that stores them short. Other packages use filetree.
type (
	FileAttr = filetree.FileAttr
	Entry    = filetree.Entry
	SetAttr  = filetree.SetAttr
	Run      = filetree.Run
	Lock     = filetree.Lock
	Change   = filetree.Change
)

const (
	RootIno         = filetree.RootIno
	MaxNameLen      = filetree.MaxNameLen
	MaxPathLen      = filetree.MaxPathLen
	TrashDir        = filetree.TrashDir
	MaxXattrSize    = filetree.MaxXattrSize
	XattrCreate     = filetree.XattrCreate
	XattrReplace    = filetree.XattrReplace
	RenameNoReplace = filetree.RenameNoReplace
	RenameExchange  = filetree.RenameExchange
	LockGet         = filetree.LockGet
	LockSet         = filetree.LockSet
	LockRelease     = filetree.LockRelease
	LockRefresh     = filetree.LockRefresh
	LockLease       = filetree.LockLease
)

// fsErr is a file-system error carrying its errno.
var fsErr = filetree.Errorf

// Errno returns the errno an error maps to in a file system.
var Errno = filetree.Errno
