package object

import (
	"context"
	"slices"
	"testing"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// TestSyncDropsWhatLeftTheMove: a part record that a split's pass copied
// to the target goes from it once its upload has left the moved set (it
// was aborted between two passes), whether the next pass compares the
// whole range or only the noted keys. The whole-range compare used to
// filter the target by the uploads moving now, so it kept the part.
func TestSyncDropsWhatLeftTheMove(t *testing.T) {
	ctx := context.Background()
	for _, noted := range []bool{false, true} {
		e := openTestStore(t)
		c := directory.Container{Name: "b", ID: strata.NewContainerID("a", "b"), Shard: "0"}
		b := directory.Bounds{Start: "k2"}
		src := rangeRef{e: indexingEngine{e}, m2: c.Meta2Of(directory.Range{Shard: "0", Sub: c.ID}), raw: e}
		dst := rangeRef{e: indexingEngine{e}, m2: c.Meta2Of(directory.Range{Start: "k2", Shard: "0", Sub: directory.NewSubID(c, "k2")}), b: b}
		write := func(del bool, rels ...string) {
			t.Helper()
			err := e.Update(ctx, func(tx meta.Txn) error {
				for _, rel := range rels {
					k := append(src.m2.All(), rel...)
					var err error
					if del {
						err = tx.Delete(k)
					} else {
						err = tx.Set(k, []byte("r"))
					}
					if err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		// An upload of k1 (not moved) and one of k3 (moved), a part each.
		write(false, "u/k1\x00up0", "p/up0/1", "u/k3\x00up1", "p/up1/1")
		note := noteMoved(ctx, src, b)
		defer note.Close()
		if _, err := syncMoved(ctx, src, dst, 1); err != nil {
			t.Fatal(err)
		}
		if got, want := recordsOf(t, e, dst.m2), []string{"p/up1/1", "u/k3\x00up1"}; !slices.Equal(got, want) {
			t.Fatalf("target after the first pass: %q, want %q", got, want)
		}
		write(true, "u/k3\x00up1", "p/up1/1") // aborted
		if noted {
			if _, compared, err := syncPass(ctx, src, dst, note); err != nil || compared != 2 {
				t.Fatalf("noted pass: compared %d keys, want 2 (%v)", compared, err)
			}
		} else if _, err := syncMoved(ctx, src, dst, 1); err != nil {
			t.Fatal(err)
		}
		if got := recordsOf(t, e, dst.m2); len(got) != 0 {
			t.Fatalf("noted %v: the target keeps %q after the upload ended", noted, got)
		}
	}
}
