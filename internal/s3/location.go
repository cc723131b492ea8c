package s3

import (
	"net"
	"net/url"
	"strings"
)

// objectURL is the absolute URL of key in the request's bucket, as S3
// gives it in Location: the scheme and host the client used, and the
// bucket in the host for virtual-host style requests. The key is escaped
// whole ("/" too), as S3 does in a POST upload's Location.
func (rq *request) objectURL(key string) string {
	scheme := "http"
	if rq.r.TLS != nil {
		scheme = "https"
	}
	path := "/" + rq.bucket + "/" + url.PathEscape(key)
	if rq.virtualHost() {
		path = "/" + url.PathEscape(key)
	}
	return scheme + "://" + rq.r.Host + path
}

// virtualHost reports whether the bucket was named in the Host header.
func (rq *request) virtualHost() bool {
	host := rq.r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	for _, d := range rq.h.cfg.Domains {
		if strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}
