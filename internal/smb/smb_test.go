package smb_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/smb"
	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/vfs"
)

// fuseMount is the Mounter `strata smb` uses.
func fuseMount(dir string, v *vfs.FS) (smb.Mount, error) { return fuse.New(dir, v, fuse.Options{}) }

// env is a node, a bucket and `strata smb` in front of it.
type env struct {
	t      *testing.T
	srv    *testenv.Server
	s3     *s3.Client
	smb    *smb.Server
	port   string
	bucket string
	local  string // folder smbclient reads and writes local files in
	state  string // strata smb's state folder
}

func start(t *testing.T, users func(srv *testenv.Server) []smb.User) *env {
	t.Helper()
	testenv.RequireTool(t, "smbd")
	testenv.RequireTool(t, "smbclient")
	testenv.RequireFUSE(t)
	srv := testenv.Start(t, testenv.Options{})
	e := &env{t: t, srv: srv, s3: srv.S3(), bucket: "smbtest", local: t.TempDir()}
	ctx := context.Background()
	if _, err := e.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &e.bucket}); err != nil {
		t.Fatal(err)
	}
	addr := testenv.FreeAddr(t)
	e.port = addr[strings.LastIndex(addr, ":")+1:]
	cfg := smb.DefaultConfig()
	cfg.Mount = fuseMount
	cfg.Endpoint = srv.URL()
	cfg.Addr = addr
	cfg.State = t.TempDir()
	e.state = cfg.State
	cfg.Users = append([]smb.User{{AccessKey: testenv.AccessKey, SecretKey: testenv.SecretKey}}, users(srv)...)
	cfg.Logger = slog.New(slog.NewTextHandler(tlog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	s, err := smb.Start(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.smb = s
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return e
}

type tlog struct{ t *testing.T }

func (w tlog) Write(p []byte) (int, error) { w.t.Log(strings.TrimSpace(string(p))); return len(p), nil }

// client runs smbclient commands on the bucket's share as ak/sk over
// SMB3 with encryption, in e.local.
func (e *env) client(ak, sk, cmds string) (string, error) {
	cmd := exec.Command("smbclient", "//127.0.0.1/"+e.bucket, "-p", e.port, "-U", ak+"%"+sk,
		"-m", "SMB3", "--client-protection=encrypt", "-c", cmds)
	cmd.Dir = e.local
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// root runs smbclient commands as the root test user and fails on error.
func (e *env) root(cmds string) string {
	e.t.Helper()
	out, err := e.client(testenv.AccessKey, testenv.SecretKey, cmds)
	if err != nil || strings.Contains(out, "NT_STATUS_") {
		e.t.Fatalf("smbclient %q: %v\n%s", cmds, err, out)
	}
	return out
}

func (e *env) put(key string, data []byte) {
	e.t.Helper()
	_, err := e.s3.PutObject(context.Background(), &s3.PutObjectInput{Bucket: &e.bucket, Key: &key, Body: bytes.NewReader(data)})
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) get(key string) ([]byte, error) {
	o, err := e.s3.GetObject(context.Background(), &s3.GetObjectInput{Bucket: &e.bucket, Key: &key})
	if err != nil {
		return nil, err
	}
	defer o.Body.Close()
	return io.ReadAll(o.Body)
}

func (e *env) keys(prefix string) []string {
	e.t.Helper()
	l, err := e.s3.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: &e.bucket, Prefix: aws.String(prefix)})
	if err != nil {
		e.t.Fatal(err)
	}
	var ks []string
	for _, o := range l.Contents {
		if !strings.HasSuffix(*o.Key, "/") { // folder markers
			ks = append(ks, *o.Key)
		}
	}
	return ks
}

func random(t *testing.T, n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

func TestSMB(t *testing.T) {
	var confAK, confSK string
	e := start(t, func(srv *testenv.Server) []smb.User {
		confAK, confSK = srv.CreateUser(t, "team-user", testenv.ConfinedPolicy("smbtest", "team/"))
		// This key is this test's own: drop the Unix account smb makes
		// for it (after smb stops: cleanups run last-in first-out).
		t.Cleanup(func() { exec.Command("userdel", confAK).Run() })
		return []smb.User{{AccessKey: confAK, SecretKey: confSK}}
	})

	t.Run("PutGetBitExact", func(t *testing.T) {
		up := random(t, 3<<20+17)
		os.WriteFile(filepath.Join(e.local, "up.bin"), up, 0o644)
		e.root("put up.bin up.bin")
		got, err := e.get("up.bin")
		if err != nil || !bytes.Equal(got, up) {
			t.Fatalf("S3 GET of the file smbclient wrote: %d bytes, err %v; want %d bytes bit-exact", len(got), err, len(up))
		}
		fromS3 := random(t, 1<<20+5)
		e.put("from-s3.bin", fromS3)
		e.root("get from-s3.bin down.bin")
		got, _ = os.ReadFile(filepath.Join(e.local, "down.bin"))
		if !bytes.Equal(got, fromS3) {
			t.Fatalf("smbclient read %d bytes of the S3 object, want %d bit-exact", len(got), len(fromS3))
		}
	})

	t.Run("S3OverwriteSeen", func(t *testing.T) {
		e.put("over.txt", []byte("version one"))
		e.root("get over.txt over1.txt")
		e.put("over.txt", []byte("version two"))
		// The mount learns of S3 writes from the bucket's change feed
		// (polled every 100 ms): the new bytes must show within seconds.
		deadline := time.Now().Add(10 * time.Second)
		for {
			e.root("get over.txt over2.txt")
			got, _ := os.ReadFile(filepath.Join(e.local, "over2.txt"))
			if string(got) == "version two" {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("smbclient still reads %q 10 s after an S3 overwrite", got)
			}
			time.Sleep(100 * time.Millisecond)
		}
	})

	t.Run("DirsRenameDelete", func(t *testing.T) {
		os.WriteFile(filepath.Join(e.local, "small.txt"), []byte("hello smb\n"), 0o644)
		e.root(`mkdir d; put small.txt d\a.txt; rename d\a.txt d\b.txt`)
		if ks := e.keys("d/"); len(ks) != 1 || ks[0] != "d/b.txt" {
			t.Fatalf("S3 keys under d/ after mkdir, put, rename: %v, want [d/b.txt]", ks)
		}
		out := e.root(`ls d\*`)
		if !strings.Contains(out, "b.txt") || strings.Contains(out, "a.txt") {
			t.Fatalf("ls d after rename:\n%s", out)
		}
		e.root(`del d\b.txt; rmdir d`)
		if ks := e.keys("d"); len(ks) != 0 {
			t.Fatalf("S3 keys under d after del and rmdir: %v", ks)
		}
		if out := e.root("ls"); strings.Contains(out, " d ") {
			t.Fatalf("ls after rmdir still shows d:\n%s", out)
		}
	})

	t.Run("ConfinedUser", func(t *testing.T) {
		e.put("secret.txt", []byte("not for the team"))
		os.WriteFile(filepath.Join(e.local, "team.txt"), []byte("team data"), 0o644)
		if out, err := e.client(confAK, confSK, `mkdir team; put team.txt team\t.txt`); err != nil || strings.Contains(out, "NT_STATUS") {
			t.Fatalf("confined user writing in team/: %v\n%s", err, out)
		}
		if got, err := e.get("team/t.txt"); err != nil || string(got) != "team data" {
			t.Fatalf("S3 GET team/t.txt: %q %v", got, err)
		}
		for _, cmds := range []string{"put team.txt outside.txt", "get secret.txt s.txt", "del secret.txt"} {
			out, _ := e.client(confAK, confSK, cmds)
			if !strings.Contains(out, "NT_STATUS_ACCESS_DENIED") {
				t.Errorf("confined user %q outside team/: want NT_STATUS_ACCESS_DENIED, got:\n%s", cmds, out)
			}
		}
		if got, err := e.get("secret.txt"); err != nil || string(got) != "not for the team" {
			t.Errorf("secret.txt after the confined user's attempts: %q %v", got, err)
		}
		if _, err := e.get("outside.txt"); err == nil {
			t.Errorf("outside.txt exists after a denied put")
		}
	})

	t.Run("NoSymlinkOutOfShare", func(t *testing.T) {
		// A symlink in the bucket (made here through the served mount)
		// must not let smbd, which works as root, read the host's files.
		link := filepath.Join(e.state, "mnt", testenv.AccessKey, e.bucket, "escape")
		if err := os.Symlink("/etc/passwd", link); err != nil {
			t.Fatal(err)
		}
		out, _ := e.client(testenv.AccessKey, testenv.SecretKey, "get escape escape.out")
		got, _ := os.ReadFile(filepath.Join(e.local, "escape.out"))
		if !strings.Contains(out, "NT_STATUS_") || strings.Contains(string(got), "root:") {
			t.Fatalf("get of a symlink to /etc/passwd: %q, read %d bytes", out, len(got))
		}
	})

	t.Run("WrongPassword", func(t *testing.T) {
		out, err := e.client(testenv.AccessKey, "wrong"+testenv.SecretKey, "ls")
		if err == nil || !strings.Contains(out, "NT_STATUS_LOGON_FAILURE") {
			t.Fatalf("wrong password: want NT_STATUS_LOGON_FAILURE, got %v:\n%s", err, out)
		}
		out, err = e.client("NOSUCHKEY", "x", "ls")
		if err == nil || !strings.Contains(out, "NT_STATUS_LOGON_FAILURE") {
			t.Fatalf("unknown user: want NT_STATUS_LOGON_FAILURE, got %v:\n%s", err, out)
		}
	})

	t.Run("RestartAfterCrash", func(t *testing.T) {
		old := e.smb.Pid()
		e.smb.Kill()
		deadline := time.Now().Add(30 * time.Second)
		for {
			out, err := e.client(testenv.AccessKey, testenv.SecretKey, "ls")
			if pid := e.smb.Pid(); err == nil && pid != old && strings.Contains(out, "up.bin") {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("smbd not back 30 s after a crash: %v\n%s", err, out)
			}
			time.Sleep(200 * time.Millisecond)
		}
	})
}

// TestStaleUsersDropped: a user no longer served loses its passdb entry,
// and so its SMB login, at the next start on the same state folder.
func TestStaleUsersDropped(t *testing.T) {
	testenv.RequireTool(t, "smbd")
	testenv.RequireTool(t, "smbclient")
	testenv.RequireFUSE(t)
	srv := testenv.Start(t, testenv.Options{})
	ctx := context.Background()
	bucket := "stale"
	if _, err := srv.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		t.Fatal(err)
	}
	cfg := smb.DefaultConfig()
	cfg.Mount = fuseMount
	cfg.Endpoint, cfg.Addr, cfg.State = srv.URL(), testenv.FreeAddr(t), t.TempDir()
	cfg.Logger = slog.New(slog.NewTextHandler(tlog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	root := smb.User{AccessKey: testenv.AccessKey, SecretKey: testenv.SecretKey}
	alt := smb.User{AccessKey: testenv.AltAccessKey, SecretKey: testenv.AltSecretKey}
	ls := func(u smb.User) string {
		port := cfg.Addr[strings.LastIndex(cfg.Addr, ":")+1:]
		out, _ := exec.Command("smbclient", "//127.0.0.1/"+bucket, "-p", port, "-U", u.AccessKey+"%"+u.SecretKey,
			"-m", "SMB3", "-c", "ls").CombinedOutput()
		return string(out)
	}
	for i, users := range [][]smb.User{{root, alt}, {root}} {
		cfg.Users = users
		s, err := smb.Start(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		out := ls(alt)
		s.Close()
		switch {
		case i == 0 && !strings.Contains(out, "NT_STATUS_ACCESS_DENIED"):
			// alt's account owns no bucket of root's: it logs in but
			// may not connect to the share.
			t.Fatalf("alt on root's bucket: want NT_STATUS_ACCESS_DENIED, got:\n%s", out)
		case i == 1 && !strings.Contains(out, "NT_STATUS_LOGON_FAILURE"):
			t.Fatalf("alt after it was dropped: want NT_STATUS_LOGON_FAILURE, got:\n%s", out)
		}
	}
}
