package object

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
)

// keyedKinds are the kinds of record a split moves as spans ordered by
// object key; the split tests write one of each per key, as
// kind+key+"\x00x".
var keyedKinds = []string{"o/", "v/", "u/", "i/", "q/", "A/p/"}

// openTestStore opens a pebble store in t's temporary folder, with a
// small block cache, closed when t ends.
func openTestStore(t testing.TB) *metapebble.Engine {
	t.Helper()
	e, err := metapebble.Open(filepath.Join(t.TempDir(), "m"), metapebble.Options{CacheSize: 1 << 20, Hot: directory.RangeStateKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// recordsOf lists m2's keys in e, relative to m2 and without the tests'
// "\x00x" suffix.
func recordsOf(t *testing.T, e meta.Engine, m2 directory.Meta2) []string {
	t.Helper()
	var got []string
	err := e.View(context.Background(), func(r meta.Reader) error {
		it := r.Iter(m2.All(), meta.PrefixEnd(m2.All()))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			got = append(got, strings.TrimSuffix(string(it.Key()[len(m2.All()):]), "\x00x"))
		}
		return it.Error()
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}
