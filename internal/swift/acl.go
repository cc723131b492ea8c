package swift

import (
	"net/url"
	"strings"

	"github.com/strata-storage/strata/internal/iam"
)

// acl is a parsed X-Container-Read or X-Container-Write value: referrer
// rules (.r:), the .rlistings flag, and groups ("account:user",
// "account", "*").
type acl struct {
	referrers []string // ".r:" values in order; "-" prefix denies
	listings  bool
	groups    []string
}

// parseACL reads a comma-separated container ACL; unknown dotted
// elements are refused, as Swift does.
func parseACL(s string) (acl, bool) {
	var a acl
	for _, el := range strings.Split(s, ",") {
		el = strings.TrimSpace(el)
		switch {
		case el == "":
		case el == ".rlistings":
			a.listings = true
		case strings.HasPrefix(el, ".r:") || strings.HasPrefix(el, ".ref:") ||
			strings.HasPrefix(el, ".referer:") || strings.HasPrefix(el, ".referrer:"):
			_, v, _ := strings.Cut(el, ":")
			if v == "" || v == "-" {
				return acl{}, false
			}
			a.referrers = append(a.referrers, v)
		case strings.HasPrefix(el, "."):
			return acl{}, false
		default:
			a.groups = append(a.groups, el)
		}
	}
	return a, true
}

// referrerAllowed applies the .r: rules to a Referer header: the last
// matching rule wins, "*" matches all, ".domain" matches a suffix.
func (a acl) referrerAllowed(referer string) bool {
	host := ""
	if u, err := url.Parse(referer); err == nil {
		host = u.Hostname()
	}
	ok := false
	for _, r := range a.referrers {
		deny := strings.HasPrefix(r, "-")
		r = strings.TrimPrefix(r, "-")
		var match bool
		switch {
		case r == "*":
			match = true
		case strings.HasPrefix(r, "."):
			match = host != "" && (strings.HasSuffix(host, r) || host == r[1:])
		default:
			match = host != "" && host == r
		}
		if match {
			ok = !deny
		}
	}
	return ok
}

// groupAllowed reports whether a group entry names the principal: by
// "account:user" (the user's name or its access key id), "account:*",
// "account", "*:user" or "*".
func (a acl) groupAllowed(p *iam.Principal) bool {
	if p == nil {
		return false
	}
	users := []string{p.Key.ID}
	if p.User != nil {
		users = append(users, p.User.Name)
	}
	for _, g := range a.groups {
		acct, user, hasUser := strings.Cut(g, ":")
		if acct != "*" && acct != p.Account.Name {
			continue
		}
		if !hasUser || user == "*" {
			return true
		}
		for _, u := range users {
			if u == user {
				return true
			}
		}
	}
	return false
}

// cleanACL normalises an ACL for storage, answering false if invalid.
func cleanACL(s string) (string, bool) {
	if _, ok := parseACL(s); !ok {
		return "", false
	}
	parts := strings.Split(s, ",")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ","), true
}
