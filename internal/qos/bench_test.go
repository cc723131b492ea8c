package qos

import (
	"fmt"
	"testing"
)

// BenchmarkAdmit measures the hot path: no limit at all, a request whose
// account and bucket have none among 1,000 limited accounts, and one
// counted against an account and a bucket limit.
func BenchmarkAdmit(b *testing.B) {
	l, _ := newLimiter(b)
	b.Run("none", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l.Admit("alice", "photos", false, true)
		}
	})
	for i := range 1000 {
		l.Apply(fmt.Appendf(nil, "Q/a/acct%d", i), []byte(`{"requests_per_sec":1e9}`))
	}
	b.Run("unlimited-scope", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l.Admit("alice", "photos", false, true)
		}
	})
	l.Apply([]byte("Q/a/alice"), []byte(`{"requests_per_sec":1e12}`))
	l.Apply([]byte("Q/b/photos"), []byte(`{"requests_per_sec":1e12}`))
	b.Run("account+bucket", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := l.Admit("alice", "photos", false, true); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("account+bucket-parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Admit("alice", "photos", false, true)
			}
		})
	})
}
