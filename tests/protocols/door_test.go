package protocols

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

var ctx = context.Background()

// door is one way into the bucket under test, as one user. Paths are
// relative to the bucket ("dir/file").
type door interface {
	Name() string
	// Put writes a whole file, making its parent folders.
	Put(p string, data []byte) error
	Get(p string) ([]byte, error)
	// Missing reports whether p does not exist.
	Missing(p string) bool
}

// renamer is a door that renames (S3 and Swift have no rename).
type renamer interface {
	Rename(oldPath, newPath string) error
}

// overwriter is a door that writes part of an existing file in place.
type overwriter interface {
	Overwrite(p string, off int64, data []byte) error
}

// s3Door is the S3 API (aws-sdk-go-v2).
type s3Door struct {
	c      *s3.Client
	bucket string
}

func (d s3Door) Name() string { return "s3" }

func (d s3Door) Put(p string, data []byte) error {
	_, err := d.c.PutObject(ctx, &s3.PutObjectInput{Bucket: &d.bucket, Key: &p, Body: bytes.NewReader(data)})
	return err
}

func (d s3Door) Get(p string) ([]byte, error) {
	out, err := d.c.GetObject(ctx, &s3.GetObjectInput{Bucket: &d.bucket, Key: &p})
	if err != nil {
		return nil, err
	}
	defer out.Body.Close()
	return io.ReadAll(out.Body)
}

func (d s3Door) Missing(p string) bool {
	_, err := d.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &d.bucket, Key: aws.String(p)})
	return err != nil
}

// fuseDoor is a FUSE mount of the bucket, used with plain file calls.
type fuseDoor struct{ dir string }

func (d fuseDoor) Name() string { return "fuse" }

func (d fuseDoor) Put(p string, data []byte) error {
	full := filepath.Join(d.dir, p)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

func (d fuseDoor) Get(p string) ([]byte, error) { return os.ReadFile(filepath.Join(d.dir, p)) }

func (d fuseDoor) Missing(p string) bool {
	_, err := os.Stat(filepath.Join(d.dir, p))
	return os.IsNotExist(err)
}

func (d fuseDoor) Rename(oldPath, newPath string) error {
	return os.Rename(filepath.Join(d.dir, oldPath), filepath.Join(d.dir, newPath))
}

func (d fuseDoor) Overwrite(p string, off int64, data []byte) error {
	f, err := os.OpenFile(filepath.Join(d.dir, p), os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteAt(data, off); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
