package swift

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/iam"
)

// FuzzListParams: any query parses or is refused, and a parsed one
// keeps its limit in range.
func FuzzListParams(f *testing.F) {
	for _, s := range []string{"format=json&limit=10&marker=a", "delimiter=/&prefix=x&reverse=on", "limit=-1", "end_marker=%ff"} {
		f.Add(s, "application/json")
	}
	f.Fuzz(func(t *testing.T, raw, accept string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		lp, err := parseListParams(q, accept)
		if err != nil {
			return
		}
		if lp.Limit < 0 || lp.Limit > maxListing {
			t.Fatalf("bad params %+v", lp)
		}
		rows := []entry{{Name: "a"}, {Name: lp.Marker}, {Name: lp.Prefix + "z"}}
		if got := lp.page(rows); len(got) > lp.Limit {
			t.Fatalf("page longer than limit")
		}
	})
}

// FuzzSLOManifest: a manifest PUT body parses into well-formed paths or
// is refused.
func FuzzSLOManifest(f *testing.F) {
	f.Add(`[{"path":"/c/o","etag":null,"size_bytes":3}]`)
	f.Add(`[{"path":"c/o","etag":"abc","size_bytes":-1,"range":"1-2"}]`)
	f.Add(`{}`)
	f.Fuzz(func(t *testing.T, body string) {
		in, err := parseSLOPut([]byte(body))
		if err != nil {
			return
		}
		for _, s := range in {
			c, o, ok := strings.Cut(strings.TrimPrefix(s.Path, "/"), "/")
			if !ok || c == "" || o == "" {
				t.Fatalf("accepted path %q", s.Path)
			}
		}
	})
}

// FuzzACL: an ACL that parses cleans to one that parses the same way.
func FuzzACL(f *testing.F) {
	for _, s := range []string{".r:*,.rlistings", "acct:user,.r:-bad.example.com", ".r:", "*:*", " , .bogus"} {
		f.Add(s, "http://www.example.com/x")
	}
	f.Fuzz(func(t *testing.T, s, ref string) {
		a, ok := parseACL(s)
		if !ok {
			return
		}
		c, ok := cleanACL(s)
		if !ok {
			t.Fatalf("parsed but not cleaned: %q", s)
		}
		b, ok := parseACL(c)
		if !ok || b.listings != a.listings || len(b.referrers) != len(a.referrers) || len(b.groups) != len(a.groups) {
			t.Fatalf("clean changed %q to %q", s, c)
		}
		if a.referrerAllowed(ref) != b.referrerAllowed(ref) {
			t.Fatalf("referrer decision changed")
		}
		a.groupAllowed(&iam.Principal{Account: iam.Account{Name: "acct"}})
	})
}

// FuzzArchivePath: a tar member maps to a container and a non-empty
// object name, or is skipped.
func FuzzArchivePath(f *testing.F) {
	for _, s := range []string{"c/o", "./c/d/o", "/c/", "c", "../../etc/passwd"} {
		f.Add("", s)
		f.Add("base/pre", s)
	}
	f.Fuzz(func(t *testing.T, base, name string) {
		c, o, ok := archivePath(base, name)
		if ok && (c == "" || o == "" || strings.Contains(c, "/") || len(o) > maxNameBytes) {
			t.Fatalf("archivePath(%q, %q) = %q, %q", base, name, c, o)
		}
	})
}

// FuzzToken: no forged token opens; a real one round-trips.
func FuzzToken(f *testing.F) {
	s, err := iam.NewSealer([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		f.Fatal(err)
	}
	h := New(Config{Sealer: s})
	exp := time.Unix(2000000000, 0)
	real := h.issueToken("AKEXAMPLE", exp)
	f.Add(real)
	f.Add("AUTH_tkAAAA")
	f.Fuzz(func(t *testing.T, tok string) {
		key, when, err := h.openToken(tok)
		if err != nil {
			return
		}
		if key != "AKEXAMPLE" || !when.Equal(exp) {
			t.Fatalf("forged token opened: %q -> %q %v", tok, key, when)
		}
	})
}

// FuzzRange: a parsed range lies inside the object.
func FuzzRange(f *testing.F) {
	for _, s := range []string{"bytes=0-0", "bytes=-5", "bytes=3-", "bytes=5-2", "bytes=1-2,4-5"} {
		f.Add(s, int64(10))
	}
	f.Fuzz(func(t *testing.T, s string, size int64) {
		if size < 0 {
			return
		}
		r, err := parseRange(s, size)
		if err != nil || r == nil {
			return
		}
		if r.Start < 0 || r.End >= size || r.Start > r.End {
			t.Fatalf("parseRange(%q, %d) = %+v", s, size, r)
		}
	})
}
