package shares_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/shares"
	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/vfs"
)

var ctx = context.Background()

func TestSplit(t *testing.T) {
	for in, want := range map[string][2]string{
		"": {"", ""}, "/": {"", ""}, "/b": {"b", ""}, "b/": {"b", ""}, "/b/x/y": {"b", "x/y"},
		"/b/../c/d": {"c", "d"}, "/../../b/x": {"b", "x"}, "//b//x/": {"b", "x"},
	} {
		if b, r := shares.Split(in); b != want[0] || r != want[1] {
			t.Errorf("Split(%q) = %q, %q; want %q, %q", in, b, r, want[0], want[1])
		}
	}
}

// TestSessionTree: a login sees its buckets as folders, writes through a
// bucket's file system are the S3 object at once, and a user confined by
// policy to a prefix gets EACCES elsewhere.
func TestSessionTree(t *testing.T) {
	n := testenv.Start(t, testenv.Options{})
	svc := n.Shares()
	if _, err := svc.Login(ctx, testenv.AccessKey, "wrong", shares.Client{Protocol: "test", Remote: "127.0.0.1:1"}); !errors.Is(err, syscall.EACCES) {
		t.Fatalf("wrong secret: %v", err)
	}
	root, err := svc.Login(ctx, testenv.AccessKey, testenv.SecretKey, shares.Client{Protocol: "test", Remote: "127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if err := root.MakeBucket(ctx, "data"); err != nil {
		t.Fatal(err)
	}
	if err := root.MakeBucket(ctx, "data"); !errors.Is(err, syscall.EEXIST) {
		t.Fatalf("second mkdir of a bucket: %v", err)
	}
	ents, err := root.ReadDir(ctx, "/")
	if err != nil || len(ents) != 1 || ents[0].Name != "data" || !ents[0].IsDir() {
		t.Fatalf("root listing: %+v %v", ents, err)
	}
	if e, err := root.Stat(ctx, "/data"); err != nil || !e.IsDir() {
		t.Fatalf("stat bucket: %+v %v", e, err)
	}
	if _, err := root.Stat(ctx, "/nobucket/x"); !errors.Is(err, syscall.ENOENT) {
		t.Fatalf("stat in a missing bucket: %v", err)
	}
	fs, err := root.FS(ctx, "data")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Mkdir(ctx, "team", vfs.Attrs{Mode: 0o755}); err != nil {
		t.Fatal(err)
	}
	write(t, root, "/data/team/a.txt", "hello")
	out, err := n.S3().GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("data"), Key: aws.String("team/a.txt")})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(out.Body)
	if string(b) != "hello" {
		t.Fatalf("S3 reads %q", b)
	}
	// An S3 write is seen by the next lookup (no listing cache).
	root.ReadDir(ctx, "/data/team")
	n.S3().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("data"), Key: aws.String("team/a.txt"), Body: bytes.NewReader([]byte("changed!"))})
	if e, err := root.Stat(ctx, "/data/team/a.txt"); err != nil || e.Size != 8 {
		t.Fatalf("stat after an S3 overwrite: %+v %v", e, err)
	}

	ak, sk := n.CreateUser(t, "confined", testenv.ConfinedPolicy("data", "team/"))
	u, err := svc.Login(ctx, ak, sk, shares.Client{Protocol: "test", Remote: "127.0.0.1:2"})
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	write(t, u, "/data/team/b.txt", "mine")
	fs, err = u.FS(ctx, "data")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := fs.Create(ctx, "other.txt", vfs.Attrs{Mode: 0o644}, 0); !errors.Is(err, syscall.EACCES) {
		t.Fatalf("confined user creates outside its prefix: %v", err)
	}
	if err := u.MakeBucket(ctx, "mine"); !errors.Is(err, syscall.EACCES) {
		t.Fatalf("confined user creates a bucket: %v", err)
	}
}

func write(t *testing.T, s *shares.Session, p, body string) {
	t.Helper()
	bucket, rel := shares.Split(p)
	fs, err := s.FS(ctx, bucket)
	if err != nil {
		t.Fatal(err)
	}
	_, h, err := fs.Create(ctx, rel, vfs.Attrs{Mode: 0o644}, 0)
	if err != nil {
		t.Fatalf("create %s: %v", p, err)
	}
	if _, err := h.Write(ctx, []byte(body), 0); err != nil {
		t.Fatal(err)
	}
	if err := h.Release(ctx); err != nil {
		t.Fatalf("close %s: %v", p, err)
	}
}
