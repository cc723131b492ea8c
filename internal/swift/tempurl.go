package swift

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// tempURLKeys are the keys that may sign for a container: the account's
// and the container's Temp-URL-Key and Temp-URL-Key-2.
func (rq *request) tempURLKeys(container string) []string {
	var keys []string
	if m, err := rq.h.accountMeta(rq.ctx, rq.account); err == nil {
		keys = appendKeys(keys, m)
	}
	if d, err := rq.containerDoc(container); err == nil {
		keys = appendKeys(keys, d.Meta)
	}
	return keys
}

func appendKeys(keys []string, m map[string]string) []string {
	for _, k := range []string{"temp-url-key", "temp-url-key-2"} {
		if v := m[k]; v != "" {
			keys = append(keys, v)
		}
	}
	return keys
}

// sigHash picks the digest from a signature's form: hex of SHA-1,
// SHA-256 or SHA-512 by length, or "<alg>:<base64>".
func sigHash(sig string) (func() hash.Hash, []byte, bool) {
	if alg, b64, ok := strings.Cut(sig, ":"); ok {
		raw, err := base64.URLEncoding.DecodeString(padB64(b64))
		if err != nil {
			return nil, nil, false
		}
		switch alg {
		case "sha1":
			return sha1.New, raw, true
		case "sha256":
			return sha256.New, raw, true
		case "sha512":
			return sha512.New, raw, true
		}
		return nil, nil, false
	}
	raw, err := hex.DecodeString(sig)
	if err != nil {
		return nil, nil, false
	}
	switch len(raw) {
	case sha1.Size:
		return sha1.New, raw, true
	case sha256.Size:
		return sha256.New, raw, true
	case sha512.Size:
		return sha512.New, raw, true
	}
	return nil, nil, false
}

func padB64(s string) string {
	s = strings.NewReplacer("+", "-", "/", "_").Replace(s)
	for len(s)%4 != 0 {
		s += "="
	}
	return s
}

// validSig checks an HMAC signature of msg under any of keys.
func validSig(sig, msg string, keys []string) bool {
	newHash, want, ok := sigHash(sig)
	if !ok {
		return false
	}
	for _, k := range keys {
		m := hmac.New(newHash, []byte(k))
		m.Write([]byte(msg))
		if hmac.Equal(m.Sum(nil), want) {
			return true
		}
	}
	return false
}

// checkTempURL honours temp_url_sig/temp_url_expires: a valid signature
// over "METHOD\nEXPIRES\nPATH" (or "prefix:PATH" with temp_url_prefix)
// authorizes the request on its own.
func (rq *request) checkTempURL() error {
	q := rq.r.URL.Query()
	sig, expS := q.Get("temp_url_sig"), q.Get("temp_url_expires")
	if sig == "" && expS == "" {
		return nil
	}
	exp, err := parseExpires(expS)
	if err != nil || sig == "" || time.Now().Unix() >= exp {
		return errUnauthorized
	}
	method := rq.r.Method
	p := rq.r.URL.Path
	if pre, ok := q["temp_url_prefix"]; ok {
		base := "/v1/AUTH_" + rq.account + "/" + rq.container + "/"
		if !strings.HasPrefix(rq.object, pre[0]) {
			return errUnauthorized
		}
		p = "prefix:" + base + pre[0]
	}
	keys := rq.tempURLKeys(rq.container)
	methods := []string{method}
	if method == http.MethodHead {
		methods = []string{"HEAD", "GET", "PUT", "POST"}
	}
	switch method {
	case "GET", "HEAD", "PUT", "POST", "DELETE":
	default:
		return errUnauthorized
	}
	for _, m := range methods {
		if validSig(sig, m+"\n"+strconv.FormatInt(exp, 10)+"\n"+p, keys) {
			rq.tempURL = true
			if fn := q.Get("filename"); fn != "" && method == http.MethodGet {
				rq.w.Header().Set("Content-Disposition", `attachment; filename="`+strings.ReplaceAll(fn, `"`, `\"`)+`"`)
			} else if q.Has("inline") {
				rq.w.Header().Set("Content-Disposition", "inline")
			}
			return nil
		}
	}
	return errUnauthorized
}

// parseExpires reads temp_url_expires: Unix seconds or ISO 8601 UTC.
func parseExpires(s string) (int64, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	t, err := time.Parse("2006-01-02T15:04:05Z", s)
	return t.Unix(), err
}
