package object

import (
	"testing"

	"github.com/strata-storage/strata/internal/directory"
)

// counted reports whether bucket b's range holds the mark a recount
// writes (s/counted).
func counted(t *testing.T, e *env) bool { return hasKey(t, e, directory.Meta2.UsageCounted) }

// TestNewBucketUsageNeedsNoRecount: a bucket made with exact counters
// answers BucketUsage from them, with no recount (a recount of a 20 M
// object bucket took 12% of a loaded gateway's CPU for minutes); a bucket
// made before the counters is recounted once.
func TestNewBucketUsageNeedsNoRecount(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	e.put(t, "a", []byte("12345"))
	e.put(t, "b", []byte("123"))
	u, err := e.svc.BucketUsage(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	if u.Objects != 2 || u.LogicalBytes != 8 {
		t.Fatalf("usage %+v, want 2 objects of 8 bytes", u)
	}
	if counted(t, e) {
		t.Fatal("BucketUsage recounted a bucket whose counters were exact from its creation")
	}

	if _, err := e.svc.dir.Update(ctx, "b", func(c *directory.Container) error {
		c.UsageExact = false
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if u, err = e.svc.BucketUsage(ctx, "b"); err != nil || u.Objects != 2 || u.LogicalBytes != 8 {
		t.Fatalf("usage of an old bucket %+v, %v", u, err)
	}
	if !counted(t, e) {
		t.Fatal("an old bucket's usage was not recounted")
	}
}
