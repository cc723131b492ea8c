package meta_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
)

// eachEngineForm runs f as two subtests on a fresh pebble store: once as
// the engine itself (its own optional forms, such as a range deletion)
// and once behind a wrapper that hides them, so that the meta package's
// transaction fallbacks run.
func eachEngineForm(t *testing.T, own, fallback string, f func(t *testing.T, e meta.Engine)) {
	for _, c := range []struct {
		name string
		wrap func(meta.Engine) meta.Engine
	}{
		{own, func(e meta.Engine) meta.Engine { return e }},
		{fallback, func(e meta.Engine) meta.Engine { return struct{ meta.Engine }{e} }},
	} {
		t.Run(c.name, func(t *testing.T) {
			pe, err := metapebble.Open(filepath.Join(t.TempDir(), "meta"), metapebble.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer pe.Close()
			f(t, c.wrap(pe))
		})
	}
}

// keysOf returns every key of e, in order.
func keysOf(t *testing.T, e meta.Engine) []string {
	t.Helper()
	var keys []string
	err := e.View(context.Background(), func(r meta.Reader) error {
		it := r.Iter(nil, nil)
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			keys = append(keys, string(it.Key()))
		}
		return it.Error()
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys
}
