package console

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// s3Prefix is where the page reaches the S3 and IAM APIs: /_console/s3/b/k
// is the gateway's /b/k. The REST API and admin endpoints keep their own
// paths (/_strata/...).
const s3Prefix = "/_console/s3"

// signedBodyMax is the largest body hashed into the signature; larger ones
// (object parts) stream through as UNSIGNED-PAYLOAD, which the gateway
// accepts as any S3 client's.
const signedBodyMax = 1 << 20

// forwarded are the request headers a gateway request may carry; cookies,
// Origin, Referer and the CSRF token stay on the console's side.
var forwarded = []string{"Content-Type", "Content-Length", "Content-Md5", "Content-Disposition", "Content-Encoding",
	"Content-Language", "Cache-Control", "Expires", "Range", "If-Match", "If-None-Match", "If-Modified-Since",
	"If-Unmodified-Since", "Accept"}

// proxy re-signs the request with the session's key and serves it with the
// gateway's handler in-process.
func (s *Server) proxy(w http.ResponseWriter, r *http.Request, se *session, path string) {
	creds, err := s.credentials(r.Context(), se)
	if err != nil {
		// The key was deleted or deactivated since login: the session dies with it.
		s.sess.delete(se.id)
		jsonError(w, http.StatusUnauthorized, "SessionExpired", "the session's access key is no longer valid")
		return
	}
	req, err := s.gatewayRequest(r, path)
	if err != nil {
		jsonError(w, http.StatusBadRequest, "InvalidRequest", err.Error())
		return
	}
	hash := "UNSIGNED-PAYLOAD"
	if r.ContentLength >= 0 && r.ContentLength <= signedBodyMax {
		body, err := io.ReadAll(io.LimitReader(r.Body, signedBodyMax+1))
		if err != nil {
			jsonError(w, http.StatusBadRequest, "InvalidRequest", "cannot read the request body")
			return
		}
		sum := sha256.Sum256(body)
		hash = hex.EncodeToString(sum[:])
		req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	}
	req.Header.Set("X-Amz-Content-Sha256", hash)
	service := "s3"
	if path == "/" && r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		service = "iam"
	}
	if err := s3Signer().SignHTTP(r.Context(), creds, req, hash, service, s.cfg.Region, s.cfg.Now().UTC()); err != nil {
		jsonError(w, http.StatusInternalServerError, "InternalError", "cannot sign the request")
		return
	}
	// The gateway's answer is shown in the console's origin: sandbox it.
	secureHeaders(w.Header(), sandboxCSP)
	w.Header().Set("Cache-Control", "no-store")
	s.cfg.Gateway.ServeHTTP(w, req)
}

// s3Signer signs as S3 clients do: the path is escaped once, as sent
// (the default signer escapes it twice, as other AWS services expect).
func s3Signer() *v4.Signer {
	return v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
}

// gatewayRequest copies what the gateway should see of r onto path.
func (s *Server) gatewayRequest(r *http.Request, path string) (*http.Request, error) {
	u := *r.URL
	u.Path, u.RawPath = path, ""
	if raw := r.URL.EscapedPath(); strings.HasPrefix(raw, s3Prefix) {
		u.RawPath = strings.TrimPrefix(raw, s3Prefix)
		if u.RawPath == "" {
			u.RawPath = "/"
		}
	} else {
		u.RawPath = raw
	}
	u.Scheme, u.Host = "http", s.cfg.GatewayHost
	req, err := http.NewRequestWithContext(r.Context(), r.Method, u.String(), r.Body)
	if err != nil {
		return nil, err
	}
	req.URL.RawPath = u.RawPath
	req.RemoteAddr, req.Host, req.ContentLength = r.RemoteAddr, s.cfg.GatewayHost, r.ContentLength
	for _, h := range forwarded {
		if v := r.Header.Values(h); len(v) > 0 {
			req.Header[h] = v
		}
	}
	for k, v := range r.Header {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "x-amz-") && lk != "x-amz-security-token" && lk != "x-amz-date" && lk != "x-amz-content-sha256" {
			req.Header[k] = v
		}
	}
	return req, nil
}
