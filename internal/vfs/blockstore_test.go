package vfs

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// kept writes blocks through the store's queue and waits for the writer.
func kept(t *testing.T, s *blockStore, blocks map[string][]byte) {
	t.Helper()
	for name, b := range blocks {
		s.put(name, b)
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(s.queue) > 0 || !s.has(blocks) {
		if time.Now().After(deadline) {
			t.Fatal("blocks not written")
		}
		time.Sleep(time.Millisecond)
	}
}

// has reports whether every block in blocks is indexed.
func (s *blockStore) has(blocks map[string][]byte) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for name := range blocks {
		if _, ok := s.idx[name]; !ok {
			return false
		}
	}
	return true
}

func TestBlockStoreEvictsLeastRecent(t *testing.T) {
	dir := t.TempDir()
	s, err := openBlockStore(dir, 3000, slog.Default())
	if err != nil {
		t.Fatal(err)
	}
	kept(t, s, map[string][]byte{"aa-1-0": bytes.Repeat([]byte("a"), 1000)})
	kept(t, s, map[string][]byte{"bb-1-0": bytes.Repeat([]byte("b"), 1000)})
	kept(t, s, map[string][]byte{"cc-1-0": bytes.Repeat([]byte("c"), 1000)})
	buf := make([]byte, 10)
	if n, size, ok := s.read("aa-1-0", buf, 995); !ok || n != 5 || size != 1000 || string(buf[:n]) != "aaaaa" {
		t.Fatalf("read at the end of a block: n=%d size=%d ok=%v %q", n, size, ok, buf[:n])
	}
	// aa was used last: bb is the one to go.
	kept(t, s, map[string][]byte{"dd-1-0": bytes.Repeat([]byte("d"), 1000)})
	if _, _, ok := s.read("bb-1-0", buf, 0); ok {
		t.Error("least recently used block still kept")
	}
	if _, err := os.Stat(s.path("bb-1-0")); !os.IsNotExist(err) {
		t.Errorf("evicted block's file: %v", err)
	}
	for _, name := range []string{"aa-1-0", "cc-1-0", "dd-1-0"} {
		if _, _, ok := s.read(name, buf, 0); !ok {
			t.Errorf("%s not kept", name)
		}
	}
	if used, n := s.usage(); used != 3000 || n != 3 {
		t.Errorf("usage %d bytes in %d blocks, want 3000 in 3", used, n)
	}
}

func TestBlockStoreReopens(t *testing.T) {
	dir := t.TempDir()
	s, err := openBlockStore(dir, 1<<20, slog.Default())
	if err != nil {
		t.Fatal(err)
	}
	kept(t, s, map[string][]byte{"ab-2-0": []byte("hello"), "cd-2-1": []byte("world")})
	// A write cut short by a crash leaves a temporary file.
	tmp := filepath.Join(dir, "ef", "ef-2-0.tmp")
	os.MkdirAll(filepath.Dir(tmp), 0o700)
	os.WriteFile(tmp, []byte("partial"), 0o600)

	s2, err := openBlockStore(dir, 6, slog.Default()) // room for one block
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("temporary file left: %v", err)
	}
	used, n := s2.usage()
	if n != 1 || used != 5 {
		t.Fatalf("reopened store keeps %d bytes in %d blocks, want 5 in 1", used, n)
	}
	buf := make([]byte, 5)
	_, _, okA := s2.read("ab-2-0", buf, 0)
	_, _, okC := s2.read("cd-2-1", buf, 0)
	if okA == okC {
		t.Errorf("reopened over its size: kept ab=%v cd=%v, want exactly one", okA, okC)
	}
}
