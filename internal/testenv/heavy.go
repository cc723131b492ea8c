package testenv

import (
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
)

// Clusters are heavy: several etcd members fsyncing and, with processes,
// several servers. `go test ./...` runs packages in parallel, and two
// clusters on a 2-core machine starve each other's Raft heartbeats. So
// cluster starts take a machine-wide lock (flock on a file in the temp
// folder) for the rest of their test; within one test binary the lock is
// counted, so a test may start several clusters.
var heavy struct {
	mu sync.Mutex
	n  int
	f  *os.File
}

// Heavy holds the machine-wide cluster lock until the test ends.
func Heavy(t testing.TB) {
	t.Helper()
	heavy.mu.Lock()
	if heavy.n == 0 {
		f, err := os.OpenFile(filepath.Join(os.TempDir(), "strata-heavy-tests.lock"), os.O_CREATE|os.O_RDWR, 0o666)
		if err != nil {
			heavy.mu.Unlock()
			t.Fatal(err)
		}
		// Blocks while a test of another package holds it.
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			f.Close()
			heavy.mu.Unlock()
			t.Fatal(err)
		}
		heavy.f = f
	}
	heavy.n++
	heavy.mu.Unlock()
	t.Cleanup(func() {
		heavy.mu.Lock()
		defer heavy.mu.Unlock()
		if heavy.n--; heavy.n == 0 {
			syscall.Flock(int(heavy.f.Fd()), syscall.LOCK_UN)
			heavy.f.Close()
			heavy.f = nil
		}
	})
}
