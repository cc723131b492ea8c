package object

import (
	"strings"
	"testing"

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
