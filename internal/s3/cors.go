package s3

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
)

type corsConfiguration struct {
	Rules []corsRule `xml:"CORSRule"`
}

type corsRule struct {
	AllowedOrigins []string `xml:"AllowedOrigin"`
	AllowedMethods []string `xml:"AllowedMethod"`
	AllowedHeaders []string `xml:"AllowedHeader"`
	ExposeHeaders  []string `xml:"ExposeHeader"`
	MaxAgeSeconds  int      `xml:"MaxAgeSeconds"`
}

func parseCORS(doc []byte) (corsConfiguration, error) {
	var c corsConfiguration
	if xml.Unmarshal(doc, &c) != nil {
		return c, errMalformedXML
	}
	for _, r := range c.Rules {
		if len(r.AllowedOrigins) == 0 || len(r.AllowedMethods) == 0 {
			return c, errMalformedXML
		}
		for _, m := range r.AllowedMethods {
			switch m {
			case "GET", "PUT", "POST", "DELETE", "HEAD":
			default:
				return c, errInvalidRequest("Found unsupported HTTP method in CORS config. Unsupported method is " + m)
			}
		}
	}
	return c, nil
}

func wildMatch(pattern, s string) bool {
	if pattern == "*" {
		return true
	}
	before, after, ok := strings.Cut(pattern, "*")
	if !ok {
		return pattern == s
	}
	return len(s) >= len(before)+len(after) && strings.HasPrefix(s, before) && strings.HasSuffix(s, after)
}

// matchCORS finds the rule for an origin and method (and request headers).
func (rq *request) matchCORS(origin, method string, headers []string) *corsRule {
	doc, err := rq.h.svc.GetBucketConfig(rq.r.Context(), rq.bucket, "cors")
	if err != nil {
		return nil
	}
	c, err := parseCORS(doc)
	if err != nil {
		return nil
	}
	for i, r := range c.Rules {
		if !anyMatch(r.AllowedOrigins, origin) || !contains(r.AllowedMethods, method) {
			continue
		}
		ok := true
		for _, h := range headers {
			if h = strings.TrimSpace(strings.ToLower(h)); h != "" && !anyMatch(lower(r.AllowedHeaders), h) {
				ok = false
			}
		}
		if ok {
			return &c.Rules[i]
		}
	}
	return nil
}

func anyMatch(patterns []string, s string) bool {
	for _, p := range patterns {
		if wildMatch(p, s) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func lower(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = strings.ToLower(s)
	}
	return out
}

// preflight answers an OPTIONS request from the bucket's CORS rules.
func (rq *request) preflight() {
	origin := rq.r.Header.Get("Origin")
	method := rq.r.Header.Get("Access-Control-Request-Method")
	if origin == "" || method == "" {
		rq.writeError(errorf("BadRequest", 400, "Insufficient information. Origin request header needed."))
		return
	}
	if rq.bucket == "" {
		rq.writeError(errAccessDenied)
		return
	}
	if _, err := rq.h.svc.GetBucket(rq.r.Context(), rq.bucket); err != nil {
		rq.writeError(errNoSuchBucket)
		return
	}
	var hdrs []string
	if h := rq.r.Header.Get("Access-Control-Request-Headers"); h != "" {
		hdrs = strings.Split(h, ",")
	}
	rule := rq.matchCORS(origin, method, hdrs)
	if rule == nil {
		rq.writeError(errorf("AccessForbidden", 403, "CORSResponse: This CORS request is not allowed."))
		return
	}
	rq.setCORS(rule, origin)
	if len(hdrs) > 0 {
		rq.w.Header().Set("Access-Control-Allow-Headers", strings.Join(hdrs, ", "))
	}
	rq.w.WriteHeader(http.StatusOK)
}

func (rq *request) setCORS(rule *corsRule, origin string) {
	h := rq.w.Header()
	if contains(rule.AllowedOrigins, "*") {
		h.Set("Access-Control-Allow-Origin", "*")
	} else {
		// As S3: a rule naming origins (not "*") allows credentials.
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Credentials", "true")
		h.Set("Vary", "Origin")
	}
	h.Set("Access-Control-Allow-Methods", strings.Join(rule.AllowedMethods, ", "))
	if len(rule.ExposeHeaders) > 0 {
		h.Set("Access-Control-Expose-Headers", strings.Join(rule.ExposeHeaders, ", "))
	}
	if rule.MaxAgeSeconds > 0 {
		h.Set("Access-Control-Max-Age", strconv.Itoa(rule.MaxAgeSeconds))
	}
}

// corsHeaders adds CORS headers to an actual (non-preflight) request.
func (rq *request) corsHeaders() {
	origin := rq.r.Header.Get("Origin")
	if origin == "" || rq.bucket == "" {
		return
	}
	// A request naming the method it stands for (as browsers' preflights
	// do) is matched on that method, as RGW and S3 do.
	method := rq.r.Method
	if m := rq.r.Header.Get("Access-Control-Request-Method"); m != "" {
		method = m
	}
	if rule := rq.matchCORS(origin, method, nil); rule != nil {
		rq.setCORS(rule, origin)
	}
}
