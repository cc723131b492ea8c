package ftp_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/testenv"
)

// run runs a client tool, failing the test with its output on error.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := runErr(name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return out
}

func runErr(name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "HOME="+os.TempDir())
	done := make(chan struct{})
	timer := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
	defer timer.Stop()
	defer close(done)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// lftpScript runs lftp commands against the node, over TLS on secure
// nodes (certificate checked against the test CA).
func (n *node) lftp(t *testing.T, bin, script string) (string, error) {
	settings := "set cmd:fail-exit yes; set net:max-retries 1; set net:timeout 20; set net:reconnect-interval-base 1; "
	if n.ca != "" {
		settings += "set ftp:ssl-force true; set ftp:ssl-protect-data true; set ftp:ssl-protect-list true; " +
			"set ssl:verify-certificate true; set ssl:ca-file " + n.ca + "; "
	} else {
		settings += "set ftp:ssl-allow false; "
	}
	return runErr(bin, "-u", testenv.AccessKey+","+testenv.SecretKey, "-e", settings+script+"; bye", "ftp://"+n.addr)
}

// tree writes count files (some in sub-folders) under dir.
func tree(t *testing.T, dir string, count, size int) map[string][]byte {
	files := map[string][]byte{}
	for i := 0; i < count; i++ {
		rel := fmt.Sprintf("d%d/f%03d.bin", i%7, i)
		if i%5 == 0 {
			rel = fmt.Sprintf("d%d/deep/f%03d.bin", i%7, i)
		}
		b := random(t, size+i)
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files[rel] = b
	}
	return files
}

// TestLftp drives lftp over TLS: mirror up a tree, list, get, resume a
// download and an upload, rename, remove; S3 sees each result.
func TestLftp(t *testing.T) {
	bin := testenv.RequireTool(t, "lftp")
	n := start(t, true)
	local := t.TempDir()
	files := tree(t, filepath.Join(local, "up"), 40, 3000)
	big := random(t, 3<<20)
	os.WriteFile(filepath.Join(local, "big.bin"), big, 0o644)

	out, err := n.lftp(t, bin, "mkdir /lftp; mirror -R "+filepath.Join(local, "up")+" /lftp/tree; put "+
		filepath.Join(local, "big.bin")+" -o /lftp/big.bin; cls -1 /lftp/tree/d3")
	if err != nil {
		t.Fatalf("lftp mirror: %v\n%s", err, out)
	}
	if !strings.Contains(out, "f003.bin") {
		t.Fatalf("cls: %s", out)
	}
	keys := n.keys(t, "lftp", "tree/")
	for rel, b := range files {
		if keys["tree/"+rel] != int64(len(b)) {
			t.Fatalf("S3 has tree/%s at %d bytes, want %d", rel, keys["tree/"+rel], len(b))
		}
	}
	n.wantObject(t, "lftp", "big.bin", big)

	// get, and get -c resuming a partial local copy.
	got := filepath.Join(local, "got.bin")
	os.WriteFile(got, big[:1<<20], 0o644)
	if out, err := n.lftp(t, bin, "get -c /lftp/big.bin -o "+got); err != nil {
		t.Fatalf("lftp get -c: %v\n%s", err, out)
	}
	if b, _ := os.ReadFile(got); !bytes.Equal(b, big) {
		t.Fatalf("resumed download: %d bytes", len(b))
	}
	// put -c resumes an upload cut short earlier (here: the first MiB,
	// stored whole).
	os.WriteFile(filepath.Join(local, "half.bin"), big[:1<<20], 0o644)
	if out, err := n.lftp(t, bin, "put "+filepath.Join(local, "half.bin")+" -o /lftp/resumed.bin; put -c "+
		filepath.Join(local, "big.bin")+" -o /lftp/resumed.bin"); err != nil {
		t.Fatalf("lftp put -c: %v\n%s", err, out)
	}
	n.wantObject(t, "lftp", "resumed.bin", big)

	// mv, rm, rm -r, rmdir.
	if out, err := n.lftp(t, bin, "mv /lftp/big.bin /lftp/moved.bin; rm /lftp/resumed.bin; rm -r /lftp/tree/d1; mkdir /lftp/empty; rmdir /lftp/empty"); err != nil {
		t.Fatalf("lftp mv/rm: %v\n%s", err, out)
	}
	n.wantObject(t, "lftp", "moved.bin", big)
	n.wantNoObject(t, "lftp", "big.bin")
	n.wantNoObject(t, "lftp", "resumed.bin")
	for k := range n.keys(t, "lftp", "") {
		if strings.HasPrefix(k, "tree/d1/") || strings.HasPrefix(k, "empty") || strings.Contains(k, ".in.") {
			t.Fatalf("S3 still lists %s", k)
		}
	}
}

// TestCurl uses curl: plain FTP on a node without a certificate, and
// FTPS (--ssl-reqd) on one with.
func TestCurl(t *testing.T) {
	bin := testenv.RequireTool(t, "curl")
	for _, secure := range []bool{false, true} {
		t.Run(map[bool]string{false: "plain", true: "tls"}[secure], func(t *testing.T) {
			n := start(t, secure)
			n.bucket(t, "curl")
			args := []string{"-sS", "--user", testenv.AccessKey + ":" + testenv.SecretKey}
			if secure {
				args = append(args, "--ssl-reqd", "--cacert", n.ca)
			}
			url := "ftp://" + n.addr + "/curl/"
			dir := t.TempDir()
			data := random(t, 2<<20+5)
			src := filepath.Join(dir, "src.bin")
			os.WriteFile(src, data, 0o644)

			run(t, bin, append(args, "--ftp-create-dirs", "-T", src, url+"in/dir/file.bin")...)
			n.wantObject(t, "curl", "in/dir/file.bin", data)
			if out := run(t, bin, append(args, url+"in/dir/")...); !strings.Contains(out, "file.bin") {
				t.Fatalf("LIST: %s", out)
			}
			dst := filepath.Join(dir, "dst.bin")
			run(t, bin, append(args, "-o", dst, url+"in/dir/file.bin")...)
			if b, _ := os.ReadFile(dst); !bytes.Equal(b, data) {
				t.Fatalf("download: %d bytes", len(b))
			}
			// -C: resume the download from the local size.
			os.WriteFile(dst, data[:12345], 0o644)
			run(t, bin, append(args, "-C", "-", "-o", dst, url+"in/dir/file.bin")...)
			if b, _ := os.ReadFile(dst); !bytes.Equal(b, data) {
				t.Fatalf("resumed download: %d bytes", len(b))
			}
			run(t, bin, append(args, "-Q", "-DELE in/dir/file.bin", url)...)
			n.wantNoObject(t, "curl", "in/dir/file.bin")
			// A wrong secret is refused.
			bad := []string{"-sS", "--user", testenv.AccessKey + ":nope"}
			if secure {
				bad = append(bad, "--ssl-reqd", "--cacert", n.ca)
			}
			if out, err := runErr(bin, append(bad, url)...); err == nil || !strings.Contains(out, "530") && !strings.Contains(out, "Access denied") {
				t.Fatalf("wrong secret: %v %s", err, out)
			}
			if secure { // plain FTP to a TLS node: refused before the password
				if out, err := runErr(bin, "-sS", "--user", testenv.AccessKey+":"+testenv.SecretKey, url); err == nil {
					t.Fatalf("plain login to a TLS node succeeded: %s", out)
				}
			}
		})
	}
}
