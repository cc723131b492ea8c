package filetree

import (
	"syscall"
	"time"
)

// Lock is one held lock, or a lock request.
type Lock struct {
	Owner   string `json:"owner"` // mount session and lock owner
	Pid     uint32 `json:"pid"`
	Type    uint32 `json:"type"` // syscall.F_RDLCK, F_WRLCK or F_UNLCK
	Start   uint64 `json:"start"`
	End     uint64 `json:"end"` // inclusive; ^0 = to the end of the file
	Flock   bool   `json:"flock,omitempty"`
	Expires int64  `json:"expires,omitempty"`
}

// Lock request actions.
const (
	LockGet     = "get"     // the first lock that conflicts with the request, or F_UNLCK
	LockSet     = "set"     // acquire (EAGAIN on conflict) or, with F_UNLCK, release
	LockRelease = "release" // drop every POSIX (or, with Flock, flock) lock of an owner
	LockRefresh = "refresh" // extend the leases of a session's locks (Owner is the session prefix)
)

// LockLease is how long a lock outlives its mount's last refresh.
const LockLease = time.Minute

// Conflicts reports whether two locks of different owners overlap and
// one of them is a write lock.
func (l Lock) Conflicts(o Lock) bool {
	return l.Owner != o.Owner && l.Flock == o.Flock && l.Start <= o.End && o.Start <= l.End &&
		(l.Type == syscall.F_WRLCK || o.Type == syscall.F_WRLCK)
}
