package fusetest

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestSplitBucketMount uses a mount of a bucket split into key ranges
// with everyday programs (docs/SHARDING.md): files written, appended and
// removed on both sides of a boundary, a tar extracted across it, and mv
// across it, which gets EXDEV from rename(2) and copies; S3 sees each
// change.
func TestSplitBucketMount(t *testing.T) {
	srv, c, dir := mounted(t, testenv.Options{Edit: func(c *server.Config) { c.Shards.SplitObjects = 0 }})
	for _, d := range []string{"a", "z"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{"1", "2", "3"} {
			mustWrite(t, filepath.Join(dir, d, n), d+n)
		}
	}
	if err := srv.Objects.SplitRange(ctx, "files", "m", object.SplitOptions{}); err != nil {
		t.Fatal(err)
	}

	// Write, append and remove in both ranges.
	for _, d := range []string{"a", "z"} {
		mustWrite(t, filepath.Join(dir, d, "new"), "fresh "+d)
		f, err := os.OpenFile(filepath.Join(dir, d, "1"), os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString("+more"); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(dir, d, "2")); err != nil {
			t.Fatal(err)
		}
		s3Body(t, c, d+"/new", "fresh "+d)
		s3Body(t, c, d+"/1", d+"1+more")
		s3Gone(t, c, d+"/2")
	}

	// rename(2) across the boundary: EXDEV, nothing changed.
	err := os.Rename(filepath.Join(dir, "a", "3"), filepath.Join(dir, "z", "3a"))
	if !errors.Is(err, syscall.EXDEV) {
		t.Fatalf("rename across key ranges: %v, want EXDEV", err)
	}
	s3Body(t, c, "a/3", "a3")
	// mv copies and deletes instead; inside a range it renames.
	run(t, dir, "mv", "a/3", "z/3a")
	run(t, dir, "mv", "z/3", "z/3b")
	s3Gone(t, c, "a/3")
	s3Body(t, c, "z/3a", "a3")
	s3Body(t, c, "z/3b", "z3")

	// A tar extracted across the boundary, and read back.
	src := t.TempDir()
	for _, p := range []string{"k/x", "k/y", "q/x", "q/y"} {
		if err := os.MkdirAll(filepath.Join(src, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		mustWrite(t, filepath.Join(src, p), "tar "+p)
	}
	tarball := filepath.Join(t.TempDir(), "t.tar")
	run(t, src, "tar", "-cf", tarball, "k", "q")
	run(t, dir, "tar", "-xf", tarball)
	for _, p := range []string{"k/x", "k/y", "q/x", "q/y"} {
		s3Body(t, c, p, "tar "+p)
	}
	run(t, dir, "rm", "-r", "k", "q")
	s3Gone(t, c, "q/y")
	ranges, err := srv.Objects.BucketRanges(ctx, "files")
	if err != nil || len(ranges) != 2 {
		t.Fatalf("ranges: %v, %v", ranges, err)
	}
}

func mustWrite(t *testing.T, p, body string) {
	t.Helper()
	if err := writeFile(p, []byte(body)); err != nil { // quota_test.go: checks Close's error too
		t.Fatal(err)
	}
}

func s3Body(t *testing.T, c *s3.Client, key, want string) {
	t.Helper()
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("files"), Key: &key})
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	b, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if string(b) != want {
		t.Fatalf("get %s: %q, want %q", key, b, want)
	}
}

func s3Gone(t *testing.T, c *s3.Client, key string) {
	t.Helper()
	_, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("files"), Key: &key})
	if err == nil || !strings.Contains(err.Error(), "404") {
		t.Fatalf("head %s: %v, want 404", key, err)
	}
}
