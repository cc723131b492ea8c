package pebble

import (
	"context"
	"fmt"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// TestDeleteOnceLeavesNoTombstones writes keys and deletes them before a
// flush, once with Delete and once with meta.DeleteOnce: Delete's
// tombstones reach a table (where every later scan of the range steps over
// them), DeleteOnce's meet their values in the flush and both are dropped.
// Reads see the keys gone either way, in the deleting transaction too.
func TestDeleteOnceLeavesNoTombstones(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		del    func(meta.Txn, []byte) error
		tables int64
	}{
		{"Delete", func(tx meta.Txn, k []byte) error { return tx.Delete(k) }, 1},
		{"DeleteOnce", meta.DeleteOnce, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, err := Open(t.TempDir(), Options{CacheSize: 8 << 20})
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			key := func(i int) []byte { return fmt.Appendf(nil, "E/%08d", i) }
			if err := e.Update(ctx, func(tx meta.Txn) error {
				for i := range 1000 {
					if err := tx.Set(key(i), []byte("event")); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if err := e.Update(ctx, func(tx meta.Txn) error {
				for i := range 1000 {
					if err := c.del(tx, key(i)); err != nil {
						return err
					}
				}
				if _, err := tx.Get(key(7)); !strata.Is(err, strata.NotExist) {
					return fmt.Errorf("deleted key read in its transaction: %v", err)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if err := e.db.Flush(); err != nil {
				t.Fatal(err)
			}
			if err := e.View(ctx, func(r meta.Reader) error {
				it := r.Iter([]byte("E/"), []byte("E0"))
				defer it.Close()
				if it.First() {
					return fmt.Errorf("deleted key %q listed", it.Key())
				}
				_, err := r.Get(key(999))
				if !strata.Is(err, strata.NotExist) {
					return fmt.Errorf("deleted key read: %v", err)
				}
				return it.Error()
			}); err != nil {
				t.Fatal(err)
			}
			if n := e.Stats().Tables; n != c.tables {
				t.Fatalf("%d tables after the flush, want %d", n, c.tables)
			}
		})
	}
}
