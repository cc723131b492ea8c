package vfs

import (
	"sync"
	"time"
)

// listCache keeps the entries of the directories just listed for a short
// while, so that the lookups a kernel does after a readdir (ls -l, find,
// readdirplus) are answered without one request per name. Any change
// this mount makes, and any change the feed reports, empties it; its
// staleness is bounded by ttl, like the kernel's own attribute cache.
type listCache struct {
	mu      sync.Mutex
	ttl     time.Duration
	max     int
	entries map[string]cachedEntry
	xattrs  map[string]cachedXattrs // the kernel asks security.capability before every write
	linked  int                     // cached files with more than one name (see forget)
	whole   map[string]wholeDir     // directories whose every name is known (wholedirs.go)
	gen     uint64                  // bumped by each change that may add a name
	clears  uint64                  // bumped by clear (another client's change, a change of shape)
}

type cachedXattrs struct {
	m    map[string][]byte
	when time.Time
}

type cachedEntry struct {
	e    Entry
	when time.Time
}

func newListCache(ttl time.Duration, max int) *listCache {
	return &listCache{ttl: ttl, max: max, entries: map[string]cachedEntry{}, xattrs: map[string]cachedXattrs{}}
}

func (c *listCache) get(p string) (Entry, bool) { return c.getTrusting(p, false) }

// getTrusting is get that, with feedFresh, also returns entries older
// than the cache's ttl (see FS.trustsFeed).
func (c *listCache) getTrusting(p string, feedFresh bool) (Entry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ce, ok := c.entries[p]
	if !ok || (!feedFresh && time.Since(ce.when) > c.ttl) {
		return Entry{}, false
	}
	return ce.e, true
}

func (c *listCache) put(dir string, ents []Entry) {
	if c.ttl < 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries)+len(ents) > c.max {
		c.entries, c.linked = map[string]cachedEntry{}, 0
	}
	now := time.Now()
	for _, e := range ents {
		c.entries[Join(dir, e.Name)] = cachedEntry{e: e, when: now}
		if hardLinked(e) {
			c.linked++
		}
	}
}

func (c *listCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) > 0 {
		c.entries = map[string]cachedEntry{}
	}
	c.linked = 0
	c.whole = nil
	c.gen++
	c.clears++
	if len(c.xattrs) > 0 {
		c.xattrs = map[string]cachedXattrs{}
	}
}

func (c *listCache) getXattrs(p string) (map[string][]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	x, ok := c.xattrs[p]
	if !ok || time.Since(x.when) > c.ttl {
		return nil, false
	}
	return x.m, true
}

func (c *listCache) putXattrs(p string, m map[string][]byte) {
	if c.ttl < 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.xattrs) > 10000 {
		c.xattrs = map[string]cachedXattrs{}
	}
	c.xattrs[p] = cachedXattrs{m: m, when: time.Now()}
}

// putXattrsOf keeps the xattrs a listing of dir carried.
func (c *listCache) putXattrsOf(dir string, ents []Entry) {
	if c.ttl < 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.xattrs)+len(ents) > c.max {
		c.xattrs = map[string]cachedXattrs{}
	}
	now := time.Now()
	for _, e := range ents {
		if e.XattrsKnown {
			c.xattrs[Join(dir, e.Name)] = cachedXattrs{m: e.Xattrs, when: now}
		}
	}
}
