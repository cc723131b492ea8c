package swifttest

import (
	"bytes"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSwiftCLI drives the node with python-swiftclient: upload, list,
// stat, post, download, an SLO upload in 1 MiB segments, delete.
func TestSwiftCLI(t *testing.T) {
	_, auth := node(t)
	dir := t.TempDir()
	small := filepath.Join(dir, "hello.txt")
	os.WriteFile(small, []byte("hello swift\n"), 0o644)
	big := filepath.Join(dir, "big.bin")
	data := make([]byte, 20<<20+12345)
	rand.Read(data)
	os.WriteFile(big, data, 0o644)

	swiftCLI(t, auth, "post", "cli")
	swiftCLI(t, auth, "upload", "--object-name", "docs/hello.txt", "cli", small)
	swiftCLI(t, auth, "upload", "--use-slo", "-S", "1048576", "--object-name", "big.bin", "cli", big)

	if out := swiftCLI(t, auth, "list", "cli"); !strings.Contains(out, "docs/hello.txt") || !strings.Contains(out, "big.bin") {
		t.Fatalf("list: %q", out)
	}
	if out := swiftCLI(t, auth, "list"); !strings.Contains(out, "cli_segments") {
		t.Fatalf("account list lacks the segments container: %q", out)
	}
	swiftCLI(t, auth, "post", "-m", "Color:blue", "cli", "docs/hello.txt")
	if out := swiftCLI(t, auth, "stat", "cli", "docs/hello.txt"); !strings.Contains(out, "Meta Color: blue") {
		t.Fatalf("stat: %q", out)
	}
	if out := swiftCLI(t, auth, "stat", "cli", "big.bin"); !strings.Contains(out, "Manifest") && !strings.Contains(out, "Content Length: 20983865") {
		t.Fatalf("stat big: %q", out)
	}
	out := filepath.Join(dir, "out")
	swiftCLI(t, auth, "download", "-D", out, "cli")
	got, err := os.ReadFile(filepath.Join(out, "big.bin"))
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("SLO download differs (%d bytes, err %v)", len(got), err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "docs/hello.txt")); string(got) != "hello swift\n" {
		t.Fatalf("download: %q", got)
	}
	swiftCLI(t, auth, "delete", "cli", "big.bin")
	if out := swiftCLI(t, auth, "list", "cli_segments"); strings.TrimSpace(out) != "" {
		t.Fatalf("segments left after delete: %q", out)
	}
	swiftCLI(t, auth, "delete", "cli")
	if out := swiftCLI(t, auth, "list"); strings.Contains(out, "cli\n") {
		t.Fatalf("container left: %q", out)
	}
}
