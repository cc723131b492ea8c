package object

import (
	"bytes"
	"hash/maphash"
	"maps"
	"slices"
	"sync"

	"github.com/strata-storage/strata/internal/meta"
)

// readCacheBytes bounds the stored bytes a readCache keeps (its
// decoded records take about as much again).
const readCacheBytes = 16 << 20

// readCacheMax is the largest stored record a readCache keeps: small
// objects, whose bytes are inline, are the ones whose decoding dominates
// a read.
const readCacheMax = 64 << 10

// readCache keeps the decoded current records of recent reads (GET and
// HEAD; bigRecords in fstx.go is the mount's cache of large records). Decoding
// a small object's record (its bytes inline, as base64 in JSON) was the
// largest CPU cost of a 4 KiB GET. An entry is used only when the bytes
// just read from meta2 equal the bytes it was decoded from, so it can
// never be stale: it saves the decoding, not the metadata read.
//
// A record is kept only from its key's second read within a while
// (seen): reads spread over millions of keys (a scale run's HEADs) would
// otherwise insert, evict and garbage-collect an entry per read that no
// one reads again, 7% of a HEAD's CPU.
//
// The zero value is ready. Safe for concurrent use.
type readCache struct {
	mu    sync.Mutex
	m     map[string]cachedRecord
	bytes int
	seen  *[seenSlots]uint64 // hashes of keys read once, one per slot
}

// seenSlots is how many keys read once the cache remembers (512 KiB):
// a key read again before a read of another key takes its slot is kept.
const seenSlots = 1 << 16 // admit indexes with the hash's top 16 bits

var seenSeed = maphash.MakeSeed()

// admit reports whether key was read recently, and remembers it. Under
// c.mu.
func (c *readCache) admit(key []byte) bool {
	if c.seen == nil {
		c.seen = new([seenSlots]uint64)
	}
	h := maphash.Bytes(seenSeed, key) | 1 // never 0, an empty slot
	// The slot from the high bits: the low one is always set.
	slot := &c.seen[h>>(64-16)]
	if *slot == h {
		return true
	}
	*slot = h
	return false
}

type cachedRecord struct {
	raw []byte
	rec *record // shared: handed out only as clones
}

// get reads and decodes the record at key, through the cache.
func (c *readCache) get(r meta.Reader, key []byte) (*record, error) {
	raw, err := r.Get(key)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	e, ok := c.m[string(key)]
	keep := !ok && c.admit(key)
	c.mu.Unlock()
	if ok && bytes.Equal(e.raw, raw) {
		return e.rec.readClone(), nil
	}
	rec, err := decodeRecord(raw)
	if err != nil || len(raw) > readCacheMax || !(ok || keep) {
		return rec, err
	}
	c.put(string(key), cachedRecord{raw: raw, rec: rec.readClone()})
	return rec, nil
}

func (c *readCache) put(key string, e cachedRecord) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]cachedRecord{}
	}
	if old, ok := c.m[key]; ok {
		c.bytes -= len(old.raw)
	}
	// Evict entries in map order (random) until the new one fits.
	for k, old := range c.m {
		if c.bytes+len(e.raw) <= readCacheBytes {
			break
		}
		delete(c.m, k)
		c.bytes -= len(old.raw)
	}
	c.m[key] = e
	c.bytes += len(e.raw)
}

// readClone is clone (fstx.go) that also copies the rest a reader of a
// record may change: its info's other maps and slices, and its content's
// slice of segments.
func (r *record) readClone() *record {
	cp := r.clone()
	i := &cp.Info
	i.Headers, i.Tags, i.Checksums = maps.Clone(i.Headers), maps.Clone(i.Tags), maps.Clone(i.Checksums)
	i.PartSizes, i.ACL = slices.Clone(i.PartSizes), slices.Clone(i.ACL)
	if i.PartChecksums != nil {
		i.PartChecksums = make([]map[string]string, len(r.Info.PartChecksums))
		for n, m := range r.Info.PartChecksums {
			i.PartChecksums[n] = maps.Clone(m)
		}
	}
	cp.Content, cp.Restored = slices.Clone(r.Content), slices.Clone(r.Restored)
	return cp
}
