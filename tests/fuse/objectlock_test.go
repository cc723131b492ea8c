package fusetest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/testenv"
)

// TestObjectLockReadOnlyFiles mounts a bucket under Object Lock: a file
// whose current version is locked reads fine and refuses every change
// with EPERM, even to root; other files stay writable.
func TestObjectLockReadOnlyFiles(t *testing.T) {
	testenv.RequireFUSE(t)
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	b := "worm"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b, ObjectLockEnabledForBucket: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	until := time.Now().Add(time.Hour)
	for key, in := range map[string]*s3.PutObjectInput{
		"compliance": {ObjectLockMode: types.ObjectLockModeCompliance, ObjectLockRetainUntilDate: &until},
		"held":       {ObjectLockLegalHoldStatus: types.ObjectLockLegalHoldStatusOn},
		"free":       {},
	} {
		in.Bucket, in.Key, in.Body = &b, aws.String(key), bytes.NewReader([]byte("content of "+key))
		if _, err := c.PutObject(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	mnt := testenv.Mount(t, s.URL(), b, fuse.Options{})
	wantEPERM := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, syscall.EPERM) {
			t.Fatalf("%s: got %v, want EPERM", what, err)
		}
	}
	for _, name := range []string{"compliance", "held"} {
		p := filepath.Join(mnt, name)
		got, err := os.ReadFile(p)
		if err != nil || string(got) != "content of "+name {
			t.Fatalf("read %s: %q %v", name, got, err)
		}
		wantEPERM("write "+name, os.WriteFile(p, []byte("x"), 0o644))
		_, err = os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
		wantEPERM("open for append "+name, err)
		wantEPERM("truncate "+name, os.Truncate(p, 0))
		wantEPERM("unlink "+name, os.Remove(p))
		wantEPERM("rename "+name, os.Rename(p, p+".moved"))
		wantEPERM("rename over "+name, os.Rename(filepath.Join(mnt, "free"), p))
		if got, err := os.ReadFile(p); err != nil || string(got) != "content of "+name {
			t.Fatalf("after the refusals %s: %q %v", name, got, err)
		}
	}
	free := filepath.Join(mnt, "free")
	if err := os.WriteFile(free, []byte("changed"), 0o644); err != nil {
		t.Fatalf("unlocked file: %v", err)
	}
	if err := os.Remove(free); err != nil {
		t.Fatalf("unlink unlocked file: %v", err)
	}
}

// TestObjectLockDefaultRetentionMount writes through a mount into a
// bucket with default retention: each file is written once, and is
// read-only once its data is published (close).
func TestObjectLockDefaultRetentionMount(t *testing.T) {
	testenv.RequireFUSE(t)
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	b := "wormdefault"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &b, ObjectLockEnabledForBucket: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	_, err := c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: &b,
		ObjectLockConfiguration: &types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled,
			Rule: &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{Mode: types.ObjectLockRetentionModeGovernance, Days: aws.Int32(1)}}}})
	if err != nil {
		t.Fatal(err)
	}
	mnt := testenv.Mount(t, s.URL(), b, fuse.Options{})
	dir := filepath.Join(mnt, "d")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "f")
	if err := os.WriteFile(p, []byte("once"), 0o644); err != nil {
		t.Fatalf("first write: %v", err)
	}
	if got, err := os.ReadFile(p); err != nil || string(got) != "once" {
		t.Fatalf("read back: %q %v", got, err)
	}
	h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b, Key: aws.String("d/f")})
	if err != nil || h.ObjectLockMode != types.ObjectLockModeGovernance {
		t.Fatalf("head: %v %+v", err, h)
	}
	for what, err := range map[string]error{
		"rewrite":    os.WriteFile(p, []byte("twice"), 0o644),
		"unlink":     os.Remove(p),
		"rename dir": os.Rename(dir, dir+"2"),
	} {
		if !errors.Is(err, syscall.EPERM) {
			t.Fatalf("%s: got %v, want EPERM", what, err)
		}
	}
	// Another new file in the same directory can still be written.
	if err := os.WriteFile(filepath.Join(dir, "g"), []byte("other"), 0o644); err != nil {
		t.Fatal(err)
	}
}
