package vfs

import (
	"syscall"
	"testing"
	"time"
)

// TestListCacheForget: a change forgets only its own paths, moves a
// cached parent's times, and empties the cache while a hard-linked file
// is cached (its other names would keep stale attributes).
func TestListCacheForget(t *testing.T) {
	c := newListCache(time.Minute, 100)
	dir := Entry{Name: "d", Mode: syscall.S_IFDIR | 0o755, Nlink: 2, Mtime: 5, Ctime: 5}
	file := Entry{Name: "a", Mode: syscall.S_IFREG | 0o644, Nlink: 1}
	c.put("", []Entry{dir})
	c.put("d", []Entry{file, {Name: "b", Mode: syscall.S_IFREG | 0o644, Nlink: 1}})
	c.putXattrs("d/b", nil)

	c.forget("d/a")
	if _, ok := c.get("d/a"); ok {
		t.Fatal("d/a still cached")
	}
	if _, ok := c.get("d/b"); !ok {
		t.Fatal("d/b forgotten with d/a")
	}
	if _, ok := c.getXattrs("d/b"); !ok {
		t.Fatal("d/b's xattrs forgotten with d/a")
	}
	if !c.touch("d", 9) {
		t.Fatal("touch of a cached directory failed")
	}
	if e, _ := c.get("d"); e.Mtime != 9 || e.Ctime != 9 {
		t.Fatalf("d after touch: %+v", e)
	}
	if c.touch("d/b", 9) || c.touch("nope", 9) {
		t.Fatal("touch of a file or an uncached name succeeded")
	}
	implicit := Entry{Name: "i", Mode: syscall.S_IFDIR | 0o755, Nlink: 2}
	c.put("", []Entry{implicit})
	if c.touch("i", 9) {
		t.Fatal("touch gave times to an implicit directory")
	}

	c.put("d", []Entry{{Name: "h", Mode: syscall.S_IFREG | 0o644, Nlink: 2}})
	c.forget("d/other")
	if _, ok := c.get("d/b"); ok {
		t.Fatal("cache kept entries with a hard-linked file cached")
	}
	c.set("d/h", Entry{Mode: syscall.S_IFREG | 0o644, Nlink: 2})
	if _, ok := c.get("d/h"); ok {
		t.Fatal("set cached a hard-linked file")
	}
	c.set("d/n", Entry{Mode: syscall.S_IFREG | 0o644, Nlink: 1, Created: true})
	if e, ok := c.get("d/n"); !ok || e.Created {
		t.Fatalf("set: %+v %v", e, ok)
	}
}
