package object

import (
	"context"
	"encoding/json"
	"errors"
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
	return c, &fencedEngine{s: s, name: name, key: key, sub: r.Sub, e: s.wrapShard(e), m2: m2}, m2, nil
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
	var bd directory.Bounds
	if err := json.Unmarshal(b, &bd); err != nil {
		return strata.E("object.fence", strata.Corrupt, err)
	}
	if !bd.Contains(key) {
		return errRangeMoved
	}
	return nil
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
