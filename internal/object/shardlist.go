package object

import (
	"bytes"
	"context"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// rangeRef is one key range of a bucket, ready to use.
type rangeRef struct {
	e  meta.Engine
	m2 directory.Meta2
	b  directory.Bounds
	// raw is e without the object service's wrappers, where a split set
	// it: its cleanup deletes spans of records in one write (dropSpan).
	raw meta.Engine
	// tally, on a split's target, counts the usage of what the split
	// writes there (nil: not counted).
	tally *usageTally
	// bulk, on a split's target during its first pass, takes the
	// records that land on keys the target does not hold (nil: every
	// record goes through a transaction; see bulkTarget).
	bulk *bulkLoad
}

// rangesOf returns every range of a bucket, ordered by key: bucket-wide
// work (scanners, usage, change feed) runs range after range.
func (s *Service) rangesOf(ctx context.Context, name string) (directory.Container, []rangeRef, error) {
	c, err := s.dir.Lookup(ctx, name)
	if err != nil {
		return c, nil, err
	}
	rs := c.RangeList()
	out := make([]rangeRef, len(rs))
	for i, r := range rs {
		e, err := s.dir.Shard(r.Shard)
		if err != nil {
			return c, nil, err
		}
		m2 := c.Meta2Of(r)
		out[i] = rangeRef{e: boundedEngine{s.wrapShard(e), m2}, m2: m2, b: c.BoundsOf(i)}
	}
	return c, out, nil
}

// bucketAll resolves a bucket for reads that span its key ranges
// (listings, the file tree): the engine's View presents every range as
// one reader in the home range's key space, ordered by key. Its Update
// works on a bucket of one range only.
func (s *Service) bucketAll(ctx context.Context, name string) (directory.Container, meta.Engine, directory.Meta2, error) {
	c, e, m2, err := s.bucket(ctx, name)
	if err != nil || len(c.Ranges) <= 1 {
		return c, e, m2, err
	}
	_, parts, err := s.rangesOf(ctx, name)
	if err != nil {
		return c, nil, m2, err
	}
	return c, &rangedEngine{m2: m2, parts: parts}, m2, nil
}

// rangedEngine reads a split bucket's ranges as one. Each range is read
// from its own snapshot: a listing is ordered and complete for keys not
// changed meanwhile, as a listing across pages is.
type rangedEngine struct {
	m2    directory.Meta2
	parts []rangeRef
}

func (g *rangedEngine) View(ctx context.Context, fn func(meta.Reader) error) error {
	rs := make([]meta.Reader, len(g.parts))
	var open func(i int) error
	open = func(i int) error {
		if i == len(g.parts) {
			return fn(&rangedReader{g: g, rs: rs})
		}
		return g.parts[i].e.View(ctx, func(r meta.Reader) error {
			rs[i] = r
			return open(i + 1)
		})
	}
	return open(0)
}

// Update refuses: no one transaction holds every range. A write of a
// split bucket goes to the range owning its key (bucketKey; shardfs.go
// for the file namespace).
func (g *rangedEngine) Update(ctx context.Context, fn func(meta.Txn) error) error {
	return strata.Errorf("object.rangedEngine", strata.Internal, "a write across the key ranges of a split bucket")
}

func (g *rangedEngine) Close() error { return nil }

// rangedReader presents every range in the key space of range home (0,
// the bucket's own, for listings; a file operation's range for the file
// namespace, see shardfs.go): keys placed by object key are read from the
// range owning the key, the bucket's configuration and locks from range
// 0, and any other key from range home.
type rangedReader struct {
	g    *rangedEngine
	rs   []meta.Reader
	home int
}

// routed reports whether keys of a kind are placed by object key: the
// object key is the key's rest up to its first \x00.
func routed(kind byte) bool {
	switch kind {
	case 'o', 'v', 'u', 'i', 'q':
		return true
	}
	return false
}

// homeOnly reports whether keys of a kind live in range 0 alone: the
// bucket's configuration (k/) and the file locks (x/, by inode).
func homeOnly(kind byte) bool { return kind == 'k' || kind == 'x' }

// owner returns the part holding object key name.
func (r *rangedReader) owner(name []byte) int {
	i := 0
	for j, p := range r.g.parts {
		if p.b.Start <= string(name) {
			i = j
		}
	}
	return i
}

func (r *rangedReader) Get(k []byte) ([]byte, error) {
	home := r.g.parts[r.home].m2.All()
	if !bytes.HasPrefix(k, home) || len(k) < len(home)+2 {
		return r.rs[r.home].Get(k)
	}
	if !routed(k[len(home)]) {
		if r.home != 0 && homeOnly(k[len(home)]) {
			return r.rs[0].Get(append(r.g.parts[0].m2.All(), k[len(home):]...))
		}
		return r.rs[r.home].Get(k)
	}
	rest := k[len(home)+2:]
	name := rest
	if i := bytes.IndexByte(rest, 0); i >= 0 {
		name = rest[:i]
	}
	p := r.owner(name)
	return r.rs[p].Get(append(r.g.parts[p].m2.All(), k[len(home):]...))
}

func (r *rangedReader) Iter(lower, upper []byte) meta.Iterator {
	home := r.g.parts[r.home].m2.All()
	if !bytes.HasPrefix(lower, home) || len(lower) < len(home)+2 || !routed(lower[len(home)]) {
		return r.rs[r.home].Iter(lower, upper)
	}
	base := lower[:len(home)+2]
	ci := &concatIter{r: r, kindPart: base[len(home):], base: bytes.Clone(base), lo: bytes.Clone(lower[len(base):])}
	switch {
	case upper == nil || bytes.Compare(upper, meta.PrefixEnd(base)) >= 0:
	case bytes.HasPrefix(upper, base):
		ci.hi, ci.hiSet = bytes.Clone(upper[len(base):]), true
	default:
		return r.rs[r.home].Iter(lower, upper) // a range the listings never ask for
	}
	return ci
}

// concatIter walks one routed kind of key across the ranges in order,
// each range clipped to its bounds (a split's old range keeps the moved
// keys until its cleanup), with keys shown in the home range's space.
type concatIter struct {
	r        *rangedReader
	kindPart []byte // "o/", "v/", ...
	base     []byte // home prefix + kindPart
	lo, hi   []byte // bounds in object-key space
	hiSet    bool
	cur      int
	it       meta.Iterator
	key      []byte
}

// bounds returns part j's iteration bounds in object-key space, and
// whether it has any.
func (c *concatIter) bounds(j int) (lo, hi []byte, hiSet, ok bool) {
	b := c.r.g.parts[j].b
	lo, hi, hiSet = c.lo, c.hi, c.hiSet
	if string(lo) < b.Start {
		lo = []byte(b.Start)
	}
	if b.Closed && (!hiSet || b.End < string(hi)) {
		hi, hiSet = []byte(b.End), true
	}
	return lo, hi, hiSet, !hiSet || bytes.Compare(lo, hi) < 0
}

// open positions the iterator on part j (nil when the part is empty).
func (c *concatIter) open(j int) bool {
	if c.it != nil {
		c.it.Close()
		c.it = nil
	}
	c.cur = j
	lo, hi, hiSet, ok := c.bounds(j)
	if !ok {
		return false
	}
	pb := append(c.r.g.parts[j].m2.All(), c.kindPart...)
	upper := meta.PrefixEnd(pb)
	if hiSet {
		upper = append(bytes.Clone(pb), hi...)
	}
	c.it = c.r.rs[j].Iter(append(bytes.Clone(pb), lo...), upper)
	return true
}

// settle moves on to the next parts until one has a key.
func (c *concatIter) settle(ok bool) bool {
	for !ok {
		if c.it != nil && c.it.Error() != nil {
			return false
		}
		if c.cur+1 >= len(c.r.g.parts) {
			c.key = nil
			return false
		}
		ok = c.open(c.cur+1) && c.it.First()
	}
	pb := len(c.r.g.parts[c.cur].m2.All()) + len(c.kindPart)
	c.key = append(append(c.key[:0], c.base...), c.it.Key()[pb:]...)
	return true
}

func (c *concatIter) First() bool {
	return c.settle(c.open(0) && c.it.First())
}

func (c *concatIter) SeekGE(k []byte) bool {
	if bytes.Compare(k, c.base) < 0 {
		return c.First()
	}
	if !bytes.HasPrefix(k, c.base) {
		c.close()
		c.cur = len(c.r.g.parts)
		return false
	}
	suf := k[len(c.base):]
	j := c.r.owner(suf)
	if !c.open(j) {
		return c.settle(false)
	}
	pb := append(c.r.g.parts[j].m2.All(), c.kindPart...)
	return c.settle(c.it.SeekGE(append(pb, suf...)))
}

func (c *concatIter) Next() bool {
	if c.it == nil {
		return false
	}
	return c.settle(c.it.Next())
}

func (c *concatIter) Valid() bool   { return c.it != nil && c.key != nil && c.it.Valid() }
func (c *concatIter) Key() []byte   { return c.key }
func (c *concatIter) Value() []byte { return c.it.Value() }

func (c *concatIter) Error() error {
	if c.it == nil {
		return nil
	}
	return c.it.Error()
}

func (c *concatIter) close() {
	if c.it != nil {
		c.it.Close()
		c.it = nil
	}
}

func (c *concatIter) Close() error {
	c.close()
	return nil
}

// refRange finds, from meta1 (not the cache), the range of container cid
// that owns key: the collectors check a chunk's reference there. With
// allRanges, the engine reads every range.
func (s *Service) refRange(ctx context.Context, cid strata.ContainerID, key string) (meta.Engine, directory.Meta2, error) {
	var c directory.Container
	err := s.dir.Root().View(ctx, func(r meta.Reader) error {
		var err error
		c, err = s.dir.ContainerOf(r, cid)
		return err
	})
	if err != nil {
		return nil, directory.Meta2{}, err
	}
	rs := c.RangeList()
	parts := make([]rangeRef, len(rs))
	for i, r := range rs {
		e, err := s.dir.Shard(r.Shard)
		if err != nil {
			return nil, directory.Meta2{}, err
		}
		parts[i] = rangeRef{e: e, m2: c.Meta2Of(r), b: c.BoundsOf(i)}
	}
	p := parts[c.Owner(key)]
	return &keyRange{p: p, all: &rangedEngine{m2: parts[0].m2, parts: parts}}, p.m2, nil
}

// keyRange is the engine of one key's range that also knows every range
// of the bucket (see allRanges).
type keyRange struct {
	p   rangeRef
	all *rangedEngine
}

func (k *keyRange) View(ctx context.Context, fn func(meta.Reader) error) error {
	return k.p.e.View(ctx, fn)
}
func (k *keyRange) Update(ctx context.Context, fn func(meta.Txn) error) error {
	return k.p.e.Update(ctx, fn)
}
func (k *keyRange) Close() error { return nil }

// allRanges returns the engine reading every range of a refRange result.
func allRanges(e meta.Engine) meta.Engine {
	if k, ok := e.(*keyRange); ok {
		return k.all
	}
	return e
}
