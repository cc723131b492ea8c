package vfs

import (
	"path"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/fsapi"
)

// A change this mount makes to a name used to empty the whole listing
// cache, so that in a tar -x every file's setattr made the next lookups,
// getattrs and getxattrs go to the gateway again. Changes that touch
// only the node itself (and its parent's times) now forget just those
// paths, and keep the gateway's answer. Changes of the tree's shape
// (unlink, rename, link, rmdir) still empty it.

// hardLinked reports whether e is a file with other names, whose cached
// entries a change through one name would leave stale.
func hardLinked(e Entry) bool { return !e.IsDir() && e.Nlink > 1 }

// forget drops the cached entries and xattrs of paths. With any
// hard-linked file cached it empties the cache: another name of the
// changed node may be among the entries.
func (c *listCache) forget(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.linked > 0 {
		c.entries, c.xattrs, c.linked = map[string]cachedEntry{}, map[string]cachedXattrs{}, 0
		return
	}
	for _, p := range paths {
		delete(c.entries, p)
		delete(c.xattrs, p)
	}
}

// forgetNode drops p and its parent directory, whose times (and link
// count) a change of p moves.
func (c *listCache) forgetNode(p string) { c.forget(p, parentPath(p)) }

// set caches the entry of p the gateway just returned for a change.
func (c *listCache) set(p string, e Entry) {
	if c.ttl < 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if hardLinked(e) || c.linked > 0 {
		// Its other names (or another file's) may be cached with the
		// attributes this change replaced.
		c.entries, c.xattrs, c.linked = map[string]cachedEntry{}, map[string]cachedXattrs{}, 0
		return
	}
	if len(c.entries) >= c.max {
		c.entries = map[string]cachedEntry{}
	}
	e.Created = false
	c.entries[p] = cachedEntry{e: e, when: time.Now()}
}

// created runs the creation of node p and caches the new entry. The
// kernel asks for the parent's attributes after every create (it checks
// permissions on them): the gateway sets the parent's times to the new
// node's ctime, so a cached parent is moved to those times here rather
// than asked for again, which cost a stat of a directory (a scan of its
// first names, to count subdirectories) per file created.
func (fs *FS) created(p string, create func() (Entry, error)) (Entry, error) {
	fs.listed.forget(p)
	fs.listed.mayExist(p)
	e, err := create()
	fs.listed.mayExist(p) // after a listing that ran meanwhile, too
	if err != nil {
		fs.listed.forgetNode(p)
		return e, err
	}
	isNew := e.Created || e.Mode&syscall.S_IFMT == syscall.S_IFLNK
	if e.IsDir() || !isNew || !fs.listed.touch(parentPath(p), e.Ctime) {
		fs.listed.forgetNode(p) // a new subdirectory changes the link count
	}
	fs.listed.set(p, e)
	return e, nil
}

func parentPath(p string) string {
	parent := path.Dir(p)
	if parent == "." {
		return ""
	}
	return parent
}

// touch sets the times of cached directory dir to t, and reports whether
// it could: the directory is cached and has times of its own (an
// implicit directory has none, and keeps none).
func (c *listCache) touch(dir string, t int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	ce, ok := c.entries[dir]
	if !ok || !ce.e.IsDir() || ce.e.Mtime == 0 || time.Since(ce.when) > c.ttl {
		return false
	}
	ce.e.Mtime, ce.e.Ctime = t, t
	c.entries[dir] = ce
	return true
}

// unlinked runs the unlink of file p, then forgets p and moves its cached
// parent to the times the gateway gave it (the kernel asks for them
// after every unlink, as after every create).
func (fs *FS) unlinked(p string, unlink func() (fsapi.Unlinked, error)) error {
	fs.listed.forget(p)
	u, err := unlink()
	fs.listed.forget(p)
	if err != nil || u.ParentTime == 0 || !fs.listed.touch(parentPath(p), u.ParentTime) {
		fs.listed.forgetNode(p)
	}
	return err
}
