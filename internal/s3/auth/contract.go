package auth

import (
	"context"
	"net/http"
)

// Error is an authentication or payload error with its S3 code, e.g.
// SignatureDoesNotMatch (403), InvalidAccessKeyId (403),
// RequestTimeTooSkewed (403), AccessDenied (403),
// AuthorizationHeaderMalformed (400), AuthorizationQueryParametersError
// (400), XAmzContentSHA256Mismatch (400), BadDigest (400), InvalidDigest
// (400), IncompleteBody (400), InvalidRequest (400), ExpiredToken/
// "Request has expired" (403 AccessDenied), MissingSecurityHeader (400).
type Error struct {
	Code    string
	Message string
	Status  int
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Credentials look up the secret of an access key.
type Credentials interface {
	// Lookup returns the secret key and the account that owns accessKey,
	// or ok=false if the key is unknown.
	Lookup(ctx context.Context, accessKey string) (secret, account string, ok bool)
}

// Resolver is the richer form of Credentials: it also checks the session
// token of temporary credentials, and returns with the identity an opaque
// principal (an *iam.Principal) that the handlers authorize with. Its
// errors are *Error values (InvalidAccessKeyId, InvalidToken,
// ExpiredToken, ...).
type Resolver interface {
	Resolve(ctx context.Context, accessKey, token string) (secret string, id Identity, err error)
}

// Identity is who made a request.
type Identity struct {
	AccessKey string
	Account   string
	Anonymous bool // no credentials were presented
	// Principal is what a Resolver returned for the key; nil with plain
	// Credentials.
	Principal any
	// Service is the signing scope's service: "s3", or "iam" and "sts"
	// for the IAM and STS APIs served on the same endpoint; "" for SigV2.
	Service string
}

// Body is the verified request body handed to the handlers. Read returns
// the payload (de-chunked for streaming uploads); at EOF every signature
// and checksum has been checked, and a mismatch makes Read fail with an
// *Error instead of io.EOF. Size is the decoded payload length, or -1 if
// unknown. Checksums holds the x-amz-checksum-* values that were verified
// (algorithm upper-case, e.g. "CRC32", value base64), complete only at EOF.
type Body interface {
	Read(p []byte) (int, error)
	Size() int64
	Checksums() map[string]string
}

// Verify authenticates r and wraps its body. It is implemented by
// *Verifier; the signature is documented here as the contract the s3
// handlers rely on:
//
//	func (v *Verifier) Verify(r *http.Request) (Identity, Body, error)
type verify interface {
	Verify(r *http.Request) (Identity, Body, error)
}

// The verifier (implemented in its own file):
//
//	type Verifier struct {
//		Creds   Credentials
//		Region  string           // "" accepts any region in the scope
//		MaxSkew time.Duration    // default 15 minutes
//		Now     func() time.Time // default time.Now
//	}
