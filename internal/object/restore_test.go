package object

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// TestRestoreStateMachine walks one archived version through a restore,
// the orphan collector, an extension, its expiry and a delete, with the
// worker's passes run by hand; and checks that a pass visits only the
// buckets with restore work once its first (full) pass is done.
func TestRestoreStateMachine(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	s := e.svc
	s.SetRestoreDay(time.Hour)
	body := data(300<<10, 7)
	if _, err := s.PutObject(ctx, "b", "k", bytes.NewReader(body), PutOptions{Size: int64(len(body)), StorageClass: "GLACIER"}); err != nil {
		t.Fatal(err)
	}
	archivedChunks := len(e.chunkFiles("vol0"))
	for i := range 30 {
		if err := s.CreateBucket(ctx, Bucket{Name: fmt.Sprintf("other%d", i), Account: "acct"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.read("k", nil); !strata.Is(err, strata.Permission) {
		t.Fatalf("read of an archived version: %v", err)
	}
	if res, err := s.RestoreObject(ctx, "b", "k", "", 2, "Bulk"); err != nil || !res.Started {
		t.Fatalf("restore: %+v %v", res, err)
	}
	if _, err := s.RestoreObject(ctx, "b", "k", "", 2, "Bulk"); !strata.Is(err, strata.Conflict) {
		t.Fatalf("second restore while queued: %v", err)
	}
	rep, err := s.RunRestores(ctx)
	if err != nil || rep.Restored != 1 || rep.Buckets < 31 {
		t.Fatalf("first pass: %+v %v", rep, err)
	}
	if got, err := e.read("k", nil); err != nil || !bytes.Equal(got, body) {
		t.Fatalf("restored read: %v", err)
	}
	// The restored copy's chunks are referenced: the collector keeps them.
	if rep, err := s.CollectOrphans(ctx, 0); err != nil || rep.Deleted != 0 {
		t.Fatalf("gc with a restored copy: %+v %v", rep, err)
	}
	if got, err := e.read("k", nil); err != nil || !bytes.Equal(got, body) {
		t.Fatalf("restored read after gc: %v", err)
	}
	// Later passes visit only the bucket with a restored copy.
	if rep, err := s.RunRestores(ctx); err != nil || rep.Buckets != 1 || rep.Restored+rep.Expired != 0 {
		t.Fatalf("second pass: %+v %v", rep, err)
	}

	// Extend with a tiny day: due at once.
	s.SetRestoreDay(time.Nanosecond)
	if res, err := s.RestoreObject(ctx, "b", "k", "", 1, ""); err != nil || res.Started {
		t.Fatalf("extend: %+v %v", res, err)
	}
	if rep, err := s.RunRestores(ctx); err != nil || rep.Expired != 1 {
		t.Fatalf("expiry pass: %+v %v", rep, err)
	}
	if _, err := e.read("k", nil); !strata.Is(err, strata.Permission) {
		t.Fatalf("read after expiry: %v", err)
	}
	if n := len(e.chunkFiles("vol0")); n != archivedChunks {
		t.Fatalf("%d chunk files after expiry, want the archived version's %d", n, archivedChunks)
	}
	// Idle now, but marked within hintSkew: a pass keeps the mark.
	s.RunRestores(ctx)
	if rep, err := s.RunRestores(ctx); err != nil || rep.Buckets != 1 {
		t.Fatalf("idle pass, recent mark: %+v %v", rep, err)
	}
	// An old mark on an idle bucket goes, and the next pass visits nothing.
	if err := s.dir.Root().Update(ctx, func(tx meta.Txn) error {
		return tx.Set([]byte(archiveHintPrefix+"b"), make([]byte, 8))
	}); err != nil {
		t.Fatal(err)
	}
	s.RunRestores(ctx)
	if rep, err := s.RunRestores(ctx); err != nil || rep.Buckets != 0 {
		t.Fatalf("idle pass: %+v %v", rep, err)
	}

	// A version deleted with its restored copy frees both.
	s.SetRestoreDay(time.Hour)
	if _, err := s.RestoreObject(ctx, "b", "k", "", 1, ""); err != nil {
		t.Fatal(err)
	}
	if rep, err := s.RunRestores(ctx); err != nil || rep.Restored != 1 {
		t.Fatalf("restore again: %+v %v", rep, err)
	}
	if _, err := s.DeleteObject(ctx, "b", "k", ""); err != nil {
		t.Fatal(err)
	}
	if n := len(e.chunkFiles("vol0")); n != 0 {
		t.Fatalf("%d chunk files left after deleting a restored version", n)
	}
	if rep, err := s.RunRestores(ctx); err != nil || rep.Expired != 0 {
		t.Fatalf("pass after the delete: %+v %v", rep, err)
	}
}
