package s3

import (
	"net/http"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/object"
)

var errPrecondition = awsError("PreconditionFailed", 412)
var errNotModified = errorf("NotModified", 304, "Not Modified")

func etagIn(list, etag string) bool {
	for _, c := range strings.Split(list, ",") {
		c = strings.TrimPrefix(strings.TrimSpace(c), "W/")
		if c == "*" || strings.Trim(c, `"`) == etag {
			return true
		}
	}
	return false
}

// checkConditions applies If-Match, If-Unmodified-Since, If-None-Match and
// If-Modified-Since with S3's precedence (RFC 7232 section 6). prefix is
// "" for GET/HEAD and "X-Amz-Copy-Source-" for copies.
func checkConditions(h http.Header, prefix string, info object.ObjectInfo) error {
	mod := info.Modified.Truncate(time.Second)
	im, inm := h.Get(prefix+"If-Match"), h.Get(prefix+"If-None-Match")
	if im != "" {
		if !etagIn(im, info.ETag) {
			return errPrecondition
		}
	} else if t, err := http.ParseTime(h.Get(prefix + "If-Unmodified-Since")); err == nil && mod.After(t) {
		return errPrecondition
	}
	notModified := errNotModified
	if prefix != "" {
		notModified = errPrecondition
	}
	if inm != "" {
		if etagIn(inm, info.ETag) {
			return notModified
		}
	} else if t, err := http.ParseTime(h.Get(prefix + "If-Modified-Since")); err == nil && !mod.After(t) {
		if im == "" || prefix == "" {
			return notModified
		}
	}
	return nil
}
