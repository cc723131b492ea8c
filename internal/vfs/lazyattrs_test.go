package vfs

import (
	"syscall"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/filetree"
)

// TestSameTick: the utimes(now) that follows a create within one tick is
// answered locally; anything else (later, chosen times, other changes,
// written data, a file not made by this mount) goes to the gateway.
func TestSameTick(t *testing.T) {
	fs := &FS{listed: newListCache(time.Minute, 100)}
	const made = int64(1_000_000_000_000)
	base := Entry{Name: "f", Ino: 7, Mode: syscall.S_IFREG | 0o644, Nlink: 1, Mtime: made - 1000, Atime: made - 1000, Ctime: made - 1000}
	newFile := func() *file { return &file{fs: fs, ino: 7, path: "d/f", base: base, known: true, madeAt: made} }
	now := made + int64(time.Millisecond)
	nowSet := func() SetAttrs {
		v := now
		return SetAttrs{SetAttr: filetree.SetAttr{Atime: &v, Mtime: &v}, TimesNow: true}
	}

	e, ok := fs.sameTick("d/f", newFile(), nowSet(), now)
	if !ok || e.Mtime != base.Mtime || e.Atime != base.Atime || e.Ino != 7 || e.Created {
		t.Fatalf("touch right after the create: %+v %v, want the created entry", e, ok)
	}

	later := nowSet()
	if _, ok := fs.sameTick("d/f", newFile(), later, made+int64(timeTick)); ok {
		t.Fatal("answered a utimes(now) a tick after the create")
	}
	chosen := nowSet()
	chosen.TimesNow = false
	if _, ok := fs.sameTick("d/f", newFile(), chosen, now); ok {
		t.Fatal("answered a utimes with chosen times")
	}
	mode := nowSet()
	m := uint32(0o600)
	mode.Mode = &m
	if _, ok := fs.sameTick("d/f", newFile(), mode, now); ok {
		t.Fatal("answered a utimes that also changes the mode")
	}
	size := nowSet()
	var zero int64
	size.Size = &zero
	if _, ok := fs.sameTick("d/f", newFile(), size, now); ok {
		t.Fatal("answered a truncate")
	}
	written := newFile()
	written.dirty.write(0, []byte("x"))
	if _, ok := fs.sameTick("d/f", written, nowSet(), now); ok {
		t.Fatal("answered a utimes(now) after a write")
	}
	opened := newFile()
	opened.madeAt = 0 // opened, not made, by this mount
	if _, ok := fs.sameTick("d/f", opened, nowSet(), now); ok {
		t.Fatal("answered a utimes(now) of a file this mount did not make")
	}
	if _, ok := fs.sameTick("d/f", newFile(), SetAttrs{TimesNow: true}, now); ok {
		t.Fatal("answered a setattr with no times")
	}
}
