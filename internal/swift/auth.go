package swift

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/strata"
)

// tokenPrefix starts every token, as TempAuth's do.
const tokenPrefix = "AUTH_tk"

// tokenAD binds sealed tokens to this use of the cluster's sealer, so
// that no other sealed value opens as a token.
const tokenAD = "swift-token"

// issueToken seals the access key and expiry under the cluster key: the
// token needs no store, opens on every gateway and survives restarts.
func (h *Handler) issueToken(accessKey string, exp time.Time) string {
	sealed := h.cfg.Sealer.Seal(tokenAD, accessKey+"\n"+strconv.FormatInt(exp.Unix(), 10))
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(sealed)
}

// openToken returns the access key and expiry a token carries.
func (h *Handler) openToken(tok string) (string, time.Time, error) {
	const op = "swift.openToken"
	raw, ok := strings.CutPrefix(tok, tokenPrefix)
	if !ok {
		return "", time.Time{}, strata.Errorf(op, strata.Permission, "not a token")
	}
	sealed, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil {
		return "", time.Time{}, strata.Errorf(op, strata.Permission, "malformed token")
	}
	plain, err := h.cfg.Sealer.Open(tokenAD, sealed)
	if err != nil {
		return "", time.Time{}, strata.E(op, strata.Permission, err)
	}
	key, expS, ok := strings.Cut(plain, "\n")
	exp, err := strconv.ParseInt(expS, 10, 64)
	if !ok || err != nil {
		return "", time.Time{}, strata.Errorf(op, strata.Permission, "malformed token")
	}
	return key, time.Unix(exp, 0), nil
}

// serveAuth is TempAuth v1: X-Auth-User (ACCOUNT:KEY or KEY) and
// X-Auth-Key (the secret) give a token and the storage URL.
func (h *Handler) serveAuth(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeError(w, r, errBadRequest)
		return
	}
	user := firstHeader(r, "X-Auth-User", "X-Storage-User")
	secret := firstHeader(r, "X-Auth-Key", "X-Storage-Pass")
	acct, key, hasAcct := strings.Cut(user, ":")
	if !hasAcct {
		key, acct = acct, ""
	}
	if key == "" || secret == "" {
		writeError(w, r, errUnauthorized)
		return
	}
	p, want, err := h.cfg.Keys.Authenticate(r.Context(), key, "")
	if err != nil || !constantEqual(want, secret) || (acct != "" && acct != p.Account.Name) {
		h.log.Debug("swift auth refused", "key", key, "err", err)
		writeError(w, r, errUnauthorized)
		return
	}
	ttl := h.cfg.TokenTTL
	exp := time.Now().Add(ttl)
	tok := h.issueToken(key, exp)
	w.Header().Set("X-Auth-Token", tok)
	w.Header().Set("X-Storage-Token", tok)
	w.Header().Set("X-Auth-Token-Expires", strconv.Itoa(int(ttl.Seconds())))
	w.Header().Set("X-Storage-Url", baseURL(r)+"/v1/AUTH_"+p.Account.Name)
	w.Header().Set("Content-Type", "text/plain; charset=UTF-8")
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusOK)
}

// authenticate resolves the token, if any, to its principal; the key
// must still be active. Requests without a token stay anonymous (a
// TempURL, FormPOST, or container ACL may still allow them).
func (rq *request) authenticate() error {
	tok := firstHeader(rq.r, "X-Auth-Token", "X-Storage-Token")
	if tok == "" {
		return nil
	}
	key, exp, err := rq.h.openToken(tok)
	if err != nil || time.Now().After(exp) {
		return errUnauthorized
	}
	p, _, err := rq.h.cfg.Keys.Authenticate(rq.ctx, key, "")
	if err != nil {
		return errUnauthorized
	}
	rq.p = p
	return nil
}

// baseURL is the scheme and host the client reached us on.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if f := r.Header.Get("X-Forwarded-Proto"); f == "https" || f == "http" {
		scheme = f
	}
	return scheme + "://" + r.Host
}

func firstHeader(r *http.Request, names ...string) string {
	for _, n := range names {
		if v := r.Header.Get(n); v != "" {
			return v
		}
	}
	return ""
}

var _ Keys = (*iam.Cache)(nil)
