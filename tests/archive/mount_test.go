package archivetest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/filetree"
	"github.com/strata-storage/strata/internal/fsapi"
	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestArchivedFileErrno: through the file API and a FUSE mount, an
// archived file that is not restored lists and stats, and reading it
// fails with ENODATA ("No data available", as cat prints it); once
// restored it reads back.
func TestArchivedFileErrno(t *testing.T) {
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	b := "cold"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b}); err != nil {
		t.Fatal(err)
	}
	data := randBytes(100<<10, 2)
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: &b, Key: aws.String("dir/f.bin"), Body: bytes.NewReader(data),
		StorageClass: types.StorageClassDeepArchive}); err != nil {
		t.Fatal(err)
	}

	// The file API, as every mount and file protocol reaches it.
	fc := fsapi.NewClient(s.URL(), b, testenv.AccessKey, testenv.SecretKey, "us-east-1")
	if e, err := fc.Stat(ctx, "dir/f.bin"); err != nil || e.Size != int64(len(data)) {
		t.Fatalf("stat: %v %+v", err, e)
	}
	buf := make([]byte, 4096)
	_, _, err := fc.ReadAt(ctx, "dir/f.bin", buf, 0)
	if got := fsapi.Errno(err); got != object.ErrnoArchived {
		t.Fatalf("read of an archived file: errno %v (%v), want %v", got, err, object.ErrnoArchived)
	}

	_, err = fc.Write(ctx, "dir/f.bin", []filetree.Run{{Off: 0, Len: 3}}, []byte("new"), true, 0)
	if got := fsapi.Errno(err); got != object.ErrnoArchivedWrite {
		t.Fatalf("write of an archived file: errno %v (%v), want %v", got, err, object.ErrnoArchivedWrite)
	}

	// A real mount, read by cat.
	testenv.RequireTool(t, "cat")
	dir := testenv.Mount(t, s.URL(), b, fuse.Options{})
	p := filepath.Join(dir, "dir", "f.bin")
	if fi, err := os.Stat(p); err != nil || fi.Size() != int64(len(data)) {
		t.Fatalf("stat through the mount: %v", err)
	}
	if ents, err := os.ReadDir(filepath.Join(dir, "dir")); err != nil || len(ents) != 1 {
		t.Fatalf("list through the mount: %v %v", err, ents)
	}
	_, err = os.ReadFile(p)
	if !errors.Is(err, syscall.ENODATA) {
		t.Fatalf("read through the mount: %v, want ENODATA", err)
	}
	out, err := exec.Command("cat", p).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "No data available") {
		t.Fatalf("cat: %v %q", err, out)
	}
	if err := os.WriteFile(p, []byte("overwrite"), 0o644); !errors.Is(err, syscall.EROFS) {
		t.Fatalf("overwrite through the mount: %v, want EROFS", err)
	}

	// Restored: the same reads succeed.
	if _, err := c.RestoreObject(ctx, &s3.RestoreObjectInput{Bucket: &b, Key: aws.String("dir/f.bin"),
		RestoreRequest: &types.RestoreRequest{Days: aws.Int32(1)}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "restore done", func() bool {
		_, r := headRestore(t, c, b, "dir/f.bin")
		return strings.HasPrefix(r, `ongoing-request="false"`)
	})
	got, err := os.ReadFile(p)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("read of the restored file: %v (%d bytes)", err, len(got))
	}
}
