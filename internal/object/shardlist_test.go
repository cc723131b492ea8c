package object

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// rangedFixture writes keys into three ranges of one container split at
// split1 and split2, each range also holding stale copies of keys it
// handed over (as before a split's cleanup), and returns the ranged
// reader's engine with the sorted keys a listing must see.
func rangedFixture(t testing.TB, keys []string, split1, split2 string) (*rangedEngine, []string) {
	e := openTestStore(t)
	c := directory.Container{Name: "b", ID: strata.NewContainerID("a", "b"), Shard: "0", Ranges: []directory.Range{
		{Start: "", Shard: "0", Sub: strata.NewContainerID("a", "b")},
		{Start: split1, Shard: "0", Sub: strata.NewContainerID("a", "b1")},
		{Start: split2, Shard: "0", Sub: strata.NewContainerID("a", "b2")},
	}}
	var parts []rangeRef
	for i, r := range c.RangeList() {
		parts = append(parts, rangeRef{e: e, m2: c.Meta2Of(r), b: c.BoundsOf(i)})
	}
	var want []string
	err := e.Update(context.Background(), func(tx meta.Txn) error {
		for _, k := range keys {
			owner := c.Owner(k)
			want = append(want, k)
			for i, p := range parts {
				// The owner, and every earlier range as a stale copy.
				if i <= owner {
					if err := tx.Set(p.m2.Current(k), []byte(k)); err != nil {
						return err
					}
					if err := tx.Set(p.m2.Version(k, 1, "v"), []byte(k)); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(want)
	return &rangedEngine{m2: parts[0].m2, parts: parts}, slices.Compact(want)
}

// scan lists kind 'o' or 'v' names from lower (a name, "" for all) with
// an optional prefix, through the ranged reader, using SeekGE as the
// listings do, and returns the names.
func scan(t testing.TB, g *rangedEngine, kind byte, prefix, from string) []string {
	var out []string
	err := g.View(context.Background(), func(r meta.Reader) error {
		base := g.m2.CurrentPrefix()
		if kind == 'v' {
			base = g.m2.VersionPrefix()
		}
		lower := append(bytes.Clone(base), prefix...)
		it := r.Iter(base, meta.PrefixEnd(lower))
		defer it.Close()
		for ok := it.SeekGE(append(bytes.Clone(base), from...)); ok; ok = it.Next() {
			name := it.Key()[len(base):]
			if i := bytes.IndexByte(name, 0); i >= 0 {
				name = name[:i]
			}
			if !bytes.HasPrefix(name, []byte(prefix)) {
				continue
			}
			out = append(out, string(name))
			if !bytes.Equal(it.Value(), name) {
				t.Fatalf("value of %q is %q", name, it.Value())
			}
		}
		return it.Error()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func expect(want []string, prefix, from string) []string {
	var out []string
	for _, k := range want {
		if strings.HasPrefix(k, prefix) && k >= from {
			out = append(out, k)
		}
	}
	return out
}

func TestRangedReaderOrdersAcrossRanges(t *testing.T) {
	keys := []string{"a", "a/1", "b", "c/x", "m", "m/", "m/0", "n", "p", "z", "zz"}
	g, want := rangedFixture(t, keys, "c", "m/")
	for _, tc := range []struct{ prefix, from string }{
		{"", ""}, {"", "b"}, {"", "c"}, {"", "l"}, {"m", ""}, {"m/", ""}, {"", "zzz"}, {"c", "c/x"},
	} {
		for _, kind := range []byte{'o', 'v'} {
			if got := scan(t, g, kind, tc.prefix, tc.from); !slices.Equal(got, expect(want, tc.prefix, tc.from)) {
				t.Errorf("kind %c prefix %q from %q: %q", kind, tc.prefix, tc.from, got)
			}
		}
	}
	// Get routes by key.
	g.View(context.Background(), func(r meta.Reader) error {
		for _, k := range keys {
			if v, err := r.Get(g.m2.Current(k)); err != nil || string(v) != k {
				t.Errorf("get %q: %q %v", k, v, err)
			}
		}
		return nil
	})
}

// FuzzRangedReader checks the ranged reader against a sorted list for
// arbitrary keys, split points and starting points.
func FuzzRangedReader(f *testing.F) {
	f.Add("a,b,c,m/1,m/2,z", "c", "m/", "", "")
	f.Add("x\x01,x,x0,y", "x", "x0", "x", "x")
	f.Fuzz(func(t *testing.T, list, s1, s2, prefix, from string) {
		if s1 == "" || s2 <= s1 || strings.ContainsRune(list+s1+s2+prefix+from, 0) {
			return
		}
		keys := slices.DeleteFunc(strings.Split(list, ","), func(k string) bool { return k == "" })
		g, want := rangedFixture(t, keys, s1, s2)
		for _, kind := range []byte{'o', 'v'} {
			if got := scan(t, g, kind, prefix, from); !slices.Equal(got, expect(want, prefix, from)) {
				t.Fatalf("kind %c prefix %q from %q: %q, want %q", kind, prefix, from, got, expect(want, prefix, from))
			}
		}
	})
}
