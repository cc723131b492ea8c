package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"

	"github.com/strata-storage/strata/internal/fsapi"
	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/vfs"
)

// RequireFUSE stops a test that needs FUSE mounts where they cannot work
// (not root, no /dev/fuse): skipped locally, failed under CI.
func RequireFUSE(t testing.TB) {
	t.Helper()
	RequireTool(t, "fusermount3")
	msg := ""
	if os.Geteuid() != 0 {
		msg = "FUSE tests run as root"
	} else if _, err := os.Stat("/dev/fuse"); err != nil {
		msg = "no /dev/fuse"
	}
	if msg == "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// Mount mounts bucket of the server at endpoint in this process on a new
// folder, unmounted by t.Cleanup, and returns the folder.
func Mount(t testing.TB, endpoint, bucket string, opts fuse.Options) string {
	t.Helper()
	return MountAs(t, endpoint, bucket, AccessKey, SecretKey, opts)
}

// MountAs is Mount signed with another access key.
func MountAs(t testing.TB, endpoint, bucket, accessKey, secretKey string, opts fuse.Options) string {
	t.Helper()
	RequireFUSE(t)
	c := fsapi.NewClient(endpoint, bucket, accessKey, secretKey, "us-east-1")
	return MountVFS(t, vfs.New(c, vfs.Options{}, nil), opts)
}

// abortFUSE cuts a hung mount's FUSE connection (through fusectl), so that
// processes blocked on it fail instead of hanging the test run.
func abortFUSE(dir string) {
	var st syscall.Stat_t
	if syscall.Stat(dir, &st) == nil {
		minor := (st.Dev & 0xff) | ((st.Dev >> 12) & 0xfff00)
		os.WriteFile(fmt.Sprintf("/sys/fs/fuse/connections/%d/abort", minor), []byte("1"), 0)
	}
	exec.Command("umount", "-l", dir).Run()
}
