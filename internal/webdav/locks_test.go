package webdav

import (
	"encoding/json"
	"testing"
	"time"
)

// TestLockRecords: a record counts only on the path it was taken on (a
// MOVE carries the attribute, not the lock) and until it expires.
func TestLockRecords(t *testing.T) {
	now := time.Unix(1000, 0)
	v, _ := json.Marshal([]lockRecord{
		{Token: newToken("/b/x"), Root: "/b/x", Expires: now.Add(time.Second).UnixNano()},
		{Token: newToken("/b/x"), Root: "/b/x", Expires: now.Add(-time.Second).UnixNano()},
		{Token: newToken("/b/old"), Root: "/b/old"},
		{Token: newToken("/b/x"), Root: "/b/x", Shared: true},
	})
	got := parseLocks(v, "/b/x", now)
	if len(got) != 2 || got[0].Expires == 0 || !got[1].Shared {
		t.Fatalf("live locks on /b/x: %+v", got)
	}
	if got := parseLocks(v, "/b/x", now.Add(time.Hour)); len(got) != 1 || !got[0].Shared {
		t.Fatalf("an hour later: %+v", got)
	}
	if r := got[0]; !r.covers("/b/x/y") || r.covers("/b/xy") || r.covers("/b") {
		t.Fatalf("depth-infinity cover is wrong")
	}
	if r := (lockRecord{Root: "/b/x", Depth0: true}); r.covers("/b/x/y") || !r.covers("/b/x") {
		t.Fatalf("depth-0 cover is wrong")
	}
	for _, name := range []string{"/b/x", "/b/a b/ü>?#%.txt"} {
		if got := tokenRoot(newToken(name)); got != name {
			t.Fatalf("token of %q names %q", name, got)
		}
	}
	for in, want := range map[string]string{
		"(<opaquelocktoken:a>)":                   "(<opaquelocktoken:a>)",
		"</b/f> (<opaquelocktoken:a>)":            "<http://h:1/b/f> (<opaquelocktoken:a>)",
		"<http://h:1/b/f> (<t>) </b/g> (Not <t>)": "<http://h:1/b/f> (<t>) <http://h:1/b/g> (Not <t>)",
	} {
		if got := absoluteTags(in, "h:1"); got != want {
			t.Errorf("absoluteTags(%q) = %q, want %q", in, got, want)
		}
	}
}
