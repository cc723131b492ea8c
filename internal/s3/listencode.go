package s3

import (
	"net/url"
	"strings"
)

// urlEncodeName applies encoding-type=url to a name in a listing as S3
// does: every byte outside the unreserved set is %XX-escaped, a space
// included (%20, never '+'), and '/' is kept so prefixes stay readable.
func urlEncodeName(s string) string {
	e := url.QueryEscape(s) // escapes '+' as %2B, so every '+' left is a space
	e = strings.ReplaceAll(e, "+", "%20")
	return strings.ReplaceAll(e, "%2F", "/")
}
