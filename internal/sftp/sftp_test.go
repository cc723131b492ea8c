package sftp_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"golang.org/x/crypto/ssh"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestFileOperations drives the server with pkg/sftp's client, logged in
// with the root access key and its secret, and checks every change
// through S3 too.
func TestFileOperations(t *testing.T) {
	n := start(t, "")
	addr := n.ProtocolAddr("sftp")
	c := mustDial(t, addr, testenv.AccessKey, testenv.SecretKey)
	s3c := n.S3()
	ctx := context.Background()

	// mkdir at the root is a bucket.
	if err := c.Mkdir("/files"); err != nil {
		t.Fatalf("mkdir bucket: %v", err)
	}
	if _, err := s3c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("files")}); err != nil {
		t.Fatalf("bucket made over SFTP is not seen by S3: %v", err)
	}
	if err := c.MkdirAll("/files/a/b"); err != nil {
		t.Fatal(err)
	}

	// put and get, and S3 sees the file as soon as it is closed.
	data := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	putFile(t, c, "/files/a/b/one.bin", data)
	mustEqual(t, "sftp get", getFile(t, c, "/files/a/b/one.bin"), data)
	mustEqual(t, "s3 get after sftp put", s3Get(t, s3c, "files", "a/b/one.bin"), data)

	// ls: the root lists buckets, a folder its entries.
	root, err := c.ReadDir("/")
	if err != nil || !hasName(root, "files", true) {
		t.Fatalf("ls /: %v %v", names(root), err)
	}
	ls, err := c.ReadDir("/files/a/b")
	if err != nil || len(ls) != 1 || ls[0].Name() != "one.bin" || ls[0].Size() != int64(len(data)) {
		t.Fatalf("ls /files/a/b: %v %v", names(ls), err)
	}

	// Partial overwrite in place, seen by an S3 GET.
	f, err := c.OpenFile("/files/a/b/one.bin", os.O_RDWR)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("PATCHED"), 1000); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, 7)
	if _, err := f.ReadAt(got, 1000); err != nil || string(got) != "PATCHED" {
		t.Fatalf("read back own write: %q %v", got, err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	copy(data[1000:], "PATCHED")
	mustEqual(t, "s3 get after partial overwrite", s3Get(t, s3c, "files", "a/b/one.bin"), data)

	// Truncate (setstat size), by path and through an open handle.
	if err := c.Truncate("/files/a/b/one.bin", 5000); err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "s3 get after truncate", s3Get(t, s3c, "files", "a/b/one.bin"), data[:5000])
	f, err = c.OpenFile("/files/a/b/one.bin", os.O_RDWR)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(10); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("++"), 10); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "s3 get after ftruncate and write", s3Get(t, s3c, "files", "a/b/one.bin"), append(data[:10:10], "++"...))

	// A sparse write (held until its gap is written) comes before a
	// truncate the client sends after it.
	f, err = c.OpenFile("/files/a/b/sparse.bin", os.O_WRONLY|os.O_CREATE)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte("head"), 0)
	f.WriteAt([]byte("tail"), 1<<20)
	if err := c.Truncate("/files/a/b/sparse.bin", 100); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "s3 get after a sparse write and a truncate", s3Get(t, s3c, "files", "a/b/sparse.bin"), append([]byte("head"), make([]byte, 96)...))
	c.Remove("/files/a/b/sparse.bin")

	// rename (posix-rename replaces; plain rename does not).
	putFile(t, c, "/files/a/two.txt", []byte("two"))
	if err := c.Rename("/files/a/two.txt", "/files/a/b/one.bin"); err == nil {
		t.Fatal("SFTP v3 rename replaced an existing file")
	}
	if err := c.PosixRename("/files/a/two.txt", "/files/a/b/one.bin"); err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "s3 get after posix-rename", s3Get(t, s3c, "files", "a/b/one.bin"), []byte("two"))
	if err := c.Rename("/files/a/b", "/files/c"); err != nil {
		t.Fatalf("rename a folder: %v", err)
	}
	mustEqual(t, "s3 get after folder rename", s3Get(t, s3c, "files", "c/one.bin"), []byte("two"))

	// Symbolic links.
	if err := c.Symlink("one.bin", "/files/c/link"); err != nil {
		t.Fatal(err)
	}
	if target, err := c.ReadLink("/files/c/link"); err != nil || target != "one.bin" {
		t.Fatalf("readlink: %q %v", target, err)
	}
	if fi, err := c.Lstat("/files/c/link"); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("lstat link: %v %v", fi, err)
	}
	if fi, err := c.Stat("/files/c/link"); err != nil || fi.Size() != 3 {
		t.Fatalf("stat through link: %v %v", fi, err)
	}
	mustEqual(t, "get through a link", getFile(t, c, "/files/c/link"), []byte("two"))

	// Times (setstat atime/mtime).
	mt := time.Unix(1700000000, 0)
	if err := c.Chtimes("/files/c/one.bin", mt, mt); err != nil {
		t.Fatal(err)
	}
	if fi, err := c.Stat("/files/c/one.bin"); err != nil || !fi.ModTime().Equal(mt) {
		t.Fatalf("mtime after chtimes: %v %v", fi.ModTime(), err)
	}

	// Errors: missing files, non-empty folders, buckets across.
	if _, err := c.Open("/files/missing"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("open missing: %v", err)
	}
	if err := c.RemoveDirectory("/files/c"); err == nil {
		t.Fatal("rmdir of a non-empty folder succeeded")
	}
	if err := c.Mkdir("/other"); err != nil {
		t.Fatal(err)
	}
	if err := c.Rename("/files/c/one.bin", "/other/one.bin"); err == nil {
		t.Fatal("rename across buckets succeeded")
	}

	// rm and rmdir, down to the bucket itself.
	for _, p := range []string{"/files/c/link", "/files/c/one.bin"} {
		if err := c.Remove(p); err != nil {
			t.Fatalf("rm %s: %v", p, err)
		}
	}
	for _, p := range []string{"/files/c", "/files/a", "/files", "/other"} {
		if err := c.RemoveDirectory(p); err != nil {
			t.Fatalf("rmdir %s: %v", p, err)
		}
	}
	if _, err := s3c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("files")}); err == nil {
		t.Fatal("bucket removed over SFTP is still there")
	}
}

// TestLogins: a wrong secret is refused; a user confined to team/ works
// there and nowhere else; a registered SSH key logs in until it is made
// inactive.
func TestLogins(t *testing.T) {
	n := start(t, "")
	addr := n.ProtocolAddr("sftp")
	ctx := context.Background()
	if _, err := dial(t, addr, testenv.AccessKey, ssh.Password("wrong secret")); err == nil {
		t.Fatal("login with a wrong secret succeeded")
	}
	if _, err := dial(t, addr, "AKIANOSUCHKEY0000000", ssh.Password(testenv.SecretKey)); err == nil {
		t.Fatal("login with an unknown key succeeded")
	}

	root := mustDial(t, addr, testenv.AccessKey, testenv.SecretKey)
	if err := root.Mkdir("/shared"); err != nil {
		t.Fatal(err)
	}
	putFile(t, root, "/shared/top.txt", []byte("not for the team"))
	ak, sk := n.CreateUser(t, "teamuser", testenv.ConfinedPolicy("shared", "team/"))
	u := mustDial(t, addr, ak, sk)
	if err := u.Mkdir("/shared/team"); err != nil {
		t.Fatalf("confined user mkdir team/: %v", err)
	}
	putFile(t, u, "/shared/team/mine.txt", []byte("ours"))
	mustEqual(t, "confined read", getFile(t, u, "/shared/team/mine.txt"), []byte("ours"))
	if _, err := u.Open("/shared/top.txt"); !errors.Is(err, os.ErrPermission) {
		t.Fatalf("confined user read outside team/: %v", err)
	}
	if f, err := u.Create("/shared/outside.txt"); err == nil {
		f.Write([]byte("x"))
		if err := f.Close(); err == nil {
			t.Fatal("confined user wrote outside team/")
		}
	} else if !errors.Is(err, os.ErrPermission) {
		t.Fatalf("confined user create outside team/: %v", err)
	}
	if err := u.Remove("/shared/top.txt"); err == nil {
		t.Fatal("confined user removed a file outside team/")
	}
	if err := u.Rename("/shared/team/mine.txt", "/shared/stolen.txt"); err == nil {
		t.Fatal("confined user renamed a file out of team/")
	}

	// SSH keys, registered with the IAM API.
	_, signer, pub := newKey(t)
	ic := n.IAMClient()
	up, err := ic.UploadSSHPublicKey(ctx, &iam.UploadSSHPublicKeyInput{UserName: aws.String("teamuser"), SSHPublicKeyBody: &pub})
	if err != nil {
		t.Fatalf("upload ssh key: %v", err)
	}
	if _, err := ic.UploadSSHPublicKey(ctx, &iam.UploadSSHPublicKeyInput{UserName: aws.String("teamuser"), SSHPublicKeyBody: &pub}); err == nil {
		t.Fatal("the same key uploaded twice")
	}
	id := up.SSHPublicKey.SSHPublicKeyId
	list, err := ic.ListSSHPublicKeys(ctx, &iam.ListSSHPublicKeysInput{UserName: aws.String("teamuser")})
	if err != nil || len(list.SSHPublicKeys) != 1 || *list.SSHPublicKeys[0].SSHPublicKeyId != *id {
		t.Fatalf("list ssh keys: %+v %v", list, err)
	}
	got, err := ic.GetSSHPublicKey(ctx, &iam.GetSSHPublicKeyInput{UserName: aws.String("teamuser"), SSHPublicKeyId: id, Encoding: types.EncodingTypeSsh})
	if err != nil || *got.SSHPublicKey.Fingerprint != ssh.FingerprintLegacyMD5(signer.PublicKey()) {
		t.Fatalf("get ssh key: %+v %v", got, err)
	}
	kc, err := dial(t, addr, ak, ssh.PublicKeys(signer))
	if err != nil {
		t.Fatalf("key login: %v", err)
	}
	mustEqual(t, "read with a key login", getFile(t, kc, "/shared/team/mine.txt"), []byte("ours"))
	if _, err := kc.Open("/shared/top.txt"); !errors.Is(err, os.ErrPermission) {
		t.Fatalf("key login read outside team/: %v", err)
	}
	if _, err := dial(t, addr, testenv.AccessKey, ssh.PublicKeys(signer)); err == nil {
		t.Fatal("a user's SSH key logged in as another user's access key")
	}
	if _, err := ic.UpdateSSHPublicKey(ctx, &iam.UpdateSSHPublicKeyInput{UserName: aws.String("teamuser"), SSHPublicKeyId: id,
		Status: types.StatusTypeInactive}); err != nil {
		t.Fatal(err)
	}
	if _, err := dial(t, addr, ak, ssh.PublicKeys(signer)); err == nil {
		t.Fatal("an inactive SSH key logged in")
	}
	if _, err := ic.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("teamuser")}); err == nil {
		t.Fatal("a user with SSH keys was deleted")
	}
	if _, err := ic.DeleteSSHPublicKey(ctx, &iam.DeleteSSHPublicKeyInput{UserName: aws.String("teamuser"), SSHPublicKeyId: id}); err != nil {
		t.Fatal(err)
	}
	if list, err := ic.ListSSHPublicKeys(ctx, &iam.ListSSHPublicKeysInput{UserName: aws.String("teamuser")}); err != nil || len(list.SSHPublicKeys) != 0 {
		t.Fatalf("list after delete: %+v %v", list, err)
	}
}

// TestHostKeyKept: a restarted node presents the same host key, kept
// 0600 in its data folder.
func TestHostKeyKept(t *testing.T) {
	dir := t.TempDir()
	hostKey := func() []byte {
		n := start(t, dir)
		var key []byte
		conn, err := ssh.Dial("tcp", n.ProtocolAddr("sftp"), &ssh.ClientConfig{User: testenv.AccessKey,
			Auth: []ssh.AuthMethod{ssh.Password(testenv.SecretKey)},
			HostKeyCallback: func(_ string, _ net.Addr, k ssh.PublicKey) error {
				key = k.Marshal()
				return nil
			}})
		if err != nil {
			t.Fatal(err)
		}
		conn.Close()
		n.Close()
		return key
	}
	first, second := hostKey(), hostKey()
	if len(first) == 0 || !bytes.Equal(first, second) {
		t.Fatal("the host key changed across a restart")
	}
	fi, err := os.Stat(dir + "/sftp/ssh_host_ed25519_key")
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key file: %v %v", fi, err)
	}
}

func names(fis []os.FileInfo) []string {
	var out []string
	for _, fi := range fis {
		out = append(out, fi.Name())
	}
	sort.Strings(out)
	return out
}

func hasName(fis []os.FileInfo, name string, dir bool) bool {
	for _, fi := range fis {
		if fi.Name() == name && fi.IsDir() == dir {
			return true
		}
	}
	return false
}
