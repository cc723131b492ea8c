package object

import (
	"context"
	"slices"
	"testing"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
)

// TestLoadMovedCopiesWhatItMay: a split's load copies the moved keys'
// records of every kind ordered by key into the target, except versions
// that name chunks (the sync pass writes those through the volume index)
// and kinds the target already holds records of (a resumed split).
func TestLoadMovedCopiesWhatItMay(t *testing.T) {
	ctx := context.Background()
	e, m2 := splitTestStore(t)
	src := rangeRef{e: indexingEngine{e}, m2: m2("b"), raw: e}
	dst := rangeRef{e: indexingEngine{e}, m2: m2("b1"), raw: e,
		b: directory.Bounds{Start: "k2", End: "k5", Closed: true}}
	err := e.Update(ctx, func(tx meta.Txn) error {
		for _, k := range []string{"k1", "k2", "k3", "k4", "k5"} {
			for _, kind := range keyedKinds {
				v := []byte("r")
				if kind == "v/" && k == "k3" {
					v = append([]byte(`{"c":[{`), fragmentsMark...) // names a chunk
				}
				if err := tx.Set(append(src.m2.All(), kind+k+"\x00x"...), v); err != nil {
					return err
				}
			}
		}
		// The target holds an i/ record already: that kind is not loaded.
		return tx.Set(append(dst.m2.All(), "i/k4\x00x"...), []byte("r"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := loadMoved(ctx, src, dst); err != nil {
		t.Fatal(err)
	}
	got := recordsOf(t, e, dst.m2)
	want := []string{"i/k4"}
	for _, kind := range keyedKinds {
		for _, k := range []string{"k2", "k3", "k4"} {
			if kind != "i/" && (kind != "v/" || k != "k3") {
				want = append(want, kind+k)
			}
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("the target holds %q, want %q", got, want)
	}
}
