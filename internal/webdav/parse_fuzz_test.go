package webdav

import (
	"strings"
	"testing"
	"time"
)

// FuzzRequestParsers feeds the parsers of what a client sends (LOCK
// bodies, Timeout and If headers, PROPFIND bodies, lock tokens) and of
// the lock records read back: none may panic, and a token we make names
// its resource again.
func FuzzRequestParsers(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner>me</D:owner></D:lockinfo>`), "Second-600, Infinite", "(<opaquelocktoken:x>) (Not <DAV:no-lock>)")
	f.Add([]byte(`<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>`), "Infinite", "<http://h/p> (<a> [\"e\"])")
	f.Add([]byte(`[{"token":"t","root":"/b/x","expires":1}]`), "Second-x", "")
	f.Fuzz(func(t *testing.T, body []byte, timeout, ifHeader string) {
		parseLockInfo(body)
		onlyLiveProps(body)
		emptyNamespace(body)
		parseLocks(body, "/b/x", time.Unix(0, 0))
		parseTimeout(timeout)
		tokenRoot(ifHeader)
		ifToken(ifHeader)
		if got := absoluteTags(ifHeader, "h:1"); !strings.Contains(ifHeader, "</") && got != ifHeader {
			t.Fatalf("absoluteTags changed %q to %q", ifHeader, got)
		}
		name := "/b/" + strings.Trim(timeout, "/")
		if !strings.Contains(name, "//") && !strings.Contains(name, "/.") && !strings.HasSuffix(name, "/") {
			if got := tokenRoot(newToken(name)); got != name {
				t.Fatalf("token of %q names %q", name, got)
			}
		}
	})
}
