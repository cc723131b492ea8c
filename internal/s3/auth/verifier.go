package auth

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Payload hash values with a special meaning.
const (
	unsignedPayload        = "UNSIGNED-PAYLOAD"
	streamingPayload       = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	streamingPayloadTrail  = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
	streamingUnsignedTrail = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
	emptySHA256            = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	algorithm              = "AWS4-HMAC-SHA256"
	amzDateFormat          = "20060102T150405Z"
)

// Verifier authenticates S3 requests with SigV4.
type Verifier struct {
	Creds   Credentials
	Region  string           // "" accepts any region in the scope
	MaxSkew time.Duration    // default 15 minutes
	Now     func() time.Time // default time.Now

	keys sync.Map // signing-key cache: "secret|date|region" -> []byte
}

var _ verify = (*Verifier)(nil)

// signature is what a request's credential scope and signature say.
type signature struct {
	accessKey, date, region, service string
	signed                           []string
	sig                              string
	amzDate                          time.Time
}

func (s *signature) scope() string {
	return s.date + "/" + s.region + "/" + s.service + "/aws4_request"
}

// Verify authenticates r and wraps its body in a verifying reader.
func (v *Verifier) Verify(r *http.Request) (Identity, Body, error) {
	q := r.URL.Query()
	authz := r.Header.Get("Authorization")
	switch {
	case strings.HasPrefix(authz, algorithm+" "):
		return v.verifyHeader(r, authz)
	case q.Get("X-Amz-Algorithm") != "" || q.Get("X-Amz-Credential") != "":
		return v.verifyPresigned(r)
	case strings.HasPrefix(authz, "AWS "):
		return v.verifyV2Header(r, authz)
	case q.Get("AWSAccessKeyId") != "":
		return v.verifyV2Query(r)
	case authz != "":
		return Identity{}, nil, newErr("InvalidArgument", http.StatusBadRequest, "Unsupported Authorization Type")
	}
	// Anonymous: the body is passed through; checksums still apply.
	b, err := newBody(r, nil, unsignedPayload)
	return Identity{Anonymous: true}, b, err
}

func (v *Verifier) now() time.Time {
	if v.Now != nil {
		return v.Now()
	}
	return time.Now()
}

func (v *Verifier) skew() time.Duration {
	if v.MaxSkew > 0 {
		return v.MaxSkew
	}
	return 15 * time.Minute
}

// parseCredential splits "AK/date/region/service/aws4_request".
func parseCredential(cred string, malformed func(string) *Error) (signature, error) {
	p := strings.Split(cred, "/")
	if len(p) != 5 || p[4] != "aws4_request" {
		return signature{}, malformed("the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".")
	}
	if p[3] != "s3" && p[3] != "iam" && p[3] != "sts" {
		return signature{}, malformed("incorrect service \"" + p[3] + "\". This endpoint belongs to \"s3\".")
	}
	if _, err := time.Parse("20060102", p[1]); err != nil {
		return signature{}, malformed("invalid credential date \"" + p[1] + "\".")
	}
	return signature{accessKey: p[0], date: p[1], region: p[2], service: p[3]}, nil
}

// parseAuthorization parses the SigV4 Authorization header.
func parseAuthorization(h string) (signature, error) {
	rest, ok := strings.CutPrefix(h, algorithm+" ")
	if !ok {
		return signature{}, errMalformed("unsupported algorithm")
	}
	fields := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return signature{}, errMalformed("missing '=' in \"" + part + "\"")
		}
		fields[k] = val
	}
	if fields["Credential"] == "" || fields["SignedHeaders"] == "" || fields["Signature"] == "" {
		return signature{}, errMalformed("it must contain Credential, SignedHeaders and Signature")
	}
	s, err := parseCredential(fields["Credential"], errMalformed)
	if err != nil {
		return s, err
	}
	s.signed = strings.Split(fields["SignedHeaders"], ";")
	s.sig = fields["Signature"]
	return s, nil
}

func (v *Verifier) verifyHeader(r *http.Request, authz string) (Identity, Body, error) {
	s, err := parseAuthorization(authz)
	if err != nil {
		return Identity{}, nil, err
	}
	dateStr := r.Header.Get("X-Amz-Date")
	if dateStr == "" {
		dateStr = r.Header.Get("Date")
	}
	t, err := parseDate(dateStr)
	if err != nil || t.Before(time.Unix(0, 0)) {
		return Identity{}, nil, newErr("AccessDenied", http.StatusForbidden, "AWS authentication requires a valid Date or x-amz-date header")
	}
	// The string to sign carries the time in ISO 8601 basic form, whichever
	// header (and format) the client sent it in.
	dateStr = t.UTC().Format(amzDateFormat)
	if d := v.now().Sub(t); d > v.skew() || d < -v.skew() {
		return Identity{}, nil, errSkew
	}
	if t.UTC().Format("20060102") != s.date {
		return Identity{}, nil, errMalformed("the credential date does not match the request date")
	}
	s.amzDate = t
	id, secret, err := v.identity(r.Context(), s, r.Header.Get("X-Amz-Security-Token"))
	if err != nil {
		return Identity{}, nil, err
	}
	payload := r.Header.Get("X-Amz-Content-Sha256")
	if payload == "" && s.service != "s3" {
		// IAM and STS clients sign the hash of their form body without
		// sending it in a header.
		if payload, err = hashFormBody(r); err != nil {
			return Identity{}, nil, err
		}
	}
	if payload == "" {
		payload = emptySHA256 // not signed: treat as hash of nothing only if signed headers lack it
		if r.ContentLength != 0 {
			payload = unsignedPayload
		}
		if contains(s.signed, "x-amz-content-sha256") {
			return Identity{}, nil, errSignature
		}
	}
	want := v.sign(secret, s, canonicalRequest(r, s.signed, payload, ""), dateStr)
	if !hmac.Equal([]byte(want), []byte(s.sig)) {
		return Identity{}, nil, errSignature
	}
	b, err := newBody(r, &chainState{v: v, secret: secret, s: s, prev: s.sig, amzDate: dateStr}, payload)
	return id, b, err
}

func (v *Verifier) verifyPresigned(r *http.Request) (Identity, Body, error) {
	q := r.URL.Query()
	if q.Get("X-Amz-Algorithm") != algorithm {
		return Identity{}, nil, errQuery("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"")
	}
	s, err := parseCredential(q.Get("X-Amz-Credential"), func(m string) *Error { return errQuery("Error parsing the X-Amz-Credential parameter; " + m) })
	if err != nil {
		return Identity{}, nil, err
	}
	dateStr := q.Get("X-Amz-Date")
	t, err := time.Parse(amzDateFormat, dateStr)
	if err != nil {
		return Identity{}, nil, errQuery("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
	}
	exp, err := strconv.Atoi(q.Get("X-Amz-Expires"))
	if err != nil {
		return Identity{}, nil, errQuery("X-Amz-Expires should be a number")
	}
	if exp < 0 || exp > 604800 {
		return Identity{}, nil, newErr("AccessDenied", http.StatusForbidden, "X-Amz-Expires must be between 0 and 604800 seconds")
	}
	now := v.now()
	if now.After(t.Add(time.Duration(exp) * time.Second)) {
		return Identity{}, nil, errExpired
	}
	if t.After(now.Add(v.skew())) {
		return Identity{}, nil, newErr("AccessDenied", http.StatusForbidden, "Request is not valid yet")
	}
	s.signed = strings.Split(q.Get("X-Amz-SignedHeaders"), ";")
	s.sig = q.Get("X-Amz-Signature")
	s.amzDate = t
	id, secret, err := v.identity(r.Context(), s, q.Get("X-Amz-Security-Token"))
	if err != nil {
		return Identity{}, nil, err
	}
	payload := q.Get("X-Amz-Content-Sha256")
	if payload == "" {
		payload = unsignedPayload
	}
	want := v.sign(secret, s, canonicalRequest(r, s.signed, payload, "X-Amz-Signature"), dateStr)
	if !hmac.Equal([]byte(want), []byte(s.sig)) {
		return Identity{}, nil, errSignature
	}
	b, err := newBody(r, nil, unsignedPayload)
	return id, b, err
}

func (v *Verifier) identity(ctx context.Context, s signature, token string) (Identity, string, error) {
	id, secret, err := v.resolve(ctx, s.accessKey, token)
	if err != nil {
		return Identity{}, "", err
	}
	if v.Region != "" && s.region != v.Region && s.region != "" {
		return Identity{}, "", errMalformed("the region '" + s.region + "' is wrong; expecting '" + v.Region + "'")
	}
	id.Service = s.service
	return id, secret, nil
}

// resolve looks an access key up, through the Resolver when the
// credentials offer one.
func (v *Verifier) resolve(ctx context.Context, accessKey, token string) (Identity, string, error) {
	if res, ok := v.Creds.(Resolver); ok {
		secret, id, err := res.Resolve(ctx, accessKey, token)
		if err != nil {
			return Identity{}, "", err
		}
		id.AccessKey = accessKey
		return id, secret, nil
	}
	secret, account, ok := v.Creds.Lookup(ctx, accessKey)
	if !ok {
		return Identity{}, "", errAccessKey
	}
	return Identity{AccessKey: accessKey, Account: account}, secret, nil
}

// maxFormBody bounds the IAM and STS request bodies read for hashing.
const maxFormBody = 1 << 20

// hashFormBody reads a small request body, puts it back, and returns
// its SHA-256 in hex.
func hashFormBody(r *http.Request) (string, error) {
	if r.Body == nil {
		return emptySHA256, nil
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, maxFormBody+1))
	if err != nil {
		return "", newErr("IncompleteBody", http.StatusBadRequest, "You did not provide the number of bytes specified by the Content-Length HTTP header.")
	}
	if len(b) > maxFormBody {
		return "", newErr("InvalidRequest", http.StatusBadRequest, "The request body is too large.")
	}
	r.Body = io.NopCloser(bytes.NewReader(b))
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:]), nil
}

// sign computes the signature of a canonical request.
func (v *Verifier) sign(secret string, s signature, canonical, amzDate string) string {
	h := sha256.Sum256([]byte(canonical))
	sts := algorithm + "\n" + amzDate + "\n" + s.scope() + "\n" + hex.EncodeToString(h[:])
	return hex.EncodeToString(hmacSHA256(v.signingKey(secret, s), sts))
}

func (v *Verifier) signingKey(secret string, s signature) []byte {
	ck := secret + "|" + s.date + "|" + s.region + "|" + s.service
	if k, ok := v.keys.Load(ck); ok {
		return k.([]byte)
	}
	k := hmacSHA256([]byte("AWS4"+secret), s.date)
	k = hmacSHA256(k, s.region)
	k = hmacSHA256(k, s.service)
	k = hmacSHA256(k, "aws4_request")
	v.keys.Store(ck, k)
	return k
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(amzDateFormat, s); err == nil {
		return t, nil
	}
	if t, err := http.ParseTime(s); err == nil {
		return t, nil
	}
	// RFC 1123 with a numeric zone, e.g. "-0000" as Python's formatdate
	// writes it (botocore sends that in Date).
	return time.Parse(time.RFC1123Z, s)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
