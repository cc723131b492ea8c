package webdav

import (
	"encoding/xml"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	xwebdav "golang.org/x/net/webdav"
)

// serveLock answers LOCK (RFC 4918 §9.10) itself: x/net/webdav refuses
// shared locks, which litmus and Office clients use.
func serveLock(w *statusWriter, r *http.Request, ls *lockSystem) {
	now := time.Now()
	duration, ok := parseTimeout(r.Header.Get("Timeout"))
	if !ok {
		http.Error(w, "bad Timeout", http.StatusBadRequest)
		return
	}
	body, err := readAllLimit(r.Body, 1<<20)
	if err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	name := path.Clean("/" + r.URL.Path)
	var rec lockRecord
	if len(strings.TrimSpace(string(body))) == 0 {
		// A refresh: the If header names the lock.
		token := ifToken(r.Header.Get("If"))
		if token == "" {
			http.Error(w, "a lock refresh needs the lock's token in If", http.StatusBadRequest)
			return
		}
		if rec, err = ls.refresh(now, token, duration); err != nil {
			http.Error(w, "no such lock", http.StatusPreconditionFailed)
			return
		}
	} else {
		li, ok := parseLockInfo(body)
		if !ok {
			http.Error(w, "bad lockinfo", http.StatusBadRequest)
			return
		}
		depth := r.Header.Get("Depth")
		if depth != "" && depth != "0" && depth != "infinity" {
			http.Error(w, "bad Depth", http.StatusBadRequest)
			return
		}
		d := xwebdav.LockDetails{Root: name, Duration: duration, OwnerXML: li.Owner.InnerXML, ZeroDepth: depth == "0"}
		rec, err = ls.take(now, d, li.Shared != nil)
		switch {
		case err == xwebdav.ErrLocked:
			http.Error(w, "Locked", xwebdav.StatusLocked)
			return
		case err != nil:
			w.WriteHeader(http.StatusInternalServerError) // rewritten from the errno
			return
		}
		w.Header().Set("Lock-Token", "<"+rec.Token+">")
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	if w.lockCreated {
		w.WriteHeader(http.StatusCreated)
	}
	fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?>`+"\n"+`<D:prop xmlns:D="DAV:"><D:lockdiscovery>%s</D:lockdiscovery></D:prop>`, activeLock(rec))
}

// activeLock is a lock as DAV:activelock.
func activeLock(r lockRecord) string {
	scope, depth, timeout := "exclusive", "infinity", "Infinite"
	if r.Shared {
		scope = "shared"
	}
	if r.Depth0 {
		depth = "0"
	}
	if r.Duration >= 0 {
		timeout = "Second-" + strconv.FormatInt(r.Duration/int64(time.Second), 10)
	}
	owner := ""
	if r.Owner != "" {
		owner = "<D:owner>" + r.Owner + "</D:owner>"
	}
	return fmt.Sprintf(`<D:activelock><D:locktype><D:write/></D:locktype><D:lockscope><D:%s/></D:lockscope>`+
		`<D:depth>%s</D:depth>%s<D:timeout>%s</D:timeout><D:locktoken><D:href>%s</D:href></D:locktoken>`+
		`<D:lockroot><D:href>%s</D:href></D:lockroot></D:activelock>`,
		scope, depth, owner, timeout, html.EscapeString(r.Token), (&url.URL{Path: r.Root}).EscapedPath())
}

type lockInfo struct {
	XMLName   xml.Name  `xml:"DAV: lockinfo"`
	Exclusive *struct{} `xml:"DAV: lockscope>exclusive"`
	Shared    *struct{} `xml:"DAV: lockscope>shared"`
	Write     *struct{} `xml:"DAV: locktype>write"`
	Owner     struct {
		InnerXML string `xml:",innerxml"`
	} `xml:"DAV: owner"`
}

func parseLockInfo(b []byte) (lockInfo, bool) {
	var li lockInfo
	if xml.Unmarshal(b, &li) != nil || li.Write == nil || (li.Exclusive == nil) == (li.Shared == nil) {
		return li, false
	}
	return li, true
}

// parseTimeout reads a Timeout header: its first value we understand
// ("Infinite" or "Second-N"); none is infinite (-1).
func parseTimeout(s string) (time.Duration, bool) {
	if s == "" {
		return -1, true
	}
	for _, v := range strings.Split(s, ",") {
		v = strings.TrimSpace(v)
		if v == "Infinite" {
			return -1, true
		}
		if n, ok := strings.CutPrefix(v, "Second-"); ok {
			sec, err := strconv.ParseUint(n, 10, 32)
			if err != nil {
				return 0, false
			}
			return time.Duration(sec) * time.Second, true
		}
	}
	return 0, false
}

var ifTokenRE = regexp.MustCompile(`<([^>]*)>`)

// ifToken is the first lock token of an If header (a refresh names one).
func ifToken(h string) string {
	for _, m := range ifTokenRE.FindAllStringSubmatch(h, -1) {
		if strings.HasPrefix(m[1], tokenPrefix) {
			return m[1]
		}
	}
	return ""
}

// absoluteTags makes the resource tags of an If header absolute URLs on
// host: clients may send "</bucket/file> (<token>)", which x/net/webdav
// would skip as naming another server. Tags are the Coded-URLs outside
// parentheses; tokens inside them are left alone.
func absoluteTags(h, host string) string {
	if !strings.Contains(h, "</") {
		return h
	}
	var b strings.Builder
	depth := 0
	for i := 0; i < len(h); i++ {
		switch c := h[i]; {
		case c == '(':
			depth++
		case c == ')':
			depth = max(depth-1, 0)
		case c == '<' && depth == 0 && i+1 < len(h) && h[i+1] == '/':
			b.WriteString("<http://" + host)
			continue
		}
		b.WriteByte(h[i])
	}
	return b.String()
}
