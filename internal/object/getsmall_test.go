package object

import (
	"bytes"
	"io"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// BucketConfigs returns the documents a bucket has, and only the ones
// asked for, from among other configuration documents.
func TestBucketConfigsWalk(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	for _, n := range []string{"acl", "cors", "lifecycle", "policy", "policyStatus", "website"} {
		if err := e.svc.PutBucketConfig(ctx, "b", n, []byte("doc "+n)); err != nil {
			t.Fatal(err)
		}
	}
	docs, err := e.svc.BucketConfigs(ctx, "b", "policy", "publicAccessBlock", "ownershipControls", "acl", "lifecycle")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"policy": "doc policy", "acl": "doc acl", "lifecycle": "doc lifecycle"}
	if len(docs) != len(want) {
		t.Fatalf("got %d documents, want %d: %q", len(docs), len(want), docs)
	}
	for n, d := range want {
		if string(docs[n]) != d {
			t.Fatalf("%s: got %q, want %q", n, docs[n], d)
		}
	}
}

// A read never sees a stale record from the read cache, and what a
// caller changes in the info it got does not reach the next reader.
func TestReadCacheNeverStale(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	for round := range 3 {
		body := data(4096, int64(round))
		if _, err := e.svc.PutObject(ctx, "b", "k", bytes.NewReader(body), PutOptions{Size: 4096, UserMeta: map[string]string{"r": keyN(round)}}); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			info, rc, err := e.svc.GetObject(ctx, "b", "k", GetOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(rc)
			rc.Close()
			if !bytes.Equal(got, body) || info.UserMeta["r"] != keyN(round) {
				t.Fatalf("round %d: stale read (meta %q)", round, info.UserMeta)
			}
			info.UserMeta["r"] = "changed by a caller"
		}
	}
	if _, err := e.svc.DeleteObject(ctx, "b", "k", ""); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.svc.GetObject(ctx, "b", "k", GetOptions{}); !strata.Is(err, strata.NotExist) {
		t.Fatalf("after delete: got %v, want NotExist", err)
	}
	// The cache stays within its bound.
	var c readCache
	for i := range 3 * readCacheBytes / (32 << 10) {
		c.put(keyN(i)+string(rune(i)), cachedRecord{raw: make([]byte, 32<<10), rec: &record{}})
	}
	if c.bytes > readCacheBytes || len(c.m) == 0 {
		t.Fatalf("cache holds %d bytes in %d entries, bound %d", c.bytes, len(c.m), readCacheBytes)
	}
}

// A record is kept from its key's second read: a key read once (as most
// are when reads spread over millions of keys) costs the cache nothing.
func TestReadCacheKeepsKeysReadTwice(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	for _, k := range []string{"once", "twice"} {
		if _, err := e.svc.PutObject(ctx, "b", k, bytes.NewReader([]byte(k)), PutOptions{Size: int64(len(k))}); err != nil {
			t.Fatal(err)
		}
	}
	entries := func() int {
		e.svc.recs.mu.Lock()
		defer e.svc.recs.mu.Unlock()
		return len(e.svc.recs.m)
	}
	head := func(k string) {
		if info, err := e.svc.HeadObject(ctx, "b", k, GetOptions{}); err != nil || info.Size != int64(len(k)) {
			t.Fatalf("head %s: %v, size %d", k, err, info.Size)
		}
	}
	n0 := entries()
	head("once")
	head("twice")
	if n := entries(); n != n0 {
		t.Fatalf("%d records kept after one read of each key, want %d", n, n0)
	}
	head("twice")
	head("twice")
	if n := entries(); n != n0+1 {
		t.Fatalf("%d records kept after the second read of a key, want %d", n, n0+1)
	}
}

// BenchmarkGetSmall is the object service's share of a 4 KiB GET: the
// bucket's authorization documents, then the object (inline in its
// record). The "lookups" case reads the documents one lookup per name, as
// before readConfigs; "walk-uncached" empties the read cache before each
// GET, so that the record is decoded each time, as before readCache.
func BenchmarkGetSmall(b *testing.B) {
	e := newEnv(b, 1, "SINGLE")
	body := data(4096, 1)
	for i := range 100 {
		if _, err := e.svc.PutObject(ctx, "b", keyN(i), bytes.NewReader(body), PutOptions{Size: 4096}); err != nil {
			b.Fatal(err)
		}
	}
	names := []string{"policy", "publicAccessBlock", "ownershipControls", "acl", "lifecycle"}
	lookups := func() {
		_, eng, m2, err := e.svc.bucket(ctx, "b")
		if err != nil {
			b.Fatal(err)
		}
		eng.View(ctx, func(r meta.Reader) error {
			for _, n := range names {
				if _, err := r.Get(m2.Config(n)); err != nil && !strata.Is(err, strata.NotExist) {
					return err
				}
			}
			return nil
		})
	}
	for _, way := range []string{"lookups", "walk", "walk-uncached"} {
		b.Run(way, func(b *testing.B) {
			b.ReportAllocs()
			cpu0, i := cpuTime(), 0
			for b.Loop() {
				if way == "lookups" {
					lookups()
				} else if _, err := e.svc.BucketConfigs(ctx, "b", names...); err != nil {
					b.Fatal(err)
				}
				if way == "walk-uncached" { // decode every record, as before readCache
					e.svc.recs.mu.Lock()
					e.svc.recs.m, e.svc.recs.bytes = nil, 0
					e.svc.recs.mu.Unlock()
				}
				_, rc, err := e.svc.GetObject(ctx, "b", keyN(i%100), GetOptions{})
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, rc)
				rc.Close()
				i++
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

func keyN(i int) string { return "obj/" + string(rune('a'+i%26)) + string(rune('a'+i/26)) }
