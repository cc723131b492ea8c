package vfs

import (
	"context"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/filetree"
)

// Change is a name another client (or this one) changed: Path is the
// file or directory path, without a trailing slash.
type Change struct {
	Path string
	Op   string
}

// Run does the mount's background work until ctx ends: lock lease
// refresh, and polling the bucket's change feed every interval, handing
// each change to notify (the kernel-cache invalidation of the FUSE
// adapter). The feed is read with an overlap window, because gateways'
// clocks order it; a change seen twice is handed over once. The gateway
// leaves out this mount's own changes: re-sending the overlap window ten
// times a second cost a tar -x a tenth of the gateway's CPU.
func (fs *FS) Run(ctx context.Context, interval time.Duration, notify func(Change)) {
	go fs.refreshLocks(ctx)
	if notify == nil {
		return
	}
	const overlap = int64(2 * time.Second)
	// Start from the server's present: skip what the feed retains, and
	// count the changes of the overlap window as seen, so that the first
	// poll does not report changes made before the mount (which would
	// empty the read cache it has just filled).
	var cursor int64
	seen := map[filetree.Change]bool{}
	for {
		began := time.Now().UnixNano()
		ch, err := fs.c.Changes(ctx, cursor, 1000, "")
		for _, c := range ch {
			seen[c] = true
		}
		if len(ch) > 0 {
			cursor = ch[len(ch)-1].Seq
		}
		for c := range seen {
			if c.Seq < cursor-overlap {
				delete(seen, c)
			}
		}
		if err == nil && len(ch) < 1000 {
			fs.listed.clear() // what was listed before the feed was read is not covered by it
			fs.feedAt.Store(began)
		}
		if err != nil || len(ch) < 1000 {
			break
		}
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		since := max(0, cursor-overlap)
		began := time.Now().UnixNano()
		ch, err := fs.c.Changes(ctx, since, 5000, fs.session)
		if err != nil {
			if ctx.Err() == nil {
				fs.log.Debug("change feed poll failed", "err", err)
			}
			continue
		}
		next := map[filetree.Change]bool{}
		for _, c := range ch {
			if c.Seq >= cursor-overlap {
				next[c] = true
			}
			if seen[c] {
				continue
			}
			cursor = max(cursor, c.Seq)
			if c.Key == "" || c.Origin == fs.session || strings.HasPrefix(c.Key, filetree.TrashDir+"/") {
				continue
			}
			fs.listed.clear()
			fs.cache.changed(strings.TrimSuffix(c.Key, "/"))
			notify(Change{Path: strings.TrimSuffix(c.Key, "/"), Op: c.Op})
		}
		seen = next
		if len(ch) < 5000 {
			fs.feedAt.Store(began) // everything committed before began is in the caches now
		} else {
			fs.feedAt.Store(0) // more changes wait for the next poll: trust no absent name meanwhile
		}
	}
}
