package auth

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Signature Version 2 is deprecated by AWS but still sent by older tools
// (and by s3-tests' "aws2" cases), so it is verified too: the header form
// "AWS AK:sig" and the query form (AWSAccessKeyId, Expires, Signature).

// v2SubResources are the query parameters that are part of the signed
// resource in SigV2.
var v2SubResources = map[string]bool{"acl": true, "cors": true, "delete": true, "lifecycle": true,
	"location": true, "logging": true, "notification": true, "partNumber": true, "policy": true,
	"requestPayment": true, "tagging": true, "torrent": true, "uploadId": true, "uploads": true,
	"versionId": true, "versioning": true, "versions": true, "website": true, "restore": true,
	"response-cache-control": true, "response-content-disposition": true, "response-content-encoding": true,
	"response-content-language": true, "response-content-type": true, "response-expires": true,
	"object-lock": true, "retention": true, "legal-hold": true, "encryption": true, "publicAccessBlock": true}

// stringToSignV2 builds the SigV2 string to sign; date is the Date header
// value, or Expires for the query form.
func stringToSignV2(r *http.Request, date, path string) string {
	var b strings.Builder
	b.WriteString(r.Method + "\n")
	b.WriteString(r.Header.Get("Content-Md5") + "\n")
	b.WriteString(r.Header.Get("Content-Type") + "\n")
	b.WriteString(date + "\n")
	var amz []string
	for k := range r.Header {
		if lk := strings.ToLower(k); strings.HasPrefix(lk, "x-amz-") {
			amz = append(amz, lk)
		}
	}
	sort.Strings(amz)
	for _, k := range amz {
		b.WriteString(k + ":" + strings.Join(r.Header.Values(k), ",") + "\n")
	}
	b.WriteString(path)
	q := r.URL.Query()
	var subs []string
	for k := range q {
		if v2SubResources[k] {
			subs = append(subs, k)
		}
	}
	sort.Strings(subs)
	for i, k := range subs {
		if i == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		b.WriteString(k)
		if v := q.Get(k); v != "" {
			b.WriteString("=" + v)
		}
	}
	return b.String()
}

func signV2(secret, sts string) string {
	m := hmac.New(sha1.New, []byte(secret))
	m.Write([]byte(sts))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// SignPolicyV2 signs a POST policy document the SigV2 way.
func SignPolicyV2(secret, policy string) string { return signV2(secret, policy) }

func (v *Verifier) verifyV2Header(r *http.Request, authz string) (Identity, Body, error) {
	cred, _ := strings.CutPrefix(authz, "AWS ")
	ak, sig, ok := strings.Cut(cred, ":")
	if !ok || ak == "" || sig == "" {
		return Identity{}, nil, newErr("InvalidArgument", http.StatusBadRequest, "Authorization header is invalid.")
	}
	id, secret, err := v.resolve(r.Context(), ak, r.Header.Get("X-Amz-Security-Token"))
	if err != nil {
		return Identity{}, nil, err
	}
	date := r.Header.Get("Date")
	when := date
	// A present x-amz-date, even empty, is the request time and must be valid.
	_, hasAmzDate := r.Header["X-Amz-Date"]
	if hasAmzDate {
		when = r.Header.Get("X-Amz-Date")
	}
	t, perr := parseDate(when)
	if perr != nil || t.Before(time.Unix(0, 0)) {
		return Identity{}, nil, newErr("AccessDenied", http.StatusForbidden, "AWS authentication requires a valid Date or x-amz-date header")
	}
	if d := v.now().Sub(t); d > v.skew() || d < -v.skew() {
		return Identity{}, nil, errSkew
	}
	if !v2SignatureMatches(r, secret, sig, date, hasAmzDate) {
		return Identity{}, nil, errSignature
	}
	b, err := newBody(r, nil, unsignedPayload)
	return id, b, err
}

func (v *Verifier) verifyV2Query(r *http.Request) (Identity, Body, error) {
	q := r.URL.Query()
	ak, sig, expires := q.Get("AWSAccessKeyId"), q.Get("Signature"), q.Get("Expires")
	exp, err := strconv.ParseInt(expires, 10, 64)
	if err != nil || sig == "" {
		return Identity{}, nil, newErr("AccessDenied", http.StatusForbidden, "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters")
	}
	if v.now().After(time.Unix(exp, 0)) {
		return Identity{}, nil, errExpired
	}
	id, secret, err := v.resolve(r.Context(), ak, q.Get("x-amz-security-token"))
	if err != nil {
		return Identity{}, nil, err
	}
	if !v2SignatureMatches(r, secret, sig, expires, false) {
		return Identity{}, nil, errSignature
	}
	b, err := newBody(r, nil, unsignedPayload)
	return id, b, err
}
