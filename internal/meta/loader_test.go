package meta_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
)

// TestLoader loads 10,000 keys through pebble's own Loader and, through
// an engine that hides it, in transactions (a full batch of 8,192 during
// the Adds, the rest at Commit): either way every key is there after
// Commit, beside the keys the store held.
func TestLoader(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		wrap func(meta.Engine) meta.Engine
	}{
		{"tables", func(e meta.Engine) meta.Engine { return e }},
		{"transactions", func(e meta.Engine) meta.Engine { return struct{ meta.Engine }{e} }},
	} {
		t.Run(c.name, func(t *testing.T) {
			pe, err := metapebble.Open(filepath.Join(t.TempDir(), "meta"), metapebble.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer pe.Close()
			e := c.wrap(pe)
			if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Set([]byte("a"), []byte("v")) }); err != nil {
				t.Fatal(err)
			}
			ld, err := meta.NewLoader(ctx, e)
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
			n := 0
			err = e.View(ctx, func(r meta.Reader) error {
				it := r.Iter(nil, nil)
				defer it.Close()
				for ok := it.First(); ok; ok = it.Next() {
					n++
				}
				return it.Error()
			})
			if err != nil || n != 10001 {
				t.Fatalf("%d keys after the load (%v), want 10,001", n, err)
			}
		})
	}
}
