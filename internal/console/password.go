package console

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// TempKey is a temporary credential (an STS session of a user or account
// root) that a password login mints. The console keeps it server-side,
// like a long-term key's secret.
type TempKey struct {
	AccessKey, Secret, Token string
	Expires                  time.Time
	Account, User            string // User "root" for the account root
	// ResetRequired: the password must be changed before anything else.
	ResetRequired bool
}

// Passwords is the optional ability of a Keys to sign in by password
// (found by type assertion): without it the console offers access keys
// only.
type Passwords interface {
	// PasswordLogin checks a password, slowly and in constant time, and
	// mints a session of its holder (user "" = the account root) that
	// lasts ttl. Every refusal is one error of kind Permission, whatever
	// was wrong.
	PasswordLogin(ctx context.Context, account, user, password string, ttl time.Duration) (TempKey, error)
	// Renew mints a fresh session of k's holder lasting ttl; an error
	// when k is no longer valid (the holder or its rights are gone).
	Renew(ctx context.Context, k TempKey, ttl time.Duration) (TempKey, error)
	// MayTemp is Keys.May for a temporary key.
	MayTemp(ctx context.Context, k TempKey, action, resource string) bool
	// ResetRequired reports whether k's holder must still change its
	// password (asked only while it had to at login).
	ResetRequired(ctx context.Context, k TempKey) bool
	// End revokes k (logout), best effort: k expires anyway.
	End(ctx context.Context, k TempKey) error
}

// Bounds of a minted session (the STS limits) and how early it is
// renewed before it runs out.
const (
	minTemp   = 15 * time.Minute
	maxTemp   = 12 * time.Hour
	renewLead = 5 * time.Minute
)

// passwordLogin serves a login by account, user name and password.
func (s *Server) passwordLogin(w http.ResponseWriter, r *http.Request, req loginRequest) {
	pw, ok := s.cfg.Keys.(Passwords)
	if !ok {
		jsonError(w, http.StatusBadRequest, "InvalidRequest", "this console accepts access keys only")
		return
	}
	// The user's record is keyed without regard to case, and so is its
	// limiter entry: "Bob" and "bob" share one backoff.
	ipKey, userKey := "ip:"+clientIP(r), "user:"+req.Account+"/"+strings.ToLower(req.User)
	if wait := s.limit.wait(ipKey, userKey); wait > 0 {
		secs := int((wait + time.Second - 1) / time.Second)
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		jsonError(w, http.StatusTooManyRequests, "SlowDown", fmt.Sprintf("too many failed logins: try again in %d s", secs))
		return
	}
	k, err := pw.PasswordLogin(r.Context(), req.Account, req.User, req.Password, s.tempTTL(s.cfg.SessionTTL))
	if err != nil {
		s.limit.fail(ipKey, userKey)
		s.cfg.Log.Info("console password login failed", "account", req.Account, "user", req.User, "ip", clientIP(r))
		jsonError(w, http.StatusUnauthorized, "InvalidLogin", "wrong account, user name or password")
		return
	}
	s.limit.succeed(ipKey, userKey)
	se := s.sess.create(k.AccessKey, k.Account, k.User)
	se.setTemp(&k)
	s.setCookie(w, se)
	s.cfg.Log.Info("console password login", "account", k.Account, "user", k.User, "ip", clientIP(r))
	writeJSON(w, s.info(r, se))
}

// tempTTL bounds a wanted session lifetime to what STS mints.
func (s *Server) tempTTL(d time.Duration) time.Duration { return min(max(d, minTemp), maxTemp) }

// credentials returns what to sign a session's requests with: the
// long-term key's secret, or the session's temporary key, renewed when
// it is about to run out (a console session may outlive one STS
// session). An error means the session is dead.
func (s *Server) credentials(ctx context.Context, se *session) (aws.Credentials, error) {
	if k := se.getTemp(); k != nil {
		if now := s.cfg.Now(); k.Expires.Sub(now) < renewLead {
			left := se.created.Add(s.cfg.SessionTTL).Sub(now)
			nk, err := s.cfg.Keys.(Passwords).Renew(ctx, *k, s.tempTTL(left))
			if err != nil {
				return aws.Credentials{}, err
			}
			nk.ResetRequired = k.ResetRequired
			se.setTemp(&nk)
			k = &nk
		}
		return aws.Credentials{AccessKeyID: k.AccessKey, SecretAccessKey: k.Secret, SessionToken: k.Token,
			CanExpire: true, Expires: k.Expires}, nil
	}
	secret, _, _, err := s.cfg.Keys.Secret(ctx, se.accessKey)
	if err != nil {
		return aws.Credentials{}, err
	}
	return aws.Credentials{AccessKeyID: se.accessKey, SecretAccessKey: secret}, nil
}

// may is Keys.May for the session's key, long-term or temporary.
func (s *Server) may(ctx context.Context, se *session, action, resource string) bool {
	if k := se.getTemp(); k != nil {
		return s.cfg.Keys.(Passwords).MayTemp(ctx, *k, action, resource)
	}
	return s.cfg.Keys.May(ctx, se.accessKey, action, resource)
}

// resetRequired reports whether the session's holder must change its
// password first; once changed, the answer stays false.
func (s *Server) resetRequired(ctx context.Context, se *session) bool {
	se.temp.mu.Lock()
	k := se.temp.k
	se.temp.mu.Unlock()
	if k == nil || !k.ResetRequired {
		return false
	}
	if s.cfg.Keys.(Passwords).ResetRequired(ctx, *k) {
		return true
	}
	se.temp.mu.Lock()
	nk := *se.temp.k
	nk.ResetRequired = false
	se.temp.k = &nk
	se.temp.mu.Unlock()
	return false
}

// endTemp revokes a logged-out session's temporary key, if it has one.
func (s *Server) endTemp(ctx context.Context, se *session) {
	if k := se.getTemp(); k != nil {
		if err := s.cfg.Keys.(Passwords).End(ctx, *k); err != nil {
			s.cfg.Log.Warn("console logout: temporary key not revoked", "access_key", k.AccessKey, "err", err)
		}
	}
}

// tempKey is a session's temporary key; concurrent requests of one
// session may renew it.
type tempKey struct {
	mu sync.Mutex
	k  *TempKey
}

func (se *session) setTemp(k *TempKey) {
	se.temp.mu.Lock()
	se.temp.k = k
	se.temp.mu.Unlock()
}

func (se *session) getTemp() *TempKey {
	se.temp.mu.Lock()
	defer se.temp.mu.Unlock()
	return se.temp.k
}
