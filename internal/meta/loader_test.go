package meta_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
)

// TestLoader loads 10,000 keys through pebble's own Loader and, through
// an engine that hides it, in transactions (a full batch of 8,192 during
// the Adds, the rest at Commit): either way every key is there after
// Commit, beside the keys the store held.
func TestLoader(t *testing.T) {
	ctx := context.Background()
	eachEngineForm(t, "tables", "transactions", func(t *testing.T, e meta.Engine) {
		if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Set([]byte("a"), []byte("v")) }); err != nil {
			t.Fatal(err)
		}
		ld, err := meta.NewLoader(ctx, e, 8192, 4<<20)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 10000 {
			if err := ld.Add(fmt.Appendf(nil, "b/%05d", i), []byte("v")); err != nil {
				t.Fatal(err)
			}
		}
		if err := ld.Commit(); err != nil {
			t.Fatal(err)
		}
		if n := len(keysOf(t, e)); n != 10001 {
			t.Fatalf("%d keys after the load, want 10,001", n)
		}
	})
}
