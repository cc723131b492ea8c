package webdav_test

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/testenv"
)

var tokenRE = regexp.MustCompile(`<D:href>(opaquelocktoken:[^<]+)</D:href>`)

// lock takes a lock and returns its token.
func (c *client) lock(status int, p, scope string, hdr ...string) string {
	c.t.Helper()
	h, body := c.want(status, "LOCK", p, lockBody(scope), hdr...)
	tok := strings.Trim(h.Get("Lock-Token"), "<>")
	if m := tokenRE.FindStringSubmatch(body); m == nil || m[1] != tok || tok == "" {
		c.t.Fatalf("LOCK %s: token %q, body %s", p, tok, body)
	}
	return tok
}

// TestWindowsClient replays what Windows' mini-redirector does: OPTIONS
// on / before credentials, PROPFIND Depth 1 on the root with Win32
// properties, a 0-byte PUT, then LOCK, PROPPATCH of the Win32 times and
// the real PUT under the lock, and UNLOCK; and Office's LOCK of a new
// name before its PUT.
func TestWindowsClient(t *testing.T) {
	n, base := node(t, "dav")
	anon := newClient(t, base, "", "")
	anon.agent = "Microsoft-WebDAV-MiniRedir/10.0.19045"
	if h, _ := anon.want(200, "OPTIONS", "/", ""); !strings.Contains(h.Get("DAV"), "2") || h.Get("MS-Author-Via") != "DAV" {
		t.Fatalf("OPTIONS /: %v", h)
	}
	anon.want(401, "PROPFIND", "/", "", "Depth", "0")
	c := newClient(t, base, testenv.AccessKey, testenv.SecretKey)
	c.agent = anon.agent
	c.want(200, "OPTIONS", "/", "")
	win32 := `<?xml version="1.0" encoding="utf-8" ?><D:propfind xmlns:D="DAV:"><D:prop><D:creationdate/><D:displayname/><D:getcontentlength/><D:getlastmodified/><D:resourcetype/><Z:Win32FileAttributes xmlns:Z="urn:schemas-microsoft-com:"/></D:prop></D:propfind>`
	if _, b := c.want(207, "PROPFIND", "/", win32, "Depth", "1"); !strings.Contains(b, "<D:href>/dav/</D:href>") {
		t.Fatalf("root listing: %s", b)
	}
	c.want(207, "PROPFIND", "/dav/", win32, "Depth", "1")

	// Explorer: New > Text Document, then save.
	c.want(404, "PROPFIND", "/dav/New Text Document.txt", win32, "Depth", "0")
	c.want(201, "PUT", "/dav/New Text Document.txt", "")
	tok := c.lock(200, "/dav/New Text Document.txt", "exclusive", "Timeout", "Second-3600", "Depth", "0")
	if_ := "(<" + tok + ">)"
	c.want(207, "PROPPATCH", "/dav/New Text Document.txt", `<?xml version="1.0" encoding="utf-8" ?><D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:schemas-microsoft-com:"><D:set><D:prop><Z:Win32CreationTime>Tue, 01 Dec 2026 03:00:00 GMT</Z:Win32CreationTime><Z:Win32LastModifiedTime>Tue, 01 Dec 2026 03:00:00 GMT</Z:Win32LastModifiedTime><Z:Win32FileAttributes>00000020</Z:Win32FileAttributes></D:prop></D:set></D:propertyupdate>`, "If", if_)
	c.want(423, "PUT", "/dav/New Text Document.txt", "no token") // another client
	c.want(204, "PUT", "/dav/New Text Document.txt", "saved from notepad", "If", if_)
	if _, b := c.want(200, "LOCK", "/dav/New Text Document.txt", "", "If", if_, "Timeout", "Infinite"); !strings.Contains(b, "Second-86400") {
		t.Fatalf("an infinite refresh is not capped at a day: %s", b) // a dead client's lock ends
	}
	c.want(204, "UNLOCK", "/dav/New Text Document.txt", "", "Lock-Token", "<"+tok+">")
	if got := s3Get(t, n, "dav", "New Text Document.txt"); got != "saved from notepad" {
		t.Fatalf("S3 reads %q", got)
	}
	if _, b := c.want(207, "PROPFIND", "/dav/New Text Document.txt", win32, "Depth", "0"); !strings.Contains(b, "00000020") {
		t.Fatalf("Win32 attributes lost: %s", b)
	}

	// Office: LOCK a name that does not exist yet, then PUT under it.
	tok = c.lock(201, "/dav/Report.docx", "exclusive", "Timeout", "Second-180")
	c.want(204, "PUT", "/dav/Report.docx", "docx bytes", "If", "<"+base+"/dav/Report.docx> (<"+tok+">)")
	c.want(204, "PUT", "/dav/Report.docx", "docx bytes", "If", "</dav/Report.docx> (<"+tok+">)") // a relative tag
	c.want(204, "UNLOCK", "/dav/Report.docx", "", "Lock-Token", "<"+tok+">")
	c.want(201, "PUT", "/dav/free.txt", "x") // and a name never locked is free
	if got := s3Get(t, n, "dav", "Report.docx"); got != "docx bytes" {
		t.Fatalf("S3 reads %q", got)
	}
}

// TestFinderClient replays macOS Finder (WebDAVFS): quota properties, the
// AppleDouble "._" companion file, LOCK, a chunked PUT with
// X-Expected-Entity-Length under the lock, UNLOCK.
func TestFinderClient(t *testing.T) {
	n, base := node(t, "dav")
	c := newClient(t, base, testenv.AccessKey, testenv.SecretKey)
	c.agent = "WebDAVFS/3.0.0 (03008000) Darwin/22.1.0 (arm64)"
	c.want(207, "PROPFIND", "/dav/", `<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:quota-available-bytes/><D:quota-used-bytes/></D:prop></D:propfind>`, "Depth", "0")
	c.want(404, "PROPFIND", "/dav/._photo.jpg", "", "Depth", "0")
	c.want(201, "PUT", "/dav/._photo.jpg", strings.Repeat("\x00", 4096))
	tok := c.lock(201, "/dav/photo.jpg", "exclusive", "Timeout", "Second-600", "Depth", "0")

	body := strings.Repeat("jpeg", 64<<10)
	req, _ := http.NewRequestWithContext(ctx, "PUT", base+"/dav/photo.jpg", io.MultiReader(strings.NewReader(body)))
	req.SetBasicAuth(testenv.AccessKey, testenv.SecretKey)
	req.Header.Set("User-Agent", c.agent)
	req.Header.Set("X-Expected-Entity-Length", "262144")
	req.Header.Set("If", "(<"+tok+">)")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 204 || len(resp.TransferEncoding) != 0 && resp.TransferEncoding[0] != "chunked" {
		t.Fatalf("chunked PUT: %d", resp.StatusCode)
	}
	c.want(204, "UNLOCK", "/dav/photo.jpg", "", "Lock-Token", "<"+tok+">")
	if got := s3Get(t, n, "dav", "photo.jpg"); got != body {
		t.Fatalf("S3 reads %d bytes, want %d", len(got), len(body))
	}
	if got := s3Get(t, n, "dav", "._photo.jpg"); len(got) != 4096 {
		t.Fatalf("AppleDouble file: %d bytes", len(got))
	}
	c.want(204, "DELETE", "/dav/._photo.jpg", "")
}
