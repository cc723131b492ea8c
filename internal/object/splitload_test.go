package object

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/strata"
)

// TestLoadMovedCopiesWhatItMay: a split's load copies the moved keys'
// records of every kind ordered by key into the target, except versions
// that name chunks (the sync pass writes those through the volume index)
// and kinds the target already holds records of (a resumed split).
func TestLoadMovedCopiesWhatItMay(t *testing.T) {
	ctx := context.Background()
	e, err := metapebble.Open(filepath.Join(t.TempDir(), "m"), metapebble.Options{CacheSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	c := directory.Container{Name: "b", ID: strata.NewContainerID("a", "b"), Shard: "0"}
	m2 := func(sub string) directory.Meta2 {
		return c.Meta2Of(directory.Range{Shard: "0", Sub: strata.NewContainerID("a", sub)})
	}
	src := rangeRef{e: indexingEngine{e}, m2: m2("b"), raw: e}
	dst := rangeRef{e: indexingEngine{e}, m2: m2("b1"), raw: e,
		b: directory.Bounds{Start: "k2", End: "k5", Closed: true}}
	kinds := []string{"o/", "v/", "u/", "i/", "q/", "A/p/"}
	err = e.Update(ctx, func(tx meta.Txn) error {
		for _, k := range []string{"k1", "k2", "k3", "k4", "k5"} {
			for _, kind := range kinds {
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
	var got []string
	err = e.View(ctx, func(r meta.Reader) error {
		it := r.Iter(dst.m2.All(), meta.PrefixEnd(dst.m2.All()))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			got = append(got, strings.TrimSuffix(string(it.Key()[len(dst.m2.All()):]), "\x00x"))
		}
		return it.Error()
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"i/k4"}
	for _, kind := range kinds {
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
