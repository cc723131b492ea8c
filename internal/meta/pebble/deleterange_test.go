package pebble

import (
	"context"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// TestDeleteRangeRerunsRunningTransactions: a range deletion is checked
// against no read set, so a transaction that read a key of the span
// before the deletion applied runs again, and then reads it gone.
func TestDeleteRangeRerunsRunningTransactions(t *testing.T) {
	ctx := context.Background()
	e, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Set([]byte("b/1"), []byte("old")) }); err != nil {
		t.Fatal(err)
	}
	runs := 0
	var seen []error
	err = e.Update(ctx, func(tx meta.Txn) error {
		runs++
		_, err := tx.Get([]byte("b/1"))
		seen = append(seen, err)
		if runs == 1 {
			// The deletion applies between this read and the commit.
			if err := e.DeleteRange(ctx, []byte("b/"), []byte("b0")); err != nil {
				return err
			}
		}
		return tx.Set([]byte("copy"), []byte("x"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if runs != 2 || seen[0] != nil || !strata.Is(seen[1], strata.NotExist) {
		t.Fatalf("%d runs reading %v, want 2: the value, then NotExist", runs, seen)
	}
}
