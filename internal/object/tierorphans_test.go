package object

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

func TestParseTierKey(t *testing.T) {
	id := string(strata.NewChunkID())
	for _, tc := range []struct {
		in          string
		bucket, key string
		ok          bool
	}{
		{"b/k/v1/" + id, "b", "k", true},
		{"b/dir/sub/k/v1/" + id, "b", "dir/sub/k", true},
		{"b/k//v1/" + id, "b", "k/", true}, // keys may end in /
		{"b/k/v1/notachunk", "", "", false},
		{"b/v1/" + id, "", "", false}, // no key
		{"/k/v1/" + id, "", "", false},
		{"b/k//" + id, "", "", false}, // no version
		{"notes.txt", "", "", false},
		{"", "", "", false},
	} {
		b, k, ok := parseTierKey(tc.in)
		if b != tc.bucket || k != tc.key || ok != tc.ok {
			t.Errorf("parseTierKey(%q) = %q %q %v, want %q %q %v", tc.in, b, k, ok, tc.bucket, tc.key, tc.ok)
		}
	}
}

func FuzzParseTierKey(f *testing.F) {
	f.Add("b/k/v1/" + string(strata.NewChunkID()))
	f.Add("b//x//")
	f.Fuzz(func(t *testing.T, in string) {
		b, k, ok := parseTierKey(in)
		if !ok {
			return
		}
		if b == "" || strings.Contains(b, "/") || k == "" || !strings.HasPrefix(in, b+"/"+k+"/") {
			t.Fatalf("parseTierKey(%q) = %q %q", in, b, k)
		}
	})
}

// memTier is an in-memory remote tier (keys in order) for the collector's
// own tests; cancelAt cancels the collection when the listing reaches it.
type memTier struct {
	keys     map[string]time.Time
	cancelAt string
	cancel   context.CancelFunc
}

func (m *memTier) Remote(context.Context, string) (TierRemote, error) { return m, nil }
func (m *memTier) Names(context.Context) ([]string, error)            { return []string{"mem"}, nil }
func (m *memTier) Put(context.Context, string, io.Reader, int64) (int64, error) {
	return 0, strata.Errorf("memTier", strata.Invalid, "read-only")
}
func (m *memTier) Open(context.Context, string, int64, int64) (io.ReadCloser, error) {
	return nil, strata.Errorf("memTier", strata.NotExist, "no data")
}
func (m *memTier) Delete(_ context.Context, k string) error { delete(m.keys, k); return nil }
func (m *memTier) List(ctx context.Context, after string, fn func(string, int64, time.Time) error) error {
	keys := slices.Sorted(maps.Keys(m.keys))
	for _, k := range keys {
		if k <= after {
			continue
		}
		if k == m.cancelAt {
			m.cancel()
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(k, 10, m.keys[k]); err != nil {
			return err
		}
	}
	return nil
}

// TestTierOrphansResume: a collection stopped part way resumes after the
// last saved listing position, and a finished pass starts over.
func TestTierOrphansResume(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	old := time.Now().Add(-2 * time.Hour)
	m := &memTier{keys: map[string]time.Time{"b/ghost/null/" + string(strata.NewChunkID()): old}}
	for i := range 1500 {
		m.keys[fmt.Sprintf("x/%04d", i)] = old // not named as tiered writes: foreign
	}
	e.svc.SetTiers(m)
	cctx, cancel := context.WithCancel(ctx)
	m.cancelAt, m.cancel = "x/1200", cancel
	rep := e.svc.collectTierOrphans(cctx, time.Now().Add(-time.Hour))
	if rep.Deleted != 1 || rep.Errors != 1 || rep.Scanned != 1201 {
		t.Fatalf("interrupted collection: %+v", rep)
	}
	m.cancelAt = ""
	// The 1,000th key listed was x/0998: the next pass starts after it.
	if rep = e.svc.collectTierOrphans(ctx, time.Now().Add(-time.Hour)); rep.Scanned != 501 || rep.Foreign != 501 || rep.Errors != 0 {
		t.Fatalf("resumed collection: %+v", rep)
	}
	if rep = e.svc.collectTierOrphans(ctx, time.Now().Add(-time.Hour)); rep.Scanned != 1500 || rep.Deleted != 0 {
		t.Fatalf("collection after a finished pass: %+v", rep)
	}
}
