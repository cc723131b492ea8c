package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenCacheDir: the default read cache folder is per endpoint and
// bucket under the user's cache folder, a second mount of the same
// bucket gets its own, an explicit folder in use is refused, and an
// empty value turns the cache off.
func TestOpenCacheDir(t *testing.T) {
	root := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", root)
	a, err := openCacheDir(autoCacheDir, "http://127.0.0.1:9000", "b")
	if err != nil || !strings.HasPrefix(a, filepath.Join(root, "strata", "mount-")) {
		t.Fatalf("first: %q %v", a, err)
	}
	b, err := openCacheDir(autoCacheDir, "http://127.0.0.1:9000", "b")
	if err != nil || b != a+"-1" {
		t.Fatalf("second mount of the bucket: %q %v, want %s-1", b, err, a)
	}
	c, err := openCacheDir(autoCacheDir, "http://127.0.0.1:9000", "other")
	if err != nil || c == a || strings.HasPrefix(c, a) {
		t.Fatalf("another bucket: %q %v", c, err)
	}
	if _, err := openCacheDir(a, "", ""); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("explicit folder in use: %v", err)
	}
	if d, err := openCacheDir("", "http://127.0.0.1:9000", "b"); d != "" || err != nil {
		t.Fatalf("off: %q %v", d, err)
	}
}
