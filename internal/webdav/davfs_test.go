package webdav_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestDavfs2 mounts the bucket with davfs2 (the kernel's FUSE through
// mount.davfs), writes a file through the mount and reads it via S3, and
// reads an S3 object through the mount. It needs root and /dev/fuse.
func TestDavfs2(t *testing.T) {
	bin := testenv.RequireTool(t, "mount.davfs")
	testenv.RequireFUSE(t)
	n, base := node(t, "dav")
	s3Put(t, n, "dav", "from-s3.txt", "written by S3")

	dir := t.TempDir()
	mnt := filepath.Join(dir, "mnt")
	conf := filepath.Join(dir, "davfs2.conf")
	secrets := filepath.Join(dir, "secrets")
	os.Mkdir(mnt, 0o755)
	os.Mkdir(filepath.Join(dir, "cache"), 0o777)
	os.Chmod(filepath.Join(dir, "cache"), 0o777)
	os.Chmod(dir, 0o755) // mount.davfs drops to the davfs2 user
	os.Chmod(filepath.Dir(dir), 0o755)
	url := base + "/dav/"
	os.WriteFile(secrets, []byte(url+" "+testenv.AccessKey+" "+testenv.SecretKey+"\n"), 0o600)
	os.WriteFile(conf, []byte("secrets "+secrets+"\ncache_dir "+filepath.Join(dir, "cache")+
		"\nask_auth 0\nuse_locks 1\ndelay_upload 0\nfile_refresh 0\ndir_refresh 0\n"), 0o600)
	cmd := exec.CommandContext(ctx, bin, url, mnt, "-o", "conf="+conf+",uid=0,gid=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("mount.davfs: %v\n%s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", mnt).CombinedOutput(); err != nil {
			t.Logf("umount: %v %s", err, out)
			exec.Command("umount", "-l", mnt).Run()
		}
	})

	if b, err := os.ReadFile(filepath.Join(mnt, "from-s3.txt")); err != nil || string(b) != "written by S3" {
		t.Fatalf("read through davfs2: %q %v", b, err)
	}
	body := strings.Repeat("davfs2 line\n", 1000)
	if err := os.WriteFile(filepath.Join(mnt, "from-davfs.txt"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	// davfs2 uploads a file at close, from a background thread: wait for
	// the object (bounded), then check it bit for bit.
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, err := n.S3().HeadObject(ctx, headInput("dav", "from-davfs.txt"))
		if err == nil && *out.ContentLength == int64(len(body)) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("davfs2's upload never reached S3: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if got := s3Get(t, n, "dav", "from-davfs.txt"); got != body {
		t.Fatalf("S3 reads %d bytes, want %d", len(got), len(body))
	}
}
