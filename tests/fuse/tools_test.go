package fusetest

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

func run(t *testing.T, dir string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestTools runs everyday programs in a mount: cp -r, tar x, git, and an
// editor-style save by rename, and compares with a local copy.
func TestTools(t *testing.T) {
	_, c, mnt := mounted(t, testenv.Options{})
	git := testenv.RequireTool(t, "git")
	src, err := filepath.Abs("../../internal")
	if err != nil {
		t.Fatal(err)
	}
	run(t, mnt, "cp", "-r", src, "tree")
	run(t, mnt, "diff", "-r", src, filepath.Join(mnt, "tree"))

	local := t.TempDir()
	run(t, local, "tar", "czf", "src.tgz", "-C", src, ".")
	os.Mkdir(filepath.Join(mnt, "untar"), 0o755)
	run(t, filepath.Join(mnt, "untar"), "tar", "xzf", filepath.Join(local, "src.tgz"))
	run(t, mnt, "diff", "-r", src, filepath.Join(mnt, "untar"))

	repo := filepath.Join(mnt, "repo")
	os.Mkdir(repo, 0o755)
	run(t, repo, git, "init", "-q")
	os.WriteFile(filepath.Join(repo, "README"), []byte("hello\n"), 0o644)
	run(t, repo, git, "add", ".")
	run(t, repo, git, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "first")
	clone := filepath.Join(mnt, "clone")
	run(t, mnt, git, "clone", "-q", repo, clone)
	if b, _ := os.ReadFile(filepath.Join(clone, "README")); string(b) != "hello\n" {
		t.Fatalf("cloned README: %q", b)
	}
	run(t, clone, git, "fsck", "--strict")

	// An editor saves by writing a temporary file and renaming it over.
	doc := filepath.Join(mnt, "doc.txt")
	os.WriteFile(doc, []byte("draft"), 0o644)
	os.WriteFile(doc+".swp", []byte("final text"), 0o644)
	if err := os.Rename(doc+".swp", doc); err != nil {
		t.Fatal(err)
	}
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("files"), Key: aws.String("doc.txt")})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(out.Body)
	if string(b) != "final text" {
		t.Fatalf("S3 reads %q after the save", b)
	}
}

// TestMountCommand runs `strata mount` as a process: it serves until
// SIGTERM and unmounts cleanly, and exits when fusermount3 -u unmounts it.
func TestMountCommand(t *testing.T) {
	testenv.RequireFUSE(t)
	s := testenv.Start(t, testenv.Options{})
	if _, err := s.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("files")}); err != nil {
		t.Fatal(err)
	}
	bin := testenv.Binary(t)
	start := func() (*exec.Cmd, string) {
		dir := t.TempDir()
		cmd := exec.Command(bin, "mount", "files", dir, "--endpoint", s.URL())
		// The default read cache goes under XDG_CACHE_HOME.
		cmd.Env = append(os.Environ(), "STRATA_ACCESS_KEY="+testenv.AccessKey, "STRATA_SECRET_KEY="+testenv.SecretKey,
			"XDG_CACHE_HOME="+t.TempDir())
		var log bytes.Buffer
		cmd.Stdout, cmd.Stderr = &log, &log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); exec.Command("fusermount3", "-u", dir).Run() })
		eventually(t, 10*time.Second, "mounted", func() error {
			if !isMount(dir) {
				return errors.New("not mounted yet: " + log.String())
			}
			return nil
		})
		return cmd, dir
	}
	wait := func(cmd *exec.Cmd) error {
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			return errors.New("still running")
		}
	}

	cmd, dir := start()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("via process"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := wait(cmd); err != nil {
		t.Fatalf("after SIGTERM: %v", err)
	}
	if isMount(dir) {
		t.Fatal("still mounted after SIGTERM")
	}

	cmd, dir = start()
	if b, err := os.ReadFile(filepath.Join(dir, "a.txt")); err != nil || string(b) != "via process" {
		t.Fatalf("second mount reads %q %v", b, err)
	}
	run(t, "/", "fusermount3", "-u", dir)
	if err := wait(cmd); err != nil {
		t.Fatalf("after fusermount3 -u: %v", err)
	}

	// A bucket that does not exist is a clear error, not a mount.
	miss := exec.Command(bin, "mount", "nosuchbucket", t.TempDir(), "--endpoint", s.URL())
	miss.Env = append(os.Environ(), "STRATA_ACCESS_KEY="+testenv.AccessKey, "STRATA_SECRET_KEY="+testenv.SecretKey)
	out, err := miss.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "nosuchbucket") {
		t.Fatalf("mount of a missing bucket: %v %s", err, out)
	}
}

func isMount(dir string) bool {
	b, _ := os.ReadFile("/proc/self/mountinfo")
	return strings.Contains(string(b), " "+dir+" ")
}

// TestFlushErrors: when the gateway is down, close and fsync fail (the
// write is not silently dropped), and what an earlier fsync acknowledged
// is still there after the gateway comes back.
func TestFlushErrors(t *testing.T) {
	testenv.RequireFUSE(t)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	cfg := testenv.NodeConfig(t, testenv.Options{Edit: func(c *server.Config) { c.S3Addr = addr }})
	n, err := server.Start(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	c := testenv.S3Client("http://"+addr, testenv.AccessKey, testenv.SecretKey)
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("files")}); err != nil {
		t.Fatal(err)
	}
	mnt := testenv.Mount(t, "http://"+addr, "files", fuse.Options{})
	f, err := os.Create(filepath.Join(mnt, "kept"))
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("acknowledged"))
	if err := f.Sync(); err != nil {
		t.Fatal(err)
	}
	g, err := os.Create(filepath.Join(mnt, "lost"))
	if err != nil {
		t.Fatal(err)
	}
	n.Close() // the gateway goes away with g's write still in the mount's cache
	g.Write([]byte("never acknowledged"))
	if err := g.Close(); err == nil {
		t.Fatal("close succeeded with the gateway down")
	} else {
		t.Logf("close with the gateway down: %v", err)
	}
	f.Write([]byte(" and more"))
	if err := f.Sync(); err == nil {
		t.Fatal("fsync succeeded with the gateway down")
	}
	f.Close()

	n, err = server.Start(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	got := get(t, c, "kept")
	if !bytes.HasPrefix(got, []byte("acknowledged")) {
		t.Fatalf("after restart: %q", got)
	}
}
