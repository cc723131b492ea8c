package object

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// The file namespace of a split bucket (docs/SHARDING.md): a file
// operation runs in one transaction of the range that owns its path. It
// reads the other ranges from snapshots (a lookup of a parent directory,
// a listing, a directory's children) and writes only its own range. An
// operation that would write a key of another range first tries again
// in that range (a directory named by its file key, whose marker "p/" a
// split put in the next range); one that needs two ranges (a rename
// across them) fails with EXDEV, and mv copies and deletes as it does
// across file systems. A parent directory in another range gets its new
// times in a transaction of its own right after the commit. The inode
// records (pending writes l/, hard links n/) live with the file's range,
// and a split moves them with it; the file locks (x/) and the bucket's
// configuration (k/) stay in range 0.

// crossRange is the error of a write to a key the operation's range does
// not own.
type crossRange struct{ key string }

func (c crossRange) Error() string {
	return fmt.Sprintf("object: file operation writes %q, in another key range", c.key)
}

// fsRanges is a split bucket's ranges as one file operation sees them:
// snapshots of every range, and in an update the transaction of range w.
type fsRanges struct {
	c     directory.Container
	parts []rangeRef
	rs    []meta.Reader
	w     int
}

func (f *fsRanges) owner(key string) int { return f.c.Owner(key) }

// reader presents every range in range w's key space.
func (f *fsRanges) reader() *rangedReader {
	return &rangedReader{g: &rangedEngine{m2: f.parts[f.w].m2, parts: f.parts}, rs: f.rs, home: f.w}
}

// owns reports whether the operation may write object key key: always,
// in a bucket never split.
func (t *fsTx) owns(key string) bool { return t.rg == nil || t.rg.owner(key) == t.rg.w }

// inode returns the reader and key builder of the inode records (l/ n/)
// of the file named key: they live in the file's range.
func (t *fsTx) inode(key string) (meta.Reader, directory.Meta2) {
	if t.rg == nil {
		return t.r, t.m2
	}
	if p := t.rg.owner(key); p != t.rg.w {
		return t.rg.rs[p], t.rg.parts[p].m2
	}
	return t.r, t.m2
}

// objectKeyOf returns the object key a record is placed by, from the
// key's rest after the sub-container prefix, and false for kinds that are
// not placed by object key.
func objectKeyOf(rest []byte) ([]byte, bool) {
	switch {
	case len(rest) < 2:
		return nil, false
	case bytes.HasPrefix(rest, []byte("A/p/")):
		rest = rest[4:]
	case routed(rest[0]) && rest[1] == '/':
		rest = rest[2:]
	default:
		return nil, false
	}
	if i := bytes.IndexByte(rest, 0); i >= 0 {
		rest = rest[:i]
	}
	return rest, true
}

// rangeTxn is a file operation's transaction in range w of a split
// bucket: reads across every range, writes checked against the range map.
type rangeTxn struct {
	*rangedReader
	tx  meta.Txn
	rg  *fsRanges
	pre []byte
}

func (t *rangeTxn) check(k []byte) error {
	if !bytes.HasPrefix(k, t.pre) {
		if bytes.HasPrefix(k, []byte("c/")) { // another range's key space: a bug, never written
			return fsErr("object.fs", syscall.EXDEV, "write outside the operation's key range")
		}
		return nil // the engine's own records (the outbox)
	}
	if len(k) < len(t.pre)+2 {
		return nil
	}
	rest := k[len(t.pre):]
	if homeOnly(rest[0]) && t.rg.w != 0 {
		return crossRange{""}
	}
	if name, ok := objectKeyOf(rest); ok && t.rg.owner(string(name)) != t.rg.w {
		return crossRange{string(name)}
	}
	return nil
}

func (t *rangeTxn) Set(k, v []byte) error {
	if err := t.check(k); err != nil {
		return err
	}
	return t.tx.Set(k, v)
}

func (t *rangeTxn) Delete(k []byte) error {
	if err := t.check(k); err != nil {
		return err
	}
	return t.tx.Delete(k)
}

// rangeEngine runs a file operation's transaction in range w, fenced on
// the operation's path like a per-key write (see fencedEngine).
type rangeEngine struct {
	rg *fsRanges
	at string
}

func (e *rangeEngine) View(ctx context.Context, fn func(meta.Reader) error) error {
	return fn(e.rg.reader())
}

func (e *rangeEngine) Update(ctx context.Context, fn func(meta.Txn) error) error {
	p := e.rg.parts[e.rg.w]
	return p.e.Update(ctx, func(tx meta.Txn) error {
		if err := checkFence(tx, p.m2.Fence(), e.at); err != nil {
			return err
		}
		// Ranges on the same shard are read through the transaction.
		for i, r := range e.rg.c.RangeList() {
			if r.Shard == e.rg.c.RangeList()[e.rg.w].Shard {
				e.rg.rs[i] = tx
			}
		}
		return fn(&rangeTxn{rangedReader: e.rg.reader(), tx: tx, rg: e.rg, pre: p.m2.All()})
	})
}

func (e *rangeEngine) Close() error { return nil }

// viewRanges runs fn with rs holding a snapshot of every range, one per
// shard, but those on shard skip ("": none), which the caller reads
// through its transaction.
func viewRanges(ctx context.Context, c directory.Container, parts []rangeRef, skip string, rs []meta.Reader, fn func() error) error {
	ranges := c.RangeList()
	var open func(i int) error
	open = func(i int) error {
		if i == len(parts) {
			return fn()
		}
		if ranges[i].Shard == skip || rs[i] != nil {
			return open(i + 1)
		}
		return parts[i].e.View(ctx, func(r meta.Reader) error {
			for j := i; j < len(parts); j++ {
				if ranges[j].Shard == ranges[i].Shard {
					rs[j] = r
				}
			}
			return open(i + 1)
		})
	}
	return open(0)
}

// fsUpdateRanges runs fn in the transaction of the range owning at, or
// in the one range it writes (a bucket never split has one). Like a
// per-key write, it reads the range's fence first: a split moving at
// meanwhile (the first split of a bucket too) makes it follow the new
// range map instead of writing where the split has already copied from.
func (s *Service) fsUpdateRanges(ctx context.Context, bucket, at string, fn func(*fsTx) error) (*fsTx, error) {
	deadline := time.Now().Add(movedWait)
	tried := map[strata.ContainerID]bool{}
	for wait := 5 * time.Millisecond; ; {
		var t *fsTx
		c, e, m2, err := s.bucket(ctx, bucket)
		if err != nil {
			return nil, err
		}
		if len(c.Ranges) <= 1 {
			err = s.updateAdmitted(ctx, e, s.admission(ctx, bucket), func(tx meta.Txn) error {
				if err := checkFence(tx, m2.Fence(), at); err != nil {
					return err
				}
				t = &fsTx{s: s, r: tx, tx: tx, c: c, m2: m2, origin: OriginOf(ctx)}
				return fn(t)
			})
			if !errors.Is(err, errRangeMoved) {
				return t, err
			}
		} else {
			t, c, err = s.fsUpdateIn(ctx, bucket, at, tried, fn)
		}
		var cross crossRange
		switch {
		case errors.As(err, &cross):
			if tried[c.RangeList()[c.Owner(cross.key)].Sub] {
				return nil, fsErr("object.fs", syscall.EXDEV, "the operation spans key ranges of a split bucket (at %q and %q)", at, cross.key)
			}
			at = cross.key
			continue
		case errors.Is(err, errRangeMoved):
			// A split moved the path meanwhile: follow the new range map.
			if time.Now().After(deadline) {
				return nil, strata.Errorf("object.fs", strata.Unavailable, "SlowDown: key range of %q is being split", at)
			}
			s.dir.Forget(bucket)
			if err := sleepCtx(ctx, wait); err != nil {
				return nil, err
			}
			wait = min(wait*2, 200*time.Millisecond)
			continue
		}
		return t, err
	}
}

// fsUpdateIn runs fn in the range of a split bucket owning at, and
// returns the bucket record whose range map it used.
func (s *Service) fsUpdateIn(ctx context.Context, bucket, at string, tried map[strata.ContainerID]bool, fn func(*fsTx) error) (*fsTx, directory.Container, error) {
	c, parts, err := s.rangesOf(ctx, bucket)
	if err != nil {
		return nil, c, err
	}
	rg := &fsRanges{c: c, parts: parts, rs: make([]meta.Reader, len(parts)), w: c.Owner(at)}
	tried[c.RangeList()[rg.w].Sub] = true
	var t *fsTx
	err = viewRanges(ctx, c, parts, c.RangeList()[rg.w].Shard, rg.rs, func() error {
		e := &rangeEngine{rg: rg, at: at}
		return s.updateAdmitted(ctx, e, s.admission(ctx, bucket), func(tx meta.Txn) error {
			t = &fsTx{s: s, r: tx, tx: tx, c: c, m2: parts[rg.w].m2, rg: rg, origin: OriginOf(ctx)}
			return fn(t)
		})
	})
	return t, c, err
}

// fsViewRanges is fsView for a split bucket: fn reads every range, in
// the key space of the range owning at.
func (s *Service) fsViewRanges(ctx context.Context, bucket, at string, fn func(*fsTx) error) error {
	c, parts, err := s.rangesOf(ctx, bucket)
	if err != nil {
		return err
	}
	rg := &fsRanges{c: c, parts: parts, rs: make([]meta.Reader, len(parts)), w: c.Owner(at)}
	return viewRanges(ctx, c, parts, "", rg.rs, func() error {
		return fn(&fsTx{s: s, r: rg.reader(), c: c, m2: parts[rg.w].m2, rg: rg})
	})
}

// touchLater notes a parent directory's new times that this operation's
// range does not hold: they are set after the commit, in the parent's
// range (times only, so not in the same transaction).
type touchLater struct {
	parent string
	now    int64
}

// applyTouches sets the parents' times noted by an operation.
func (s *Service) applyTouches(ctx context.Context, bucket string, ts []touchLater) {
	for _, tl := range ts {
		at := ""
		if tl.parent != "" {
			at = dirKey(tl.parent)
		}
		_, err := s.fsUpdateRanges(ctx, bucket, at, func(t *fsTx) error {
			return t.touchDir(tl.parent, tl.now)
		})
		if err != nil {
			s.log.Warn("parent directory times not set", "bucket", bucket, "dir", tl.parent, "err", err)
		}
	}
}
