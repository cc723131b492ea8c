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
}

type cachedEntry struct {
	e    Entry
	when time.Time
}

func newListCache(ttl time.Duration, max int) *listCache {
	return &listCache{ttl: ttl, max: max, entries: map[string]cachedEntry{}}
}

func (c *listCache) get(p string) (Entry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ce, ok := c.entries[p]
	if !ok || time.Since(ce.when) > c.ttl {
		return Entry{}, false
	}
	return ce.e, true
}

func (c *listCache) put(dir string, ents []Entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries)+len(ents) > c.max {
		c.entries = map[string]cachedEntry{}
	}
	now := time.Now()
	for _, e := range ents {
		c.entries[Join(dir, e.Name)] = cachedEntry{e: e, when: now}
	}
}

func (c *listCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) > 0 {
		c.entries = map[string]cachedEntry{}
	}
}
