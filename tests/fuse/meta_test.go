package fusetest

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/fsapi"
	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/vfs"
)

// mountWith mounts bucket with vfs options (testenv.Mount uses the
// defaults).
func mountWith(t *testing.T, s *testenv.Server, bucket string, vo vfs.Options) string {
	t.Helper()
	dir := t.TempDir()
	c := fsapi.NewClient(s.URL(), bucket, testenv.AccessKey, testenv.SecretKey, "us-east-1")
	m, err := fuse.New(dir, vfs.New(c, vo, nil), fuse.Options{})
	if err != nil {
		t.Fatalf("mount: %v", err)
	}
	t.Cleanup(func() {
		for i := 0; m.Unmount() != nil && i < 50; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})
	return dir
}

// smallTar is a tarball of n small files with the given owner, mode and
// mtime, in two directories.
func smallTar(t *testing.T, n int, mode int64, uid int, mtime time.Time) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for d := 0; d < 2; d++ {
		tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: fmt.Sprintf("d%d/", d), Mode: 0o755, ModTime: mtime})
		for i := 0; i < n/2; i++ {
			body := bytes.Repeat([]byte{byte('a' + i%26)}, 100+i*37)
			hdr := &tar.Header{Typeflag: tar.TypeReg, Name: fmt.Sprintf("d%d/f%03d", d, i), Mode: mode, Uid: uid, Gid: uid + 1,
				Size: int64(len(body)), ModTime: mtime}
			if err := tw.WriteHeader(hdr); err != nil {
				t.Fatal(err)
			}
			tw.Write(body)
		}
	}
	tw.Close()
	return buf.Bytes()
}

// TestTarAttrs extracts a tarball with GNU tar into a mount, with the
// attribute changes sent at once and held for the publish (lazy-attrs),
// and checks what another mount and S3 see once tar is done: the bytes,
// mode, owner and mtime of every file.
func TestTarAttrs(t *testing.T) {
	testenv.RequireFUSE(t)
	testenv.RequireTool(t, "tar")
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	mtime := time.Unix(1700000000, 0)
	archive := smallTar(t, 40, 0o640, 1234, mtime)
	tarball := filepath.Join(t.TempDir(), "t.tar")
	if err := os.WriteFile(tarball, archive, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, lazy := range []bool{false, true} {
		bucket := fmt.Sprintf("tar-lazy-%v", lazy)
		if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
			t.Fatal(err)
		}
		dir := mountWith(t, s, bucket, vfs.Options{LazyAttrs: lazy})
		other := mountWith(t, s, bucket, vfs.Options{})
		before := fsRequests(t, s)
		if out, err := exec.Command("tar", "-xf", tarball, "-C", dir).CombinedOutput(); err != nil {
			t.Fatalf("lazy=%v: tar: %v\n%s", lazy, err, out)
		}
		after := fsRequests(t, s)
		delta := func(op string) int { return after[op] - before[op] }
		t.Logf("lazy=%v: gateway requests for 40 files in 2 directories: %v", lazy, after.minus(before))
		// A negative lookup, a create and a write per file; the three
		// attribute changes of each directory.
		if lazy && (delta("setattr") > 6 || delta("stat") > 40+2+4 || delta("create") != 40 || delta("write") != 40) {
			t.Errorf("lazy: tar cost the gateway %v, want per file a stat, a create and a write", after.minus(before))
		}
		tr := tar.NewReader(bytes.NewReader(archive))
		for {
			hdr, err := tr.Next()
			if err == io.EOF {
				break
			}
			if hdr.Typeflag != tar.TypeReg {
				continue
			}
			want, _ := io.ReadAll(tr)
			for _, root := range []string{dir, other} {
				var st syscall.Stat_t
				if err := syscall.Stat(filepath.Join(root, hdr.Name), &st); err != nil {
					t.Fatalf("lazy=%v: %v", lazy, err)
				}
				if st.Mode&0o7777 != 0o640 || st.Uid != 1234 || st.Gid != 1235 || st.Mtim.Sec != mtime.Unix() || st.Size != int64(len(want)) {
					t.Fatalf("lazy=%v %s in %s: mode %o uid %d gid %d mtime %d size %d", lazy, hdr.Name, root, st.Mode, st.Uid, st.Gid, st.Mtim.Sec, st.Size)
				}
			}
			got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(hdr.Name)})
			if err != nil {
				t.Fatalf("lazy=%v: GET %s: %v", lazy, hdr.Name, err)
			}
			b, _ := io.ReadAll(got.Body)
			got.Body.Close()
			if !bytes.Equal(b, want) {
				t.Fatalf("lazy=%v: %s: S3 has %d bytes, want %d", lazy, hdr.Name, len(b), len(want))
			}
		}
	}
}

// touchSetup starts a server with bucket, mounts it with vo and with the
// defaults (other), makes folder d through the first mount, and returns
// n new names in it.
func touchSetup(t *testing.T, bucket string, vo vfs.Options, n int) (s *testenv.Server, c *s3.Client, dir, other string, names []string) {
	t.Helper()
	testenv.RequireFUSE(t)
	testenv.RequireTool(t, "touch")
	s = testenv.Start(t, testenv.Options{})
	c = s.S3()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	dir = mountWith(t, s, bucket, vo)
	other = mountWith(t, s, bucket, vfs.Options{})
	if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		names = append(names, filepath.Join(dir, "d", fmt.Sprintf("f%02d", i)))
	}
	return s, c, dir, other, names
}

// touchCounted runs coreutils touch on names and returns the gateway
// requests it cost.
func touchCounted(t *testing.T, s *testenv.Server, names []string) requests {
	t.Helper()
	before := fsRequests(t, s)
	if out, err := exec.Command("touch", names...).CombinedOutput(); err != nil {
		t.Fatalf("touch: %v\n%s", err, out)
	}
	return fsRequests(t, s).minus(before)
}

// TestTouchNew runs coreutils touch on new names and on an old one. A
// new name costs a lookup and a create: its utimes(now) falls within
// the create's tick and is answered by the mount, unless the machine
// stalls between them (then it is sent, which is also right). Every
// file's times lie between the clocks read before and after, in this
// mount, another mount and S3; touching an existing file later moves
// its mtime on.
func TestTouchNew(t *testing.T) {
	const n = 40
	s, c, dir, other, args := touchSetup(t, "touch", vfs.Options{LazyAttrs: true}, n)
	t0 := time.Now().Add(-time.Second) // the gateway stamps times in whole nanoseconds of its own clock
	d := touchCounted(t, s, args)
	t1 := time.Now().Add(time.Second)
	t.Logf("gateway requests for touch of %d new names: %v", n, d)
	if d["create"] != n || d["setattr"] > n {
		t.Errorf("touch of %d new names cost %v, want %d creates and at most one setattr each", n, d, n)
	}
	for i := range n {
		name := fmt.Sprintf("d/f%02d", i)
		for _, root := range []string{dir, other} {
			fi, err := os.Stat(filepath.Join(root, name))
			if err != nil {
				t.Fatal(err)
			}
			if fi.Size() != 0 || fi.ModTime().Before(t0) || fi.ModTime().After(t1) {
				t.Fatalf("%s in %s: size %d mtime %v, want 0 bytes between %v and %v", name, root, fi.Size(), fi.ModTime(), t0, t1)
			}
		}
		h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("touch"), Key: aws.String(name)})
		if err != nil {
			t.Fatalf("HEAD %s: %v", name, err)
		}
		if lm := aws.ToTime(h.LastModified); lm.Before(t0) || lm.After(t1) {
			t.Fatalf("HEAD %s: Last-Modified %v", name, lm)
		}
	}
	old, err := os.Stat(args[0])
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)
	if out, err := exec.Command("touch", args[0]).CombinedOutput(); err != nil {
		t.Fatalf("touch: %v\n%s", err, out)
	}
	for _, root := range []string{dir, other} {
		deadline := time.Now().Add(5 * time.Second) // the other mount sees it within a poll of the change feed
		for {
			fi, err := os.Stat(filepath.Join(root, "d/f00"))
			if err != nil {
				t.Fatal(err)
			}
			if fi.ModTime().Sub(old.ModTime()) >= time.Second {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("d/f00 in %s: mtime %v after touching it again, was %v", root, fi.ModTime(), old.ModTime())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}

// TestNegativeLookups: with NegativeLookups, touch of new names in a
// folder the mount made is answered without lookups while the change
// feed is fresh (counted and logged), and nothing it stops asking for is
// missed: names made through S3 and by another mount show up within a
// poll of the feed, a renamed name at once, and absent names are ENOENT.
func TestNegativeLookups(t *testing.T) {
	const n = 40
	s, c, dir, other, args := touchSetup(t, "neg", vfs.Options{LazyAttrs: true, NegativeLookups: true}, n)
	d := touchCounted(t, s, args)
	t.Logf("gateway requests for touch of %d new names with negative lookups: %v", n, d)
	if d["create"] != n {
		t.Fatalf("touch of %d names made %d", n, d["create"])
	}
	for _, a := range args {
		if _, err := os.Stat(a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "d", "nope")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("stat of an absent name: %v", err)
	}
	// A listing makes the folder whole again after other changes.
	if _, err := os.ReadDir(filepath.Join(dir, "d")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("neg"), Key: aws.String("d/from-s3"), Body: strings.NewReader("s3")}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "d", "from-other"), []byte("other"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"from-s3", "from-other"} {
		deadline := time.Now().Add(10 * time.Second) // a poll of the feed is 100 ms
		for {
			_, err := os.Stat(filepath.Join(dir, "d", name))
			if err == nil {
				break
			}
			if !errors.Is(err, os.ErrNotExist) || time.Now().After(deadline) {
				t.Fatalf("d/%s made elsewhere: %v", name, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	if _, err := os.ReadDir(filepath.Join(dir, "d")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(args[0], filepath.Join(dir, "d", "renamed")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "d", "renamed")); err != nil {
		t.Fatalf("a renamed name right after the rename: %v", err)
	}
	if _, err := os.Stat(args[0]); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the old name after the rename: %v", err)
	}
	if err := os.Link(args[1], filepath.Join(dir, "d", "linked")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "d", "linked")); err != nil {
		t.Fatalf("a hard link right after it was made: %v", err)
	}
}

// requests are a gateway's file API requests so far, by operation (all
// statuses), without the change feed's polls.
type requests map[string]int

func (r requests) minus(o requests) requests {
	d := requests{}
	for k, v := range r {
		if v != o[k] {
			d[k] = v - o[k]
		}
	}
	return d
}

func fsRequests(t *testing.T, s *testenv.Server) requests {
	t.Helper()
	out := requests{}
	for op, n := range testenv.ReadMetrics(t, s.URL()).By("strata_fs_requests_total", "operation") {
		if op != "changes" {
			out[op] = int(n)
		}
	}
	return out
}

// TestListedXattrs: the xattrs a listing carries answer getxattr in a
// second mount (ls -l asks two per name), both present and absent ones,
// and a change made after the listing by the first mount reaches it.
func TestListedXattrs(t *testing.T) {
	s, _, dir := mounted(t, testenv.Options{})
	b := filepath.Join(testenv.Mount(t, s.URL(), "files", fuse.Options{}), "x")
	a := filepath.Join(dir, "x")
	if err := os.Mkdir(a, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		p := filepath.Join(a, fmt.Sprintf("f%d", i))
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			if err := syscall.Setxattr(p, "user.k", []byte(fmt.Sprintf("v%d", i)), 0); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := os.ReadDir(b); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	for i := 0; i < 5; i++ {
		p := filepath.Join(b, fmt.Sprintf("f%d", i))
		n, err := syscall.Getxattr(p, "user.k", buf)
		switch {
		case i%2 == 0 && (err != nil || string(buf[:n]) != fmt.Sprintf("v%d", i)):
			t.Fatalf("%s: user.k = %q, %v", p, buf[:max(n, 0)], err)
		case i%2 == 1 && !errors.Is(err, syscall.ENODATA):
			t.Fatalf("%s: user.k: %v, want ENODATA", p, err)
		}
		if _, err := syscall.Getxattr(p, "security.selinux", buf); !errors.Is(err, syscall.EOPNOTSUPP) {
			t.Fatalf("%s: security.selinux: %v, want EOPNOTSUPP", p, err)
		}
	}
	// A change through the first mount reaches the second's cache
	// through the change feed.
	if err := syscall.Setxattr(filepath.Join(a, "f1"), "user.k", []byte("late"), 0); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(b, "f1")
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, err := syscall.Getxattr(p, "user.k", buf)
		if err == nil && string(buf[:n]) == "late" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("second mount: user.k = %q, %v after 10 s", buf[:max(n, 0)], err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestUnkeptXattrs: the names a mount does not keep (POSIX ACLs, SELinux
// labels) are refused with EOPNOTSUPP and the others kept, so that ls -l
// asks for them once for the whole device: before, it made two or three
// getxattr calls per name, each a FUSE round trip.
func TestUnkeptXattrs(t *testing.T) {
	strace := testenv.RequireTool(t, "strace")
	_, _, dir := mounted(t, testenv.Options{})
	d := filepath.Join(dir, "d")
	if err := os.MkdirAll(filepath.Join(d, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	const files = 40
	for i := range files {
		if err := os.WriteFile(filepath.Join(d, fmt.Sprintf("f%02d", i)), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(d, "f00")
	buf := make([]byte, 64)
	for _, c := range []struct{ path, name string }{
		{p, "security.selinux"}, {p, "system.posix_acl_access"}, {filepath.Join(d, "sub"), "system.posix_acl_default"},
	} {
		if _, err := syscall.Getxattr(c.path, c.name, buf); !errors.Is(err, syscall.EOPNOTSUPP) {
			t.Fatalf("getxattr %s: %v, want EOPNOTSUPP", c.name, err)
		}
	}
	for _, name := range []string{"security.selinux", "system.posix_acl_access"} {
		if err := syscall.Setxattr(p, name, []byte("x"), 0); !errors.Is(err, syscall.EOPNOTSUPP) && !errors.Is(err, syscall.EINVAL) {
			t.Fatalf("setxattr %s: %v, want EOPNOTSUPP (or EINVAL from the kernel's ACL check)", name, err)
		}
	}
	for _, name := range []string{"user.k", "trusted.k"} {
		if err := syscall.Setxattr(p, name, []byte("v"), 0); err != nil {
			t.Fatalf("setxattr %s: %v", name, err)
		}
		if n, err := syscall.Getxattr(p, name, buf); err != nil || string(buf[:n]) != "v" {
			t.Fatalf("getxattr %s: %q %v", name, buf[:max(n, 0)], err)
		}
	}
	// ls -l of the folder: the xattr calls strace counts stay a few, not
	// two or three for each of its names.
	out := filepath.Join(t.TempDir(), "strace")
	cmd := exec.Command(strace, "-f", "-c", "-o", out, "-e", "trace=getxattr,lgetxattr,fgetxattr", "ls", "-l", d)
	if b, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(b), " f39\n") {
		t.Fatalf("strace ls -l: %v\n%s", err, b)
	}
	report, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	calls := -1
	for _, line := range strings.Split(string(report), "\n") {
		if f := strings.Fields(line); len(f) >= 5 && f[len(f)-1] == "total" {
			fmt.Sscan(f[3], &calls)
		}
	}
	t.Logf("ls -l: %d xattr calls", calls)
	if calls < 0 || calls > 4 {
		t.Fatalf("ls -l of %d names made %d xattr calls, want at most 4:\n%s", files+1, calls, report)
	}
}

// TestNoXattrs: a mount with NoXattrs refuses xattrs with EOPNOTSUPP (the
// kernel stops asking), while files and ls -l work as before and the
// xattrs set through another mount stay untouched.
func TestNoXattrs(t *testing.T) {
	s, _, dir := mounted(t, testenv.Options{})
	plain := testenv.Mount(t, s.URL(), "files", fuse.Options{NoXattrs: true})
	p := filepath.Join(dir, "f")
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Setxattr(p, "user.k", []byte("v"), 0); err != nil {
		t.Fatal(err)
	}
	q := filepath.Join(plain, "f")
	buf := make([]byte, 16)
	for range 2 { // the second is answered by the kernel alone
		if _, err := syscall.Getxattr(q, "user.k", buf); !errors.Is(err, syscall.EOPNOTSUPP) {
			t.Fatalf("getxattr through the NoXattrs mount: %v, want EOPNOTSUPP", err)
		}
	}
	if err := syscall.Setxattr(q, "user.other", []byte("v"), 0); !errors.Is(err, syscall.EOPNOTSUPP) {
		t.Fatalf("setxattr through the NoXattrs mount: %v, want EOPNOTSUPP", err)
	}
	if out, err := exec.Command("ls", "-l", plain).CombinedOutput(); err != nil || !strings.Contains(string(out), " f\n") {
		t.Fatalf("ls -l: %v\n%s", err, out)
	}
	if n, err := syscall.Getxattr(p, "user.k", buf); err != nil || string(buf[:n]) != "v" {
		t.Fatalf("the other mount's xattr: %q %v", buf[:n], err)
	}
}
