package vfs

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/filetree"
)

// TestWholeDirs: a directory known whole answers for absent names until
// a name may be added, another client's change is seen (clear), or its
// listing ages out; a listing or mkdir that raced with such a change
// marks nothing.
func TestWholeDirs(t *testing.T) {
	c := newListCache(time.Minute, 100)
	gen := c.stamp()
	c.markWhole("d", []string{"a", "b"}, gen)
	if !c.absent("d/c") || c.absent("d/a") || c.absent("e/c") {
		t.Fatal("a whole directory: want only d/c absent")
	}
	c.mayExist("d/c")
	if c.absent("d/c") {
		t.Fatal("d/c absent after a creation of it began")
	}
	c.forget("d/a") // a changed entry, not a removed name
	if c.absent("d/a") {
		t.Fatal("forgetting an entry made its name absent")
	}

	stale := c.stamp()
	c.mayExist("e/x") // a creation while e was being listed
	c.markWhole("e", nil, stale)
	if c.absent("e/y") {
		t.Fatal("a listing that raced with a creation marked e whole")
	}

	clears := c.clearStamp()
	c.clear() // another client's change
	if c.absent("d/z") {
		t.Fatal("d still whole after a clear")
	}
	c.markEmpty("n", clears)
	if c.absent("n/x") {
		t.Fatal("a mkdir that raced with another client's change marked n empty")
	}
	c.markEmpty("n", c.clearStamp())
	if !c.absent("n/x") {
		t.Fatal("a new directory is not known empty")
	}

	short := newListCache(time.Nanosecond, 100)
	short.markWhole("d", nil, short.stamp())
	time.Sleep(time.Millisecond)
	if short.absent("d/x") {
		t.Fatal("a listing older than the cache's ttl still answers")
	}
	off := newListCache(-1, 100)
	off.markWhole("d", nil, off.stamp())
	if off.absent("d/x") {
		t.Fatal("a cache turned off answers")
	}
}

// TestKnownAbsent: a local ENOENT needs the option, a fresh read of the
// change feed, a whole directory, and a name outside the trash.
func TestKnownAbsent(t *testing.T) {
	fs := &FS{opts: Options{NegativeLookups: true}, listed: newListCache(time.Minute, 100)}
	fs.listed.markWhole("d", []string{"a"}, fs.listed.stamp())
	fs.listed.markWhole("", nil, fs.listed.stamp())
	if fs.knownAbsent("d/x") != nil {
		t.Fatal("answered without a read of the change feed")
	}
	fs.feedAt.Store(time.Now().UnixNano())
	if err := fs.knownAbsent("d/x"); Errno(err) != syscall.ENOENT {
		t.Fatalf("d/x: %v, want ENOENT", err)
	}
	if fs.knownAbsent("d/a") != nil || fs.knownAbsent("e/x") != nil {
		t.Fatal("answered for a known name or a directory not known whole")
	}
	if fs.knownAbsent(filetree.TrashDir) != nil {
		t.Fatal("answered for the trash")
	}
	fs.feedAt.Store(time.Now().Add(-2 * feedFresh).UnixNano())
	if fs.knownAbsent("d/x") != nil {
		t.Fatal("answered with the change feed stale")
	}
	fs.feedAt.Store(time.Now().UnixNano())
	fs.opts.NegativeLookups = false
	if fs.knownAbsent("d/x") != nil {
		t.Fatal("answered with the option off")
	}
}

// TestKnownPastTTL: with NegativeLookups and a fresh read of the change
// feed, Stat answers from an entry older than the cache's ttl without a
// request (the FS has no client: a request would panic); with the feed
// stale or the option off, the entry has expired.
func TestKnownPastTTL(t *testing.T) {
	fs := &FS{opts: Options{NegativeLookups: true}, listed: newListCache(time.Nanosecond, 100), files: map[uint64]*file{}}
	fs.listed.set("d/f", Entry{Name: "f", Ino: 7, Size: 3})
	time.Sleep(time.Millisecond) // past the ttl
	fs.feedAt.Store(time.Now().UnixNano())
	e, err := fs.Stat(context.Background(), "d/f")
	if err != nil || e.Ino != 7 || e.Size != 3 {
		t.Fatalf("Stat past the ttl with a fresh feed: %+v, %v", e, err)
	}
	fs.feedAt.Store(time.Now().Add(-2 * feedFresh).UnixNano())
	if _, ok := fs.listed.getTrusting("d/f", fs.trustsFeed()); ok {
		t.Fatal("an entry past the ttl answered with the change feed stale")
	}
	fs.feedAt.Store(time.Now().UnixNano())
	fs.opts.NegativeLookups = false
	if _, ok := fs.listed.getTrusting("d/f", fs.trustsFeed()); ok {
		t.Fatal("an entry past the ttl answered with the option off")
	}
	fs.listed.clear() // another client's change
	fs.opts.NegativeLookups = true
	if _, ok := fs.listed.getTrusting("d/f", fs.trustsFeed()); ok {
		t.Fatal("an entry answered after a clear")
	}
}
