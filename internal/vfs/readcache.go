package vfs

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
)

// cacheBlock is the unit of the read cache, and the alignment and least
// size of a read sent to the gateway while the cache is on: a random 4
// KiB reader fetches the block around it once, then reads it locally.
const cacheBlock = 1 << 20

// readCache is the mount's local read cache (Options.CacheDir): file
// blocks kept on a local disk, keyed by inode, content name and block
// number. The content name comes from the gateway with every read; the
// cache trusts the name it last saw for an inode until the change feed,
// a write through this mount, or an open that finds other attributes
// says the file changed. Until the feed reports a change made elsewhere
// (one poll period), a read may see the bytes from before it, as the
// kernel's page cache would.
type readCache struct {
	store *blockStore

	hits, misses atomic.Int64

	mu    sync.Mutex
	known map[uint64]*knownContent
}

// CacheStats describe the read cache: reads it answered, reads that went
// to the gateway, and what it keeps.
type CacheStats struct {
	Hits, Misses int64
	Bytes        int64
	Blocks       int
}

// CacheStats returns the read cache's figures (zero without a cache).
func (fs *FS) CacheStats() CacheStats {
	c := fs.cache
	if c == nil {
		return CacheStats{}
	}
	b, n := c.store.usage()
	return CacheStats{Hits: c.hits.Load(), Misses: c.misses.Load(), Bytes: b, Blocks: n}
}

// knownContent is what the cache trusts about an inode's content.
type knownContent struct {
	path        string
	mtime, size int64  // the attributes at the last open
	id          string // "" until a read tells
}

// maxKnown bounds the inodes the cache remembers content names of; past
// it they are all forgotten (their blocks stay, and are found again by
// the next read's name).
const maxKnown = 100000

func newReadCache(dir string, size int64, log *slog.Logger) (*readCache, error) {
	st, err := openBlockStore(dir, size, log)
	if err != nil {
		return nil, err
	}
	return &readCache{store: st, known: map[uint64]*knownContent{}}, nil
}

// opened notes that inode e.Ino was opened at path p with attributes e:
// a name learnt at other attributes is no longer trusted.
func (c *readCache) opened(p string, e Entry) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	k := c.known[e.Ino]
	if k != nil && k.path == p && k.mtime == e.Mtime && k.size == e.Size {
		return
	}
	if len(c.known) >= maxKnown {
		clear(c.known)
	}
	c.known[e.Ino] = &knownContent{path: p, mtime: e.Mtime, size: e.Size}
}

// forget drops what the cache trusts about ino (this mount changes it).
func (c *readCache) forget(ino uint64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	delete(c.known, ino)
	c.mu.Unlock()
}

// changed drops what the cache trusts about path p and the paths below
// it (the change feed reported p).
func (c *readCache) changed(p string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for ino, k := range c.known {
		if k.path == p || strings.HasPrefix(k.path, p+"/") || p == "" {
			delete(c.known, ino)
		}
	}
}

// trusted is the content name the cache trusts for ino, or "".
func (c *readCache) trusted(ino uint64) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if k := c.known[ino]; k != nil {
		return k.id
	}
	return ""
}

// learn records the content name a read of ino returned.
func (c *readCache) learn(ino uint64, p, id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if k := c.known[ino]; k != nil {
		k.id = id
		return
	}
	if len(c.known) >= maxKnown {
		clear(c.known)
	}
	c.known[ino] = &knownContent{path: p, mtime: -1, size: -1, id: id}
}

func blockName(ino uint64, id string, blk int64) string {
	return fmt.Sprintf("%s-%x-%d", id, ino, blk)
}

// read serves [off, off+len(p)) from kept blocks of content id, or
// returns false if one of them is not kept.
func (c *readCache) read(ino uint64, id string, p []byte, off int64) (int, bool) {
	n := 0
	for n < len(p) {
		at := off + int64(n)
		blk := at / cacheBlock
		got, size, ok := c.store.read(blockName(ino, id, blk), p[n:], at-blk*cacheBlock)
		if !ok {
			return 0, false
		}
		n += got
		if size < cacheBlock || got == 0 {
			break // the file's last block: end of file
		}
	}
	return n, true
}

// keep queues the blocks of data, read at off (block aligned) from
// content id of a file of size bytes: whole blocks, and the last one.
func (c *readCache) keep(ino uint64, id string, data []byte, off, size int64) {
	for i := 0; i < len(data); i += cacheBlock {
		end := min(i+cacheBlock, len(data))
		if end-i < cacheBlock && off+int64(end) != size {
			break // a short block that is not the file's end
		}
		c.store.put(blockName(ino, id, (off+int64(i))/cacheBlock), append([]byte(nil), data[i:end]...))
	}
}

// readCached is Read through the read cache. The handle's read-ahead
// buffer is used only while its content name is the trusted one.
func (h *Handle) readCached(ctx context.Context, buf []byte, off int64, path string) (int, error) {
	c, ino := h.fs.cache, h.f.ino
	h.raMu.Lock()
	defer h.raMu.Unlock()
	id := c.trusted(ino)
	if id != "" {
		if h.raID == id && off >= h.raOff && off+int64(len(buf)) <= h.raOff+int64(len(h.raBuf)) {
			return copy(buf, h.raBuf[off-h.raOff:]), nil
		}
		if n, ok := c.read(ino, id, buf, off); ok {
			c.hits.Add(1)
			return n, nil
		}
	}
	c.misses.Add(1)
	want := len(buf)
	if h.raBuf != nil && off == h.raOff+int64(len(h.raBuf)) {
		h.raWin = min(max(2*h.raWin, h.fs.opts.ReadAhead), maxReadAhead)
		want = max(want, h.raWin)
	} else {
		h.raWin = 0
	}
	start := off / cacheBlock * cacheBlock
	end := (off + int64(want) + cacheBlock - 1) / cacheBlock * cacheBlock
	if int64(cap(h.raBuf)) < end-start {
		h.raBuf = make([]byte, end-start)
	}
	n, size, nid, err := h.fs.c.ReadContent(ctx, path, h.raBuf[:end-start], start)
	if err != nil {
		h.raBuf, h.raID = nil, ""
		return 0, err
	}
	h.raOff, h.raBuf, h.raID = start, h.raBuf[:n], nid
	if nid != "" {
		c.learn(ino, path, nid)
		// A long sequential scan (its window at the widest) is not
		// kept: it would push out the blocks of random readers, which
		// the cache is for, and writing it to the local disk as well
		// cost a 1 GiB sequential read a third of its speed.
		if h.raWin < maxReadAhead {
			c.keep(ino, nid, h.raBuf, start, size)
		}
	}
	if off-start >= int64(n) {
		return 0, nil
	}
	return copy(buf, h.raBuf[off-start:]), nil
}
