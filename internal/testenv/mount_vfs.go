package testenv

import (
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/vfs"
)

// MountVFS mounts a file system the test built itself (its own client,
// transport or vfs.Options) on a new folder, unmounted by t.Cleanup, and
// returns the folder.
func MountVFS(t testing.TB, v *vfs.FS, opts fuse.Options) string {
	t.Helper()
	RequireFUSE(t)
	dir := t.TempDir()
	m, err := fuse.New(dir, v, opts)
	if err != nil {
		t.Fatalf("mount: %v", err)
	}
	t.Cleanup(func() {
		for i := 0; ; i++ {
			err := m.Unmount()
			if err == nil {
				return
			}
			if i == 50 {
				t.Errorf("unmount %s: %v; aborting the FUSE connection", dir, err)
				abortFUSE(dir)
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	return dir
}
