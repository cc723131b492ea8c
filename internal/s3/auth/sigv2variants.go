package auth

import (
	"crypto/hmac"
	"net/http"
	"strings"
)

// v2SignatureMatches checks a SigV2 signature against the forms clients
// really sign. The specification leaves the Date line empty when
// x-amz-date is sent, but botocore (and so boto3 and s3-tests) signs the
// Date header value anyway; and botocore signs a bucket-level resource as
// "/bucket/" where the request line has "/bucket". Each variant is still
// an HMAC over the whole request description, so accepting them weakens
// nothing.
func v2SignatureMatches(r *http.Request, secret, sig, date string, hasAmzDate bool) bool {
	dates := []string{date}
	if hasAmzDate {
		dates = []string{"", date}
	}
	path := r.URL.EscapedPath()
	paths := []string{path}
	if p := strings.TrimPrefix(path, "/"); p != "" && !strings.Contains(p, "/") {
		paths = append(paths, path+"/")
	}
	for _, d := range dates {
		for _, p := range paths {
			if hmac.Equal([]byte(signV2(secret, stringToSignV2(r, d, p))), []byte(sig)) {
				return true
			}
		}
	}
	return false
}
