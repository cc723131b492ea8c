package vfs

import (
	"context"
	"path"
	"strings"
	"syscall"
	"time"

	"github.com/strata-storage/strata/internal/filetree"
	"github.com/strata-storage/strata/internal/fsapi"
)

// With Options.NegativeLookups, a mount answers the lookup of a name
// absent from a directory it knows whole without a request: touch,
// tar -x and cp look each new name up before creating it, and that miss
// was one gateway round trip of the three a touch cost. A directory is
// known whole once this mount made it (it was empty) or listed it to
// the end, and stays so while the change feed is read: another client's
// change empties what the mount knows, so a name made elsewhere shows
// up within one poll of the feed (100 ms) instead of at once. That is
// the guarantee the option gives up, and why it is off by default.

// feedFresh bounds the age of the last good read of the change feed
// under which absent names are trusted.
const feedFresh = time.Second

// wholeDir is a directory whose every name this mount knows: names may
// hold names that are gone (an unlink keeps them), never lack one.
type wholeDir struct {
	when  time.Time
	names map[string]struct{}
}

// stamp returns the generation to pass to markWhole: any change that
// may add a name in between makes the mark a no-op.
func (c *listCache) stamp() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// clearStamp returns the count of clears, for markEmpty.
func (c *listCache) clearStamp() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.clears
}

// markWhole records dir as holding exactly names, unless the cache
// changed since stamp gen.
func (c *listCache) markWhole(dir string, names []string, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen {
		c.setWhole(dir, names)
	}
}

// markEmpty records dir, which this mount just made, as empty, unless
// another client's change was seen since clearStamp clears.
func (c *listCache) markEmpty(dir string, clears uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.clears == clears {
		c.setWhole(dir, nil)
	}
}

// setWhole records dir as whole. c.mu is held.
func (c *listCache) setWhole(dir string, names []string) {
	if c.ttl < 0 {
		return
	}
	if c.whole == nil || len(c.whole) >= 4096 {
		c.whole = map[string]wholeDir{}
	}
	w := wholeDir{when: time.Now(), names: make(map[string]struct{}, len(names))}
	for _, n := range names {
		w.names[n] = struct{}{}
	}
	c.whole[dir] = w
}

// mayExist records that name p may exist from now on: its directory
// keeps it among its names, and a listing under way does not mark the
// directory whole without it. Creations call it before and after their
// request.
func (c *listCache) mayExist(p string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if w, ok := c.whole[parentPath(p)]; ok {
		w.names[path.Base(p)] = struct{}{}
	}
}

// absent reports whether p is known not to exist.
func (c *listCache) absent(p string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	w, ok := c.whole[parentPath(p)]
	if !ok || time.Since(w.when) > c.ttl {
		return false
	}
	_, named := w.names[path.Base(p)]
	return !named
}

// trustsFeed reports whether the mount may answer lookups from what it
// knows past the listing cache's ttl: with NegativeLookups, while the
// change feed is fresh, every change another client made is already
// cleared from the cache, so a name this mount made, looked up or listed
// is still what the gateway would return. A rm -f of a file created
// half a minute earlier then costs the unlink alone.
func (fs *FS) trustsFeed() bool {
	return fs.opts.NegativeLookups && time.Since(time.Unix(0, fs.feedAt.Load())) <= feedFresh
}

// knownAbsent answers a lookup of p locally when it can (see above).
func (fs *FS) knownAbsent(p string) error {
	if !fs.opts.NegativeLookups || p == "" || p == filetree.TrashDir || strings.HasPrefix(p, filetree.TrashDir+"/") {
		return nil
	}
	if !fs.trustsFeed() || !fs.listed.absent(p) {
		return nil
	}
	return &fsapi.Error{Errno: syscall.ENOENT, Msg: p}
}

// readDirWhole lists p and, with NegativeLookups, marks it whole.
func (fs *FS) readDirWhole(ctx context.Context, p string, list func() ([]Entry, error)) ([]Entry, error) {
	gen := fs.listed.stamp()
	ents, err := list()
	if err == nil && fs.opts.NegativeLookups {
		names := make([]string, len(ents))
		for i, e := range ents {
			names[i] = e.Name
		}
		fs.listed.markWhole(p, names, gen)
	}
	return ents, err
}

// mkdirWhole makes directory p and, with NegativeLookups, marks it
// whole: it is empty, as the gateway made it in one transaction.
func (fs *FS) mkdirWhole(p string, mkdir func() (Entry, error)) (Entry, error) {
	clears := fs.listed.clearStamp()
	e, err := fs.created(p, mkdir)
	if err == nil && fs.opts.NegativeLookups {
		fs.listed.markEmpty(p, clears)
	}
	return e, err
}
