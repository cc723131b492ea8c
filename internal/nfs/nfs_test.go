package nfs_test

import (
	"bytes"
	"errors"
	"os"
	"sort"
	"strings"
	"testing"

	nfsc "github.com/willscott/go-nfs-client/nfs"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestGoClient drives the server with a Go NFSv3 client: create, write,
// read, mkdir, readdir, rename, partial overwrite, truncate, remove, and
// the S3 view of each.
func TestGoClient(t *testing.T) {
	n := startNFS(t, "", "data")
	nfsUser(t, n, "alice", fullPolicy, "1000")
	addr := n.ProtocolAddr("nfs")
	v := mustMount(t, addr, "/data", 1000)

	writeFile(t, v, "hello.txt", []byte("hello, nfs"))
	if got := s3Get(t, n, "data", "hello.txt"); string(got) != "hello, nfs" {
		t.Fatalf("S3 sees %q", got)
	}
	if got := readFile(t, v, "hello.txt"); string(got) != "hello, nfs" {
		t.Fatalf("NFS reads %q", got)
	}

	if _, err := v.Mkdir("dir", 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, v, "dir/a", bytes.Repeat([]byte("a"), 300_000))
	writeFile(t, v, "dir/b", []byte("b"))
	ents, err := v.ReadDirPlus("dir")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		if e.Name() != "." && e.Name() != ".." {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if strings.Join(names, ",") != "a,b" {
		t.Fatalf("readdir: %v", names)
	}

	// Partial overwrite in the middle of a file: S3 sees it at once.
	f, err := v.OpenFile("dir/a", 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(100_000, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("XYZ")); err != nil {
		t.Fatal(err)
	}
	f.Close()
	want := bytes.Repeat([]byte("a"), 300_000)
	copy(want[100_000:], "XYZ")
	if got := s3Get(t, n, "data", "dir/a"); !bytes.Equal(got, want) {
		t.Fatalf("S3 after partial overwrite: %d bytes, equal=%v", len(got), bytes.Equal(got, want))
	}
	if got := readFile(t, v, "dir/a"); !bytes.Equal(got, want) {
		t.Fatalf("NFS after partial overwrite differs")
	}

	// Truncate (SETATTR size).
	_, fh, err := v.Lookup("dir/a")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.SetAttr(fh, nfsc.Sattr3{Size: nfsc.SetSize{SetIt: true, Size: 10}}); err != nil {
		t.Fatal(err)
	}
	if got := s3Get(t, n, "data", "dir/a"); string(got) != "aaaaaaaaaa" {
		t.Fatalf("S3 after truncate: %q", got)
	}

	// Rename a folder: its files follow, in NFS and S3.
	if err := rename(v, 1000, "dir", "moved"); err != nil {
		t.Fatal(err)
	}
	if got := s3Get(t, n, "data", "moved/b"); string(got) != "b" {
		t.Fatalf("S3 after rename: %q", got)
	}
	if got := readFile(t, v, "moved/a"); string(got) != "aaaaaaaaaa" {
		t.Fatalf("NFS after rename: %q", got)
	}

	// Remove files, then the folder.
	for _, p := range []string{"moved/a", "moved/b"} {
		if err := v.Remove(p); err != nil {
			t.Fatalf("remove %s: %v", p, err)
		}
	}
	if err := v.RmDir("moved"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.Lookup("moved"); !os.IsNotExist(err) {
		t.Fatalf("lookup of a removed folder: %v", err)
	}
}

// TestRootExport: "/" lists the caller's buckets, and a bucket is
// reached below it.
func TestRootExport(t *testing.T) {
	n := startNFS(t, "", "one", "two")
	nfsUser(t, n, "alice", fullPolicy, "1000")
	v := mustMount(t, n.ProtocolAddr("nfs"), "/", 1000)
	ents, err := v.ReadDirPlus(".")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		if e.Name() != "." && e.Name() != ".." {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if strings.Join(names, ",") != "one,two" {
		t.Fatalf("root listing: %v", names)
	}
	writeFile(t, v, "two/x", []byte("x"))
	if got := s3Get(t, n, "two", "x"); string(got) != "x" {
		t.Fatalf("S3 sees %q", got)
	}
}

// TestIdentity: an unmapped uid and root (squashed, no anonymous user)
// are refused; a user confined to team/ gets NFS3ERR_ACCES outside it.
func TestIdentity(t *testing.T) {
	n := startNFS(t, "", "data")
	nfsUser(t, n, "alice", fullPolicy, "1000")
	nfsUser(t, n, "bob", testenv.ConfinedPolicy("data", "team/"), "2000")
	addr := n.ProtocolAddr("nfs")
	for _, uid := range []uint32{4242, 0} {
		if _, err := mount(t, addr, "/data", uid); err == nil || !strings.Contains(err.Error(), "ACCES") {
			t.Fatalf("mount as unmapped uid %d: %v", uid, err)
		}
	}
	alice := mustMount(t, addr, "/data", 1000)
	writeFile(t, alice, "secret", []byte("s"))
	if _, err := alice.Mkdir("team", 0o755); err != nil {
		t.Fatal(err)
	}

	bob := mustMount(t, addr, "/data", 2000)
	writeFile(t, bob, "team/ok", []byte("ok"))
	if got := s3Get(t, n, "data", "team/ok"); string(got) != "ok" {
		t.Fatalf("S3 sees %q", got)
	}
	if _, err := bob.Create("outside", 0o644); !isAccess(err) {
		t.Fatalf("create outside team/: %v", err)
	}
	f, err := bob.Open("secret")
	if err == nil {
		_, err = f.Read(make([]byte, 10))
	}
	if !isAccess(err) {
		t.Fatalf("read outside team/: %v", err)
	}
	if err := bob.Remove("secret"); !isAccess(err) {
		t.Fatalf("remove outside team/: %v", err)
	}
}

func isAccess(err error) bool {
	var e *nfsc.Error
	return errors.As(err, &e) && e.ErrorNum == nfsc.NFS3ErrAcces || os.IsPermission(err)
}

func isStale(err error) bool {
	var e *nfsc.Error
	return errors.As(err, &e) && e.ErrorNum == nfsc.NFS3ErrStale
}
