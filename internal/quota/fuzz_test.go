package quota

import (
	"testing"
	"unicode/utf8"
)

// FuzzLimitsKey: a scope survives the trip through its key, and no key
// read back from the engine (the watch hands any key under the prefix)
// panics the parser.
func FuzzLimitsKey(f *testing.F) {
	f.Add("bucket", "photos", []byte("Q/l/bucket/photos"))
	f.Add("account", "acme", []byte("Q/l/account/a/b"))
	f.Add("bucket", "x", []byte("Q/l/"))
	f.Add("account", "", []byte("Q/g/bucket/b\x00node1"))
	f.Fuzz(func(t *testing.T, kind, name string, raw []byte) {
		scopeOfLimitsKey(raw)
		s := Scope{Kind: kind, Name: name}
		if s.validate() != nil || !utf8.ValidString(name) {
			return
		}
		got, ok := scopeOfLimitsKey(limitsKey(s))
		if !ok || got != s {
			t.Fatalf("%+v came back as %+v (%v)", s, got, ok)
		}
	})
}
