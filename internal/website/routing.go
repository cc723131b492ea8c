package website

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Match returns the first routing rule that applies to key, or nil.
// Before the key is looked up, code is 0 and only rules without an error
// condition can match; after a failed lookup, code is its status and only
// rules naming that status can (prefix-only rules were tried already).
func (c *Document) Match(key string, code int) *RoutingRule {
	if c.Rules == nil {
		return nil
	}
	for i := range c.Rules.Rules {
		r := &c.Rules.Rules[i]
		if r.matches(key, code) {
			return r
		}
	}
	return nil
}

func (r *RoutingRule) matches(key string, code int) bool {
	cond := r.Condition
	if cond == nil {
		return code == 0
	}
	if cond.HttpErrorCodeReturnedEquals == "" {
		if code != 0 {
			return false
		}
	} else if cond.HttpErrorCodeReturnedEquals != strconv.Itoa(code) {
		return false
	}
	return cond.KeyPrefixEquals == nil || strings.HasPrefix(key, *cond.KeyPrefixEquals)
}

// target is where a request came from: what a redirect keeps when the
// rule does not replace it.
type target struct {
	proto string // "http" or "https"
	host  string // the Host header
	base  string // the path before the key: "/" virtual-host style, "/BUCKET/" path-style
}

// location is the rule's redirect of key from t, and its status.
func (r *RoutingRule) location(key string, t target) (string, int) {
	d := r.Redirect
	newKey := key
	switch {
	case d.ReplaceKeyWith != nil:
		newKey = *d.ReplaceKeyWith
	case d.ReplaceKeyPrefixWith != nil:
		prefix := ""
		if r.Condition != nil && r.Condition.KeyPrefixEquals != nil {
			prefix = *r.Condition.KeyPrefixEquals
		}
		newKey = *d.ReplaceKeyPrefixWith + strings.TrimPrefix(key, prefix)
	}
	code := http.StatusMovedPermanently
	if d.HttpRedirectCode != "" {
		code, _ = strconv.Atoi(d.HttpRedirectCode) // checked by ParseConfig
	}
	return redirectURL(d.Protocol, d.HostName, newKey, t), code
}

// redirectURL is proto://host/key, each part the request's when empty.
// Another host gets the key at its root; the same host keeps the base.
func redirectURL(proto, host, key string, t target) string {
	path := "/" + key
	if host == "" {
		host, path = t.host, t.base+key
	}
	if proto == "" {
		proto = t.proto
	}
	u := url.URL{Scheme: proto, Host: host, Path: path}
	return u.String()
}
