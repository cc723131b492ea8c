package pebble

import (
	"context"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
)

// TestTablesGrowWithLevel checks that every store's tables double in size
// per level up to 128 MiB at L6. Set by hand, pebble's levels all
// defaulted to 2 MiB, and a store of a 20 M-object bucket held more tables
// than the table cache keeps open.
func TestTablesGrowWithLevel(t *testing.T) {
	po := pebbleOptions(nil, Options{})
	if len(po.Levels) != 7 {
		t.Fatalf("%d levels, want 7", len(po.Levels))
	}
	for i, l := range po.Levels {
		if want := int64(2<<20) << i; l.TargetFileSize != want {
			t.Errorf("L%d tables of %d bytes, want %d", i, l.TargetFileSize, want)
		}
		if l.FilterPolicy == nil {
			t.Errorf("L%d has no bloom filter", i)
		}
	}
}

// TestStatsCountTables checks the figures the server exports as metrics.
func TestStatsCountTables(t *testing.T) {
	e, err := Open(t.TempDir(), Options{CacheSize: 8 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	if n := e.Stats().Tables; n != 0 {
		t.Fatalf("new store has %d tables", n)
	}
	if err := e.Update(ctx, func(tx meta.Txn) error { return tx.Set([]byte("k"), []byte("v")) }); err != nil {
		t.Fatal(err)
	}
	if err := e.db.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := e.View(ctx, func(r meta.Reader) error { _, err := r.Get([]byte("k")); return err }); err != nil {
		t.Fatal(err)
	}
	s := e.Stats()
	if s.Tables != 1 || s.TableCacheHits+s.TableCacheMiss == 0 {
		t.Fatalf("after a flush and a read: %+v, want 1 table and a table cache lookup", s)
	}
	if s.WALBytes == 0 || s.FlushBytes == 0 {
		t.Fatalf("after a commit and a flush: %+v, want WAL and flush bytes", s)
	}
	var waits uint64
	for _, n := range e.SyncWaits().Counts {
		waits += n
	}
	if waits != 1 {
		t.Fatalf("one durable commit, %d sync waits counted", waits)
	}
}
