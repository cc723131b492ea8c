package object

import (
	"bytes"
	"slices"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
)

// readConfigs puts in docs those of the named configuration documents
// the bucket has.
//
// It walks the bucket's configuration keys with one iterator instead of
// looking each name up: every request's authorization asks for five
// documents, most buckets have none or few, and in pebble a lookup of a
// missing key is a seek of its own in every memtable and level. A bucket
// has a handful of configuration documents at most, so the walk is short.
func readConfigs(r meta.Reader, m2 directory.Meta2, names []string, docs map[string][]byte) error {
	lo := m2.Config("")
	it := r.Iter(lo, meta.PrefixEnd(lo))
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		k := it.Key()
		if !bytes.HasPrefix(k, lo) {
			continue
		}
		if n := string(k[len(lo):]); slices.Contains(names, n) {
			docs[n] = bytes.Clone(it.Value())
		}
	}
	return it.Error()
}
