package classestest

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/strata-storage/strata/internal/object"
)

// TestRebuildStaysInPool: a lost fragment is rebuilt on another volume of
// its pool, never on a volume of another pool.
func TestRebuildStaysInPool(t *testing.T) {
	p := startPooled(t, map[string]int{"ssd": 3, "hdd": 4})
	p.setClass(t, object.StorageClass{Name: "STANDARD", Pool: "hdd", Policy: "EC2+1"})
	p.bucket(t, "r", "")
	b := body(2<<20, 3)
	for _, k := range []string{"a", "b", "c"} {
		p.put(t, "r", k, "", b)
	}
	// Lose a whole hdd volume's chunks: at most one fragment of each
	// metachunk.
	var lost int64
	for _, d := range p.dirs["hdd"] {
		filepath.WalkDir(filepath.Join(d, "chunks"), func(path string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				lost++
				return os.Remove(path)
			}
			return nil
		})
		if lost > 0 {
			break
		}
	}
	if got := p.chunks(); int64(got["hdd"]) != 9-lost || got["ssd"] != 0 {
		t.Fatalf("after losing %d chunks: %v", lost, got)
	}
	rep, err := p.Objects.Rebuild(ctx, object.RebuildOptions{})
	if err != nil || rep.Rebuilt != lost {
		t.Fatalf("rebuild: %+v %v", rep, err)
	}
	if got := p.chunks(); got["hdd"] != 9 || got["ssd"] != 0 {
		t.Fatalf("after rebuild: chunks by pool %v, want all 9 on hdd", got)
	}
	for _, k := range []string{"a", "b", "c"} {
		if _, got := p.get(t, "r", k, ""); !bytes.Equal(got, b) {
			t.Fatalf("%s reads other bytes after the rebuild", k)
		}
	}
}
