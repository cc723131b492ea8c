package object

import (
	"context"
	"encoding/json"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// POSIX byte-range locks and flock locks, kept in meta2 next to the
// inode so that every mount of the bucket (on any machine, through any
// gateway) sees them. A lock carries a lease: the mount that holds it
// refreshes its locks, and a crashed mount's locks expire.

// FSLock runs one lock action on inode ino.
func (s *Service) FSLock(ctx context.Context, bucket string, ino uint64, action string, req Lock) (Lock, error) {
	const op = "object.FSLock"
	var out Lock
	err := s.fsUpdate(ctx, bucket, "", func(t *fsTx) error {
		out = Lock{Type: syscall.F_UNLCK}
		var held []Lock
		b, err := t.r.Get(t.m2.Locks(ino))
		if err == nil {
			if err := json.Unmarshal(b, &held); err != nil {
				return strata.E(op, strata.Corrupt, err)
			}
		} else if !strata.Is(err, strata.NotExist) {
			return err
		}
		now := time.Now().UnixNano()
		live := held[:0]
		for _, l := range held {
			if l.Expires > now {
				live = append(live, l)
			}
		}
		held = live
		switch action {
		case LockGet:
			for _, l := range held {
				if l.Conflicts(req) {
					out = l
					return nil
				}
			}
			return nil
		case LockRelease:
			held = dropLocks(held, func(l Lock) bool { return l.Owner == req.Owner && l.Flock == req.Flock })
		case LockRefresh:
			for i := range held {
				if len(held[i].Owner) >= len(req.Owner) && held[i].Owner[:len(req.Owner)] == req.Owner {
					held[i].Expires = now + int64(LockLease)
				}
			}
		case LockSet:
			if req.Type != syscall.F_UNLCK {
				for _, l := range held {
					if l.Conflicts(req) {
						return fsErr(op, syscall.EAGAIN, "locked by pid %d", l.Pid)
					}
				}
			}
			held = unlockRange(held, req)
			if req.Type != syscall.F_UNLCK {
				req.Expires = now + int64(LockLease)
				held = append(held, req)
			}
			out = req
		default:
			return fsErr(op, syscall.EINVAL, "lock action %q", action)
		}
		if len(held) == 0 {
			return t.tx.Delete(t.m2.Locks(ino))
		}
		nb, _ := json.Marshal(held)
		return t.tx.Set(t.m2.Locks(ino), nb)
	})
	return out, err
}

func dropLocks(held []Lock, drop func(Lock) bool) []Lock {
	out := held[:0]
	for _, l := range held {
		if !drop(l) {
			out = append(out, l)
		}
	}
	return out
}

// unlockRange removes req's range from its owner's locks of the same
// kind, splitting the locks it cuts through (POSIX semantics; a flock
// covers the whole file so it is simply replaced).
func unlockRange(held []Lock, req Lock) []Lock {
	var out []Lock
	for _, l := range held {
		if l.Owner != req.Owner || l.Flock != req.Flock || l.End < req.Start || req.End < l.Start {
			out = append(out, l)
			continue
		}
		if l.Start < req.Start {
			left := l
			left.End = req.Start - 1
			out = append(out, left)
		}
		if l.End > req.End {
			right := l
			right.Start = req.End + 1
			out = append(out, right)
		}
	}
	return out
}
