package object

import (
	"bytes"
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
// The zero value is ready. Safe for concurrent use.
type readCache struct {
	mu    sync.Mutex
	m     map[string]cachedRecord
	bytes int
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
	c.mu.Unlock()
	if ok && bytes.Equal(e.raw, raw) {
		return e.rec.readClone(), nil
	}
	rec, err := decodeRecord(raw)
	if err != nil || len(raw) > readCacheMax {
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
