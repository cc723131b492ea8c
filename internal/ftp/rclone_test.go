package ftp_test

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestRcloneSync: rclone's ftp backend, over explicit TLS, syncs a
// 500-file tree up, its check finds 0 differences, and S3 lists the
// same tree.
func TestRcloneSync(t *testing.T) {
	bin := testenv.RequireTool(t, "rclone")
	n := start(t, true)
	n.bucket(t, "rclone")
	local := t.TempDir()
	files := tree(t, local, 500, 700)

	host, port, _ := net.SplitHostPort(n.addr)
	obscured, err := exec.Command(bin, "obscure", testenv.SecretKey).Output()
	if err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "RCLONE_CONFIG_F_TYPE=ftp", "RCLONE_CONFIG_F_HOST="+host, "RCLONE_CONFIG_F_PORT="+port,
		"RCLONE_CONFIG_F_USER="+testenv.AccessKey, "RCLONE_CONFIG_F_PASS="+strings.TrimSpace(string(obscured)),
		"RCLONE_CONFIG_F_EXPLICIT_TLS=true", "SSL_CERT_FILE="+n.ca, // rclone (Go) trusts the test CA
		"RCLONE_CONFIG="+filepath.Join(t.TempDir(), "none.conf"))
	rclone := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("rclone %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	rclone("sync", local, "f:rclone/tree", "--transfers", "4", "--checkers", "4", "--retries", "1")
	out := rclone("check", local, "f:rclone/tree", "--checkers", "4")
	if !strings.Contains(out, "0 differences found") {
		t.Fatalf("rclone check: %s", out)
	}
	keys := n.keys(t, "rclone", "tree/")
	objects := 0
	for k, size := range keys {
		if strings.HasSuffix(k, "/") {
			continue // folder markers of the folders rclone made
		}
		objects++
		rel := strings.TrimPrefix(k, "tree/")
		if b, ok := files[rel]; !ok || int64(len(b)) != size {
			t.Fatalf("S3 lists %s (%d bytes), not in the local tree", k, size)
		}
	}
	if objects != len(files) {
		t.Fatalf("S3 lists %d objects, want %d", objects, len(files))
	}
	// A second sync has nothing to do.
	if out := rclone("sync", local, "f:rclone/tree", "-v", "--checkers", "4"); strings.Contains(out, "Copied") {
		t.Fatalf("second sync copied again: %s", out)
	}
}
