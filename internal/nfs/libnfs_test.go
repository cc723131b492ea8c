package nfs_test

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/testenv"
)

// libnfsURL is a libnfs URL of path on the node, as uid: MOUNT and NFS
// on the one port, no portmapper.
func libnfsURL(t *testing.T, addr, p string, uid int) string {
	t.Helper()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	return "nfs://" + host + p + "?version=3&nfsport=" + port + "&mountport=" + port + "&uid=" + itoa(uid) + "&gid=" + itoa(uid)
}

func itoa(i int) string { return strconv.Itoa(i) }

func run(t *testing.T, name string, args ...string) ([]byte, error) {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	return out, err
}

// TestLibnfsTools: libnfs's command-line client (Debian libnfs-utils)
// copies a file in and out, lists a folder and cats a file, and S3 sees
// the same bytes.
func TestLibnfsTools(t *testing.T) {
	nfsCp := testenv.RequireTool(t, "nfs-cp")
	nfsLs := testenv.RequireTool(t, "nfs-ls")
	nfsCat := testenv.RequireTool(t, "nfs-cat")
	n := startNFS(t, "", "data")
	nfsUser(t, n, "alice", fullPolicy, "1000")
	addr := n.ProtocolAddr("nfs")

	src := filepath.Join(t.TempDir(), "src.bin")
	data := bytes.Repeat([]byte("0123456789abcdef"), 200_000) // 3.2 MB: several WRITEs
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := run(t, nfsCp, src, libnfsURL(t, addr, "/data/in.bin", 1000)); err != nil {
		t.Fatalf("nfs-cp in: %v\n%s", err, out)
	}
	if got := s3Get(t, n, "data", "in.bin"); !bytes.Equal(got, data) {
		t.Fatalf("S3 sees %d bytes, want %d", len(got), len(data))
	}
	dst := filepath.Join(t.TempDir(), "dst.bin")
	if out, err := run(t, nfsCp, libnfsURL(t, addr, "/data/in.bin", 1000), dst); err != nil {
		t.Fatalf("nfs-cp out: %v\n%s", err, out)
	}
	if got, _ := os.ReadFile(dst); !bytes.Equal(got, data) {
		t.Fatalf("nfs-cp out: %d bytes, want %d", len(got), len(data))
	}
	out, err := run(t, nfsLs, libnfsURL(t, addr, "/data/", 1000))
	if err != nil || !strings.Contains(string(out), "in.bin") {
		t.Fatalf("nfs-ls: %v\n%s", err, out)
	}
	if _, err := n.S3().PutObject(ctx, putInput("data", "s3.txt", "from S3\n")); err != nil {
		t.Fatal(err)
	}
	out, err = run(t, nfsCat, libnfsURL(t, addr, "/data/s3.txt", 1000))
	if err != nil || string(out) != "from S3\n" {
		t.Fatalf("nfs-cat: %v\n%q", err, out)
	}
	// The export "/" lists the buckets.
	out, err = run(t, nfsLs, libnfsURL(t, addr, "/", 1000))
	if err != nil || !strings.Contains(string(out), "data") {
		t.Fatalf("nfs-ls of /: %v\n%s", err, out)
	}
	// An unmapped uid cannot mount.
	if out, err := run(t, nfsLs, libnfsURL(t, addr, "/data/", 4242)); err == nil {
		t.Fatalf("nfs-ls as an unmapped uid succeeded:\n%s", out)
	}
}
