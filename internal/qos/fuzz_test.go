package qos

import (
	"testing"
)

// FuzzParseScope: any text parses or is refused, never panics, and what
// parses prints back as itself and has a key that maps back to it.
func FuzzParseScope(f *testing.F) {
	for _, s := range []string{"account/alice", "bucket/photos", "cluster", "cluster/x", "tenant/a", "account/", "account/a/b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sc, err := ParseScope(s)
		if err != nil {
			return
		}
		if sc.String() != s {
			t.Fatalf("ParseScope(%q).String() = %q", s, sc.String())
		}
		back, ok := keyScope(scopeKey(sc))
		if !ok || back != sc {
			t.Fatalf("key of %v maps back to %v, %v", sc, back, ok)
		}
	})
}

// FuzzApply: a change feed entry of any key and value never panics, and
// leaves the limiter admitting or refusing without error otherwise.
func FuzzApply(f *testing.F) {
	f.Add([]byte("Q/a/alice"), []byte(`{"requests_per_sec":1,"burst":2}`))
	f.Add([]byte("Q/b/photos"), []byte(`{"bytes_in_per_sec":100,"bytes_out_per_sec":5}`))
	f.Add([]byte("Q/c"), []byte(`{"requests_per_sec":-1}`))
	f.Add([]byte("Q/x"), []byte(`nonsense`))
	f.Add([]byte("Q/a/"), []byte(nil))
	l, _ := newLimiter(f)
	f.Fuzz(func(t *testing.T, key, value []byte) {
		l.Apply(key, value)
		if tk, err := l.Admit("alice", "photos", true, true); err == nil {
			tk.WaitIn(10)
			tk.WaitOut(10)
		} else if !IsRefusal(err) {
			t.Fatalf("Admit: %v", err)
		}
		l.Apply(key, nil)
	})
}
