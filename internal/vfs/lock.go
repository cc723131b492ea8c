package vfs

import (
	"context"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/fsapi"
	"github.com/strata-storage/strata/internal/object"
)

// Locks are kept by the gateway (meta2) so that every mount sees them;
// this mount refreshes the leases of the locks it holds.

// Lock is a byte-range (or, with Flock, whole-file) lock.
type Lock = object.Lock

type lockTable struct {
	mu   sync.Mutex
	inos map[uint64]int // locks this mount holds per inode (approximate)
}

func (fs *FS) lockOwner(owner uint64) string {
	return fs.session + ":" + strconv.FormatUint(owner, 16)
}

// GetLock returns a lock that conflicts with lk, or lk with Type F_UNLCK.
func (fs *FS) GetLock(ctx context.Context, ino, owner uint64, lk Lock) (Lock, error) {
	lk.Owner = fs.lockOwner(owner)
	return fs.c.Lock(ctx, fsapi.LockRequest{Action: object.LockGet, Ino: ino, Lock: lk})
}

// SetLock acquires or releases lk; with wait it retries until the lock is
// free or ctx ends (EINTR).
func (fs *FS) SetLock(ctx context.Context, ino, owner uint64, lk Lock, wait bool) error {
	lk.Owner = fs.lockOwner(owner)
	delay := 5 * time.Millisecond
	for {
		_, err := fs.c.Lock(ctx, fsapi.LockRequest{Action: object.LockSet, Ino: ino, Lock: lk})
		if err == nil {
			if lk.Type != syscall.F_UNLCK {
				fs.held(ino, 1)
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

// ReleaseLocks drops every lock of an owner on an inode (close(2) of any
// descriptor releases a process's POSIX locks on the file).
func (fs *FS) ReleaseLocks(ctx context.Context, ino, owner uint64) error {
	if !fs.holds(ino) {
		return nil
	}
	_, err := fs.c.Lock(ctx, fsapi.LockRequest{Action: object.LockRelease, Ino: ino, Lock: Lock{Owner: fs.lockOwner(owner)}})
	return err
}

func (fs *FS) held(ino uint64, n int) {
	fs.locks.mu.Lock()
	defer fs.locks.mu.Unlock()
	if fs.locks.inos == nil {
		fs.locks.inos = map[uint64]int{}
	}
	fs.locks.inos[ino] += n
}

func (fs *FS) holds(ino uint64) bool {
	fs.locks.mu.Lock()
	defer fs.locks.mu.Unlock()
	return fs.locks.inos[ino] > 0
}

// refreshLocks extends the leases of this mount's locks until ctx ends.
func (fs *FS) refreshLocks(ctx context.Context) {
	t := time.NewTicker(object.LockLease / 3)
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
			if _, err := fs.c.Lock(ctx, fsapi.LockRequest{Action: object.LockRefresh, Ino: ino, Lock: Lock{Owner: fs.session + ":"}}); err != nil && ctx.Err() == nil {
				fs.log.Warn("lock lease refresh failed", "ino", ino, "err", err)
			}
		}
	}
}
