package object

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// errRangeMoved aborts a per-key write that reached a range which no
// longer owns its key: a split moved it (see fencedEngine).
var errRangeMoved = errors.New("object: key range moved by a split")

// movedWait bounds how long a write waits for the new range map of a
// split to be published before it fails (the fenced step of a split).
const movedWait = 2 * time.Minute

// bucketKey resolves a bucket and the range that owns key: a per-key
// operation reads and writes that range only (docs/SHARDING.md).
func (s *Service) bucketKey(ctx context.Context, name, key string) (directory.Container, meta.Engine, directory.Meta2, error) {
	c, err := s.dir.Lookup(ctx, name)
	if err != nil {
		return c, nil, directory.Meta2{}, err
	}
	r := c.RangeList()[c.Owner(key)]
	m2 := c.Meta2Of(r).Route()
	e, err := s.dir.Shard(r.Shard)
	if err != nil {
		return c, nil, m2, err
	}
	f := &fencedEngine{s: s, name: name, key: key, sub: r.Sub, e: s.wrapShard(e), m2: m2, homeSub: c.ID}
	if len(c.Ranges) > 1 {
		he, err := s.dir.Shard(c.RangeList()[0].Shard)
		if err != nil {
			return c, nil, m2, err
		}
		f.home, f.homeM2 = he, c.Meta2Of(c.RangeList()[0])
	}
	return c, f, m2, nil
}

// wrapShard adds to a meta2 shard engine what every write of the object
// service goes through: the volume index (rdir.go) and the relay's poke.
func (s *Service) wrapShard(e meta.Engine) meta.Engine {
	if !s.noVolumeIndex {
		e = indexingEngine{e}
	}
	return pokingEngine{e, s.poke}
}

// fencedEngine is the engine of one key's range. Each write transaction
// first reads the range's fence (its bounds) in the same transaction: a
// gateway whose range map went stale during a split aborts there, finds
// the new map and runs the transaction again on the range that owns the
// key now, re-routing the operation's Meta2. Reads are not fenced: a
// split keeps the moved keys readable in the old range until gateways
// follow the new map (splitGrace).
type fencedEngine struct {
	s    *Service
	name string
	key  string
	sub  strata.ContainerID
	e    meta.Engine
	m2   directory.Meta2
	// The bucket's own range (range 0) of a split bucket, whose
	// configuration (default retention, lifecycle) a write elsewhere
	// reads: nil for a bucket never split.
	home    meta.Engine
	homeM2  directory.Meta2
	homeSub strata.ContainerID
}

func (f *fencedEngine) View(ctx context.Context, fn func(meta.Reader) error) error {
	return f.e.View(ctx, fn)
}

func (f *fencedEngine) Close() error { return nil }

func (f *fencedEngine) Update(ctx context.Context, fn func(meta.Txn) error) error {
	deadline := time.Now().Add(movedWait)
	for {
		fence := f.m2.Fence()
		err := f.e.Update(ctx, func(tx meta.Txn) error {
			if err := checkFence(tx, fence, f.key); err != nil {
				return err
			}
			if f.home != nil && f.sub != f.homeSub {
				tx = homeConfigTxn{Txn: tx, ctx: ctx, pre: f.m2.All(), home: f.home, homeM2: f.homeM2}
			}
			return fn(tx)
		})
		if !errors.Is(err, errRangeMoved) {
			return err
		}
		if err := f.follow(ctx, deadline); err != nil {
			return err
		}
	}
}

// checkFence fails with errRangeMoved when the range no longer owns key.
func checkFence(r meta.Reader, fence []byte, key string) error {
	b, err := r.Get(fence)
	if strata.Is(err, strata.NotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	bd, err := fenceBounds(b)
	if err != nil {
		return strata.E("object.fence", strata.Corrupt, err)
	}
	if !bd.Contains(key) {
		return errRangeMoved
	}
	return nil
}

// fenceMemo holds the bounds of the fence values decoded so far, by their
// bytes. Every write of a split range reads its fence (from the engine's
// hot keys), and decoding its JSON was 3 µs of a PUT's 190 at 20 M
// objects. A store holds one fence per split range, each written a few
// times in its life, so the memo stays small; it starts over past
// maxFenceMemo values.
var fenceMemo struct {
	sync.RWMutex
	m map[string]directory.Bounds
}

const maxFenceMemo = 4096

// fenceBounds decodes a fence value.
func fenceBounds(b []byte) (directory.Bounds, error) {
	fenceMemo.RLock()
	bd, ok := fenceMemo.m[string(b)]
	fenceMemo.RUnlock()
	if ok {
		return bd, nil
	}
	if err := json.Unmarshal(b, &bd); err != nil {
		return directory.Bounds{}, err
	}
	fenceMemo.Lock()
	if len(fenceMemo.m) >= maxFenceMemo || fenceMemo.m == nil {
		fenceMemo.m = make(map[string]directory.Bounds)
	}
	fenceMemo.m[string(b)] = bd
	fenceMemo.Unlock()
	return bd, nil
}

// follow waits for a range map in which another range owns the key, and
// re-routes to it.
func (f *fencedEngine) follow(ctx context.Context, deadline time.Time) error {
	for wait := 5 * time.Millisecond; ; wait = min(wait*2, 200*time.Millisecond) {
		f.s.dir.Forget(f.name)
		c, err := f.s.dir.Lookup(ctx, f.name)
		if err != nil {
			return err
		}
		if r := c.RangeList()[c.Owner(f.key)]; r.Sub != f.sub {
			e, err := f.s.dir.Shard(r.Shard)
			if err != nil {
				return err
			}
			f.sub, f.e = r.Sub, f.s.wrapShard(e)
			f.m2.Reroute(r.Sub)
			if f.home == nil { // the bucket's first split
				if f.home, err = f.s.dir.Shard(c.RangeList()[0].Shard); err != nil {
					return err
				}
				f.homeM2 = c.Meta2Of(c.RangeList()[0])
			}
			return nil
		}
		// A split rolled back lifts its fence: the old range owns the key again.
		fence := f.m2.Fence()
		if err := f.e.View(ctx, func(r meta.Reader) error { return checkFence(r, fence, f.key) }); err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return strata.Errorf("object.fence", strata.Unavailable, "SlowDown: key range of %q is being split", f.key)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// homeConfigTxn is a per-key write's transaction in a range other than
// the bucket's own: it reads the bucket's configuration (k/) from range 0,
// where PutLockConfig and the other configuration calls write it. Before,
// a write there read the range's own k/ keys, found none, and a bucket's
// default retention did not reach the keys a split had moved. The read is
// outside the write's transaction, as a read of the bucket record is.
type homeConfigTxn struct {
	meta.Txn
	ctx    context.Context
	pre    []byte
	home   meta.Engine
	homeM2 directory.Meta2
}

// SetNew passes setNew on to the transaction underneath.
func (h homeConfigTxn) SetNew(k, v []byte) error { return setNew(h.Txn, k, v) }

func (h homeConfigTxn) Get(k []byte) ([]byte, error) {
	if len(k) < len(h.pre)+2 || !bytes.HasPrefix(k, h.pre) || k[len(h.pre)] != 'k' || k[len(h.pre)+1] != '/' {
		return h.Txn.Get(k)
	}
	var v []byte
	err := h.home.View(h.ctx, func(r meta.Reader) error {
		var err error
		v, err = r.Get(append(h.homeM2.All(), k[len(h.pre):]...))
		return err
	})
	return v, err
}
