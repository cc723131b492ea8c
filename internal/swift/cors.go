package swift

import (
	"net/http"
	"strings"
)

// corsAllowed reports whether origin may reach the container, by its
// X-Container-Meta-Access-Control-Allow-Origin (space-separated, "*").
func corsAllowed(d containerDoc, origin string) bool {
	for _, o := range strings.Fields(d.Meta["access-control-allow-origin"]) {
		if o == "*" || o == origin {
			return true
		}
	}
	return false
}

// cors adds the CORS headers of an actual request when the container
// allows its origin.
func (rq *request) cors() {
	d, err := rq.containerDoc(rq.container)
	origin := rq.r.Header.Get("Origin")
	if err != nil || !corsAllowed(d, origin) {
		return
	}
	h := rq.w.Header()
	h.Set("Access-Control-Allow-Origin", origin)
	if v := d.Meta["access-control-expose-headers"]; v != "" {
		h.Set("Access-Control-Expose-Headers", "etag, x-timestamp, x-trans-id, x-openstack-request-id, "+v)
	} else {
		h.Set("Access-Control-Expose-Headers", "cache-control, content-language, content-type, expires, last-modified, pragma, etag, x-timestamp, x-trans-id, x-openstack-request-id")
	}
}

// preflight answers an OPTIONS request from the container's CORS
// metadata; without an Origin it lists the allowed methods.
func (rq *request) preflight() error {
	h := rq.w.Header()
	const methods = "HEAD, GET, PUT, POST, COPY, OPTIONS, DELETE"
	origin := rq.r.Header.Get("Origin")
	if origin == "" || rq.container == "" {
		h.Set("Allow", methods)
		return noContent(rq.w, http.StatusOK)
	}
	if _, err := rq.bucket(rq.container); err != nil {
		return errUnauthorized
	}
	d, err := rq.containerDoc(rq.container)
	if err != nil || !corsAllowed(d, origin) || rq.r.Header.Get("Access-Control-Request-Method") == "" {
		return errUnauthorized
	}
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Allow-Methods", methods)
	if v := rq.r.Header.Get("Access-Control-Request-Headers"); v != "" {
		h.Set("Access-Control-Allow-Headers", v)
	}
	if v := d.Meta["access-control-max-age"]; v != "" {
		h.Set("Access-Control-Max-Age", v)
	}
	h.Set("Allow", methods)
	return noContent(rq.w, http.StatusOK)
}
