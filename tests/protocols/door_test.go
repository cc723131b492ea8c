package protocols

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

var ctx = context.Background()

// door is one way into the bucket under test. Paths are relative to the
// bucket ("dir/file").
type door interface {
	Name() string
	// Put writes a whole file, making its parent folders.
	Put(t *testing.T, p string, data []byte)
	Get(t *testing.T, p string) []byte
	// Missing reports whether p does not exist.
	Missing(t *testing.T, p string) bool
}

// renamer is a door that renames (S3 and Swift have no rename).
type renamer interface {
	Rename(t *testing.T, oldPath, newPath string)
}

// overwriter is a door that writes part of an existing file in place.
type overwriter interface {
	Overwrite(t *testing.T, p string, off int64, data []byte)
}

// s3Door is the S3 API (aws-sdk-go-v2).
type s3Door struct {
	c      *s3.Client
	bucket string
}

func (d s3Door) Name() string { return "s3" }

func (d s3Door) Put(t *testing.T, p string, data []byte) {
	t.Helper()
	if _, err := d.c.PutObject(ctx, &s3.PutObjectInput{Bucket: &d.bucket, Key: &p, Body: bytes.NewReader(data)}); err != nil {
		t.Fatalf("s3 put %s: %v", p, err)
	}
}

func (d s3Door) Get(t *testing.T, p string) []byte {
	t.Helper()
	out, err := d.c.GetObject(ctx, &s3.GetObjectInput{Bucket: &d.bucket, Key: &p})
	if err != nil {
		t.Fatalf("s3 get %s: %v", p, err)
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	if err != nil {
		t.Fatalf("s3 get %s: %v", p, err)
	}
	return b
}

func (d s3Door) Missing(t *testing.T, p string) bool {
	_, err := d.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &d.bucket, Key: aws.String(p)})
	return err != nil
}

// fuseDoor is a FUSE mount of the bucket, used with plain file calls.
type fuseDoor struct{ dir string }

func (d fuseDoor) Name() string { return "fuse" }

func (d fuseDoor) Put(t *testing.T, p string, data []byte) {
	t.Helper()
	full := filepath.Join(d.dir, p)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatalf("fuse mkdir %s: %v", p, err)
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		t.Fatalf("fuse write %s: %v", p, err)
	}
}

func (d fuseDoor) Get(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(d.dir, p))
	if err != nil {
		t.Fatalf("fuse read %s: %v", p, err)
	}
	return b
}

func (d fuseDoor) Missing(t *testing.T, p string) bool {
	_, err := os.Stat(filepath.Join(d.dir, p))
	return os.IsNotExist(err)
}

func (d fuseDoor) Rename(t *testing.T, oldPath, newPath string) {
	t.Helper()
	if err := os.Rename(filepath.Join(d.dir, oldPath), filepath.Join(d.dir, newPath)); err != nil {
		t.Fatalf("fuse rename: %v", err)
	}
}

func (d fuseDoor) Overwrite(t *testing.T, p string, off int64, data []byte) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(d.dir, p), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(data, off); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
