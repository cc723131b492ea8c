package console

import (
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"
)

// loginRequest is the body of POST /_console/login.
type loginRequest struct {
	AccessKey string `json:"accessKey"`
	SecretKey string `json:"secretKey"`
	// Or a password login: user "" is the account root.
	Account  string `json:"account"`
	User     string `json:"user"`
	Password string `json:"password"`
}

// sessionInfo is what the page learns about its session.
type sessionInfo struct {
	CSRF      string          `json:"csrf"`
	AccessKey string          `json:"accessKey"`
	Account   string          `json:"account"`
	User      string          `json:"user"`
	Can       map[string]bool `json:"can"`
	Expires   time.Time       `json:"expires"`
	// PasswordResetRequired: a password login whose password must be
	// changed (IAM ChangePassword) before the page shows anything else.
	PasswordResetRequired bool `json:"passwordResetRequired,omitempty"`
}

// capabilities are probed at login so that the page can hide what the
// gateway would refuse; the gateway still checks every request.
var capabilities = map[string][2]string{
	"createBucket": {"s3:CreateBucket", "arn:aws:s3:::*"},
	"deleteBucket": {"s3:DeleteBucket", "arn:aws:s3:::*"},
	"putObject":    {"s3:PutObject", "arn:aws:s3:::*/*"},
	"deleteObject": {"s3:DeleteObject", "arn:aws:s3:::*/*"},
	"putPolicy":    {"s3:PutBucketPolicy", "arn:aws:s3:::*"},
	"versioning":   {"s3:PutBucketVersioning", "arn:aws:s3:::*"},
	"iam":          {"iam:CreateUser", "*"},
	"admin":        {"strata:Admin", "*"},
	"quota":        {"strata:SetQuota", "arn:strata:quota:::bucket/*"},
}

func (s *Server) info(r *http.Request, se *session) sessionInfo {
	can := map[string]bool{}
	for name, c := range capabilities {
		can[name] = s.may(r.Context(), se, c[0], c[1])
	}
	return sessionInfo{CSRF: se.csrf, AccessKey: se.accessKey, Account: se.account, User: se.user, Can: can,
		Expires: se.created.Add(s.cfg.SessionTTL), PasswordResetRequired: s.resetRequired(r.Context(), se)}
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if !s.sameOrigin(r) {
		jsonError(w, http.StatusForbidden, "CrossOrigin", "cross-origin request refused")
		return
	}
	var req loginRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&req); err != nil || req.AccessKey == "" && req.Account == "" {
		jsonError(w, http.StatusBadRequest, "InvalidRequest", "expected {\"accessKey\", \"secretKey\"} or {\"account\", \"user\", \"password\"}")
		return
	}
	if req.AccessKey == "" {
		s.passwordLogin(w, r, req)
		return
	}
	ipKey, keyKey := "ip:"+clientIP(r), "key:"+req.AccessKey
	if wait := s.limit.wait(ipKey, keyKey); wait > 0 {
		secs := int((wait + time.Second - 1) / time.Second)
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		jsonError(w, http.StatusTooManyRequests, "SlowDown", fmt.Sprintf("too many failed logins: try again in %d s", secs))
		return
	}
	secret, account, user, err := s.cfg.Keys.Secret(r.Context(), req.AccessKey)
	if err != nil || subtle.ConstantTimeCompare([]byte(secret), []byte(req.SecretKey)) != 1 {
		s.limit.fail(ipKey, keyKey)
		s.cfg.Log.Info("console login failed", "access_key", req.AccessKey, "ip", clientIP(r))
		jsonError(w, http.StatusUnauthorized, "InvalidLogin", "unknown access key or wrong secret")
		return
	}
	s.limit.succeed(ipKey, keyKey)
	se := s.sess.create(req.AccessKey, account, user)
	s.setCookie(w, se)
	s.cfg.Log.Info("console login", "access_key", req.AccessKey, "account", account, "ip", clientIP(r))
	writeJSON(w, s.info(r, se))
}

func (s *Server) setCookie(w http.ResponseWriter, se *session) {
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: se.id, Path: "/", HttpOnly: true,
		Secure: s.cfg.TLS != nil, SameSite: http.SameSiteStrictMode, MaxAge: int(s.cfg.SessionTTL / time.Second)})
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, se *session) {
	s.sess.delete(se.id)
	s.endTemp(r.Context(), se)
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "", Path: "/", HttpOnly: true,
		Secure: s.cfg.TLS != nil, SameSite: http.SameSiteStrictMode, MaxAge: -1})
	writeJSON(w, map[string]bool{"ok": true})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}

func jsonError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"code": code, "message": msg})
}
