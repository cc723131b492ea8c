package fusetest

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/strata-storage/strata/internal/testenv"
	"github.com/strata-storage/strata/internal/vfs"
)

// deferredCommits reads strata_meta_deferred_commits_total, summed over
// the server's embedded stores.
func deferredCommits(t *testing.T, s *testenv.Server) int {
	t.Helper()
	n, ok := testenv.ReadMetrics(t, s.URL()).Sum("strata_meta_deferred_commits_total")
	if !ok {
		t.Fatal("no strata_meta_deferred_commits_total on /_strata/metrics")
	}
	return int(n)
}

// TestDeferredSync: a mount with DeferredSync has its creates, closes,
// renames and unlinks answered before their sync (counted by the
// gateway), each visible to S3 as soon as it returns; fsync of a file and
// of a folder reach the gateway as syncs; a mount without the option
// commits durably, as before.
func TestDeferredSync(t *testing.T) {
	testenv.RequireFUSE(t)
	s := testenv.Start(t, testenv.Options{})
	c := s.S3()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("dfr")}); err != nil {
		t.Fatal(err)
	}
	dir := mountWith(t, s, "dfr", vfs.Options{LazyAttrs: true, DeferredSync: true})
	plain := mountWith(t, s, "dfr", vfs.Options{LazyAttrs: true})

	before := deferredCommits(t, s)
	if err := os.WriteFile(filepath.Join(plain, "durable"), []byte("plain"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := deferredCommits(t, s) - before; n != 0 {
		t.Fatalf("a mount without DeferredSync made %d deferred commits", n)
	}

	reqs := fsRequests(t, s)
	const files = 5
	for i := range files {
		p := filepath.Join(dir, "f"+strconv.Itoa(i))
		if err := os.WriteFile(p, []byte("deferred "+strconv.Itoa(i)), 0o644); err != nil {
			t.Fatal(err)
		}
		// Visible to S3 as soon as close returned.
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("dfr"), Key: aws.String("f" + strconv.Itoa(i))})
		if err != nil {
			t.Fatalf("GET f%d after close: %v", i, err)
		}
		out.Body.Close()
	}
	if err := os.Rename(filepath.Join(dir, "f0"), filepath.Join(dir, "moved")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "f1")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("dfr"), Key: aws.String("f1")}); err == nil {
		t.Fatal("f1 still in S3 after its unlink returned")
	}
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("dfr"), Key: aws.String("moved")}); err != nil {
		t.Fatalf("HEAD of the renamed file: %v", err)
	}
	// A create, a publish at close each, a rename and an unlink, at least.
	if n := deferredCommits(t, s) - before; n < files+2 {
		t.Fatalf("%d deferred commits for %d files, a rename and an unlink", n, files)
	}
	if d := fsRequests(t, s).minus(reqs); d["sync"] != 0 {
		t.Fatalf("syncs sent without an fsync: %v", d)
	}

	f, err := os.OpenFile(filepath.Join(dir, "f2"), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(" more"); err != nil {
		t.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		t.Fatalf("fsync of a file: %v", err)
	}
	f.Close()
	d, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Sync(); err != nil {
		t.Fatalf("fsync of a folder: %v", err)
	}
	d.Close()
	if got := fsRequests(t, s).minus(reqs)["sync"]; got != 2 {
		t.Fatalf("fsync of a file and of a folder sent %d syncs, want 2", got)
	}
}
