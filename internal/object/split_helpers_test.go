package object

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/strata"
)

// keyedKinds are the kinds of record a split moves as spans ordered by
// object key; the split tests write one of each per key, as
// kind+key+"\x00x".
var keyedKinds = []string{"o/", "v/", "u/", "i/", "q/", "A/p/"}

// splitTestStore opens a pebble store for a split test and returns it
// with the Meta2 of each sub-container of bucket "b" of account "a".
func splitTestStore(t *testing.T) (*metapebble.Engine, func(sub string) directory.Meta2) {
	e, err := metapebble.Open(filepath.Join(t.TempDir(), "m"), metapebble.Options{CacheSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	c := directory.Container{Name: "b", ID: strata.NewContainerID("a", "b"), Shard: "0"}
	return e, func(sub string) directory.Meta2 {
		return c.Meta2Of(directory.Range{Shard: "0", Sub: strata.NewContainerID("a", sub)})
	}
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
