package pebble

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// TestLoaderIngests loads 20,000 keys as several tables: none is visible
// before Commit, all are after it and after a reopen, keys around them
// stay, no table is left in the load folder, and a transaction running
// across the Commit runs again.
func TestLoaderIngests(t *testing.T) {
	defer func(n int) { loadTableSize = n }(loadTableSize)
	loadTableSize = 64 << 10
	ctx := context.Background()
	dir := t.TempDir()
	e, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { e.Close() }()
	if err := e.Update(ctx, func(tx meta.Txn) error {
		for _, k := range []string{"a", "c"} {
			if err := tx.Set([]byte(k), []byte("v")); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	key := func(i int) []byte { return fmt.Appendf(nil, "b/%06d", i) }
	ld, err := e.NewLoader(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20000 {
		if err := ld.Add(key(i), fmt.Appendf(nil, "value %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(ld.(*tableLoader).paths); n < 3 {
		t.Fatalf("%d tables for 20,000 keys cut at 64 KiB", n)
	}
	if _, c, err := e.db.Get(key(5)); err == nil {
		c.Close()
		t.Fatal("a loaded key is visible before Commit")
	}
	runs := 0
	err = e.Update(ctx, func(tx meta.Txn) error {
		runs++
		_, err := tx.Get(key(7))
		if runs == 1 {
			if err := ld.Commit(); err != nil {
				return err
			}
		}
		if runs == 2 && err != nil {
			return fmt.Errorf("the re-run does not read the loaded key: %v", err)
		}
		return tx.Set([]byte("d"), nil)
	})
	if err != nil || runs != 2 {
		t.Fatalf("a transaction across the Commit ran %d times (%v), want 2", runs, err)
	}
	if left, _ := os.ReadDir(filepath.Join(dir, loadDir)); len(left) != 0 {
		t.Fatalf("%d files left in the load folder", len(left))
	}
	count := func() int {
		n := 0
		e.View(ctx, func(r meta.Reader) error {
			it := r.Iter(nil, nil)
			defer it.Close()
			for ok := it.First(); ok; ok = it.Next() {
				n++
			}
			return nil
		})
		return n
	}
	if n := count(); n != 20003 {
		t.Fatalf("%d keys after the load, want 20,003", n)
	}
	e.Close()
	if e, err = Open(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 20003 {
		t.Fatalf("%d keys after a reopen, want 20,003", n)
	}
}

// TestLoaderRefusesDisorder: keys out of order or repeated are refused,
// and an aborted load leaves nothing, in the store or in its folder; a
// folder a crash left is emptied when the store opens.
func TestLoaderRefusesDisorder(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	e, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ld, err := e.NewLoader(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := ld.Add([]byte("k2"), nil); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"k2", "k1"} {
		if err := ld.Add([]byte(k), nil); !strata.Is(err, strata.Invalid) {
			t.Fatalf("Add(%s) after k2: %v, want Invalid", k, err)
		}
	}
	ld.Abort()
	if left, _ := os.ReadDir(filepath.Join(dir, loadDir)); len(left) != 0 {
		t.Fatalf("%d files left after Abort", len(left))
	}
	if _, c, err := e.db.Get([]byte("k2")); err == nil {
		c.Close()
		t.Fatal("an aborted load's key is visible")
	}
	e.Close()
	if err := os.WriteFile(filepath.Join(dir, loadDir, "9.sst"), []byte("half a table"), 0o644); err != nil {
		t.Fatal(err)
	}
	if e, err = Open(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if _, err := os.Stat(filepath.Join(dir, loadDir)); !os.IsNotExist(err) {
		t.Fatalf("the load folder a crash left is still there: %v", err)
	}
}
