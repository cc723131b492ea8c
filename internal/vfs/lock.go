package vfs

import (
	"context"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/filetree"
	"github.com/strata-storage/strata/internal/fsapi"
)

// Locks are kept by the gateway (meta2) so that every mount sees them;
// this mount refreshes the leases of the locks it holds.

// Lock is a byte-range (or, with Flock, whole-file) lock.
type Lock = filetree.Lock

type lockTable struct {
	mu     sync.Mutex
	inos   map[uint64]bool // inodes this mount has taken locks on (for lease refresh)
	owners map[uint64]bool // lock owners that have taken locks
}

func (fs *FS) lockOwner(owner uint64) string {
	return fs.session + ":" + strconv.FormatUint(owner, 16)
}

// GetLock returns a lock that conflicts with lk, or lk with Type F_UNLCK.
func (fs *FS) GetLock(ctx context.Context, ino, owner uint64, lk Lock) (Lock, error) {
	lk.Owner = fs.lockOwner(owner)
	return fs.c.Lock(ctx, fsapi.LockRequest{Action: filetree.LockGet, Ino: ino, Lock: lk})
}

// SetLock acquires or releases lk; with wait it retries until the lock is
// free or ctx ends (EINTR).
func (fs *FS) SetLock(ctx context.Context, ino, owner uint64, lk Lock, wait bool) error {
	lk.Owner = fs.lockOwner(owner)
	delay := 5 * time.Millisecond
	for {
		_, err := fs.c.Lock(ctx, fsapi.LockRequest{Action: filetree.LockSet, Ino: ino, Lock: lk})
		if err == nil {
			if lk.Type != syscall.F_UNLCK {
				fs.held(ino, owner)
			}
			return nil
		}
		if !wait || Errno(err) != syscall.EAGAIN {
			return err
		}
		select {
		case <-ctx.Done():
			return syscall.EINTR
		case <-time.After(delay):
		}
		delay = min(2*delay, 200*time.Millisecond)
	}
}

// ReleaseLocks drops every POSIX (or, with flock, flock) lock of an owner
// on an inode: close(2) of any descriptor releases a process's POSIX
// locks on the file, the last close of an open file its flock.
func (fs *FS) ReleaseLocks(ctx context.Context, ino, owner uint64, flock bool) error {
	_, err := fs.c.Lock(ctx, fsapi.LockRequest{Action: filetree.LockRelease, Ino: ino, Lock: Lock{Owner: fs.lockOwner(owner), Flock: flock}})
	return err
}

// OwnerHasLocks reports whether a lock owner ever took a lock through
// this mount (only those need a release at close).
func (fs *FS) OwnerHasLocks(owner uint64) bool {
	fs.locks.mu.Lock()
	defer fs.locks.mu.Unlock()
	return fs.locks.owners[owner]
}

func (fs *FS) held(ino, owner uint64) {
	fs.locks.mu.Lock()
	defer fs.locks.mu.Unlock()
	if fs.locks.inos == nil {
		fs.locks.inos, fs.locks.owners = map[uint64]bool{}, map[uint64]bool{}
	}
	fs.locks.inos[ino], fs.locks.owners[owner] = true, true
}

// refreshLocks extends the leases of this mount's locks until ctx ends.
func (fs *FS) refreshLocks(ctx context.Context) {
	t := time.NewTicker(filetree.LockLease / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		fs.locks.mu.Lock()
		var inos []uint64
		for ino := range fs.locks.inos {
			inos = append(inos, ino)
		}
		fs.locks.mu.Unlock()
		for _, ino := range inos {
			if _, err := fs.c.Lock(ctx, fsapi.LockRequest{Action: filetree.LockRefresh, Ino: ino, Lock: Lock{Owner: fs.session + ":"}}); err != nil && ctx.Err() == nil {
				fs.log.Warn("lock lease refresh failed", "ino", ino, "err", err)
			}
		}
	}
}
