package fusetest

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/strata-storage/strata/internal/quota"
	"github.com/strata-storage/strata/internal/testenv"
)

// writeFile writes data to a new file and closes it, returning the first
// error (a mount reports a refused flush at close).
func writeFile(p string, data []byte) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func TestMountQuotaENOSPC(t *testing.T) {
	s, _, dir := mounted(t, testenv.Options{})
	// A mount write is counted like an S3 one.
	if err := writeFile(filepath.Join(dir, "a"), make([]byte, 1<<20)); err != nil {
		t.Fatal(err)
	}
	u, err := s.Objects.BucketUsage(ctx, "files")
	if err != nil || u.Objects != 1 || u.LogicalBytes != 1<<20 {
		t.Fatalf("usage after a mount write: %+v %v", u, err)
	}
	if err := s.Quotas().Set(ctx, quota.Quota{Scope: quota.Scope{Kind: quota.Bucket, Name: "files"},
		Limits: quota.Limits{MaxBytes: 2 << 20, MaxObjects: 3}}); err != nil {
		t.Fatal(err)
	}
	err = writeFile(filepath.Join(dir, "big"), make([]byte, 3<<20))
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("write beyond the quota: %v, want ENOSPC", err)
	}
	if err := writeFile(filepath.Join(dir, "fits"), make([]byte, 512<<10)); err != nil {
		t.Fatalf("write that fits: %v", err)
	}
	// The object quota: creating more files than it allows.
	var created int
	for _, n := range []string{"e1", "e2", "e3", "e4"} {
		err := writeFile(filepath.Join(dir, n), nil)
		if errors.Is(err, syscall.ENOSPC) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		created++
	}
	u, _ = s.Objects.BucketUsage(ctx, "files")
	if u.Objects > 3 || u.LogicalBytes > 2<<20 {
		t.Fatalf("usage %+v beyond the quota", u)
	}
	if created == 4 {
		t.Fatalf("all empty files created past the object quota (usage %+v)", u)
	}
}
