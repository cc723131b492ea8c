package auth

import (
	"net/http"
	"strings"
)

// maxClaimedKey bounds what ClaimedAccessKey returns: the value goes to
// logs, and a request that failed to authenticate chose it.
const maxClaimedKey = 128

// ClaimedAccessKey is the access key a request says it is signed with
// (SigV4 or SigV2, header or query), without checking anything; "" if
// it names none. Audit records use it for requests whose signature did
// not verify: who tried matters most then.
func ClaimedAccessKey(r *http.Request) string {
	authz := r.Header.Get("Authorization")
	q := r.URL.Query()
	var ak string
	switch {
	case strings.HasPrefix(authz, algorithm+" "):
		_, cred, ok := strings.Cut(authz, "Credential=")
		if ok {
			ak, _, _ = strings.Cut(cred, "/")
		}
	case strings.HasPrefix(authz, "AWS "):
		ak, _, _ = strings.Cut(strings.TrimPrefix(authz, "AWS "), ":")
	case q.Get("X-Amz-Credential") != "":
		ak, _, _ = strings.Cut(q.Get("X-Amz-Credential"), "/")
	default:
		ak = q.Get("AWSAccessKeyId")
	}
	return cleanKey(ak)
}

// cleanKey keeps a claimed key printable and short: up to the first
// separator or unprintable byte, at most maxClaimedKey bytes.
func cleanKey(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == ',' || c == '/' || c == ':' {
			s = s[:i]
			break
		}
	}
	if len(s) > maxClaimedKey {
		s = s[:maxClaimedKey]
	}
	return s
}
