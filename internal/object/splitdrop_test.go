package object

import (
	"context"
	"slices"
	"testing"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// TestDropMovedLeavesTheRest: a split's cleanup deletes from the source
// every record of the moved keys [k2, k5) and nothing else, the same
// whether the records ordered by key go as range deletions (a rangeRef
// with its raw engine) or key by key (without).
func TestDropMovedLeavesTheRest(t *testing.T) {
	ctx := context.Background()
	var left [2][]string
	for run, raw := range []bool{true, false} {
		e := openTestStore(t)
		c := directory.Container{Name: "b", ID: strata.NewContainerID("a", "b"), Shard: "0"}
		m2 := c.Meta2Of(directory.Range{Shard: "0", Sub: c.ID})
		src := rangeRef{e: indexingEngine{e}, m2: m2}
		if raw {
			src.raw = e
		}
		err := e.Update(ctx, func(tx meta.Txn) error {
			for _, k := range []string{"k1", "k2", "k3", "k4", "k5", "k6"} {
				for _, kind := range keyedKinds {
					if err := tx.Set(append(m2.All(), kind+k+"\x00x"...), []byte("r")); err != nil {
						return err
					}
				}
			}
			// Records of the range, not of a key: they stay.
			return tx.Set(append(m2.All(), "s/usage"...), []byte("u"))
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := dropMoved(ctx, src, directory.Bounds{Start: "k2", End: "k5", Closed: true}); err != nil {
			t.Fatal(err)
		}
		left[run] = recordsOf(t, e, m2)
	}
	var want []string
	for _, kind := range keyedKinds {
		for _, k := range []string{"k1", "k5", "k6"} {
			want = append(want, kind+k)
		}
	}
	want = append(want, "s/usage")
	slices.Sort(want)
	for run, got := range left {
		if !slices.Equal(got, want) {
			t.Errorf("run %d (raw %v): left %q, want %q", run, run == 0, got, want)
		}
	}
}

// TestCopyDuty: unset is the default rest, a duty past 1 works all the time.
func TestCopyDuty(t *testing.T) {
	for _, c := range []struct{ set, want float64 }{{0, defaultCopyDuty}, {-1, defaultCopyDuty}, {0.25, 0.25}, {1, 1}, {3, 1}} {
		if got := (SplitOptions{CopyDuty: c.set}).copyDuty(); got != c.want {
			t.Errorf("CopyDuty %v: %v, want %v", c.set, got, c.want)
		}
	}
}
