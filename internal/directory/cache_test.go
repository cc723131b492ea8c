package directory

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/strata"
)

// hookEngine runs once a hook after a View (before returning what it
// read) or before an Update commits, to interleave another call.
type hookEngine struct {
	meta.Engine
	afterView, beforeUpdate func()
}

func (h *hookEngine) View(ctx context.Context, fn func(meta.Reader) error) error {
	err := h.Engine.View(ctx, fn)
	if f := h.afterView; f != nil {
		h.afterView = nil
		f()
	}
	return err
}

func (h *hookEngine) Update(ctx context.Context, fn func(meta.Txn) error) error {
	if f := h.beforeUpdate; f != nil {
		h.beforeUpdate = nil
		f()
	}
	return h.Engine.Update(ctx, fn)
}

func newHooked(t *testing.T) (*Directory, *hookEngine) {
	e, err := metapebble.Open(filepath.Join(t.TempDir(), "m"), metapebble.Options{CacheSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	h := &hookEngine{Engine: e}
	d, err := New(h, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return d, h
}

// TestDeleteRacingLookup: a lookup between Delete's first forget and its
// commit read the bucket still there and cached it, so the gateway went
// on answering for a deleted bucket (seen as HeadBucket after SFTP's
// rmdir of a bucket, in CI).
func TestDeleteRacingLookup(t *testing.T) {
	ctx := context.Background()
	d, h := newHooked(t)
	if _, err := d.Create(ctx, Container{Name: "b", Account: "a"}); err != nil {
		t.Fatal(err)
	}
	c, _ := d.Lookup(ctx, "b")
	// Delete clears the range (one Update), then commits in the root
	// (another): the lookup runs just before that commit.
	h.beforeUpdate = func() {
		h.beforeUpdate = func() {
			if _, err := d.Lookup(ctx, "b"); err != nil {
				t.Errorf("lookup before the commit: %v", err)
			}
		}
	}
	if err := d.Delete(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Lookup(ctx, "b"); !strata.Is(err, strata.NotExist) {
		t.Fatalf("lookup after delete: %v, want NotExist (container %s)", err, c.ID)
	}
}

// TestLookupRacingUpdate: a lookup that read a record, then lost the race
// to an Update's commit, must not cache its older copy over the new one.
func TestLookupRacingUpdate(t *testing.T) {
	ctx := context.Background()
	d, h := newHooked(t)
	if _, err := d.Create(ctx, Container{Name: "b", Account: "a"}); err != nil {
		t.Fatal(err)
	}
	d.Forget("b")
	h.afterView = func() {
		if _, err := d.Update(ctx, "b", func(c *Container) error { c.Versioning = "Enabled"; return nil }); err != nil {
			t.Error(err)
		}
	}
	if c, err := d.Lookup(ctx, "b"); err != nil || c.Versioning != "" {
		t.Fatalf("racing lookup: %+v, %v (it read before the update)", c, err)
	}
	if c, err := d.Lookup(ctx, "b"); err != nil || c.Versioning != "Enabled" {
		t.Fatalf("lookup after the update: versioning %q, %v: an older copy was cached", c.Versioning, err)
	}
}
