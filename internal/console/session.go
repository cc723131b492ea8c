package console

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"sync"
	"time"
)

const cookieName = "strata_console"

// session is a logged-in browser. Its id (the cookie) and CSRF token are
// 256-bit random strings; the secret key never leaves the server.
type session struct {
	id, csrf        string
	accessKey       string
	account, user   string
	created, seenAt time.Time
	temp            tempKey // set by a password login
}

// sessions is the server-side session table. Logging out deletes the
// entry, so a copied cookie is worthless afterwards.
type sessions struct {
	mu       sync.Mutex
	m        map[string]*session
	ttl, idl time.Duration
	now      func() time.Time
}

func newSessions(ttl, idle time.Duration, now func() time.Time) *sessions {
	return &sessions{m: map[string]*session{}, ttl: ttl, idl: idle, now: now}
}

func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand panics instead)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s *sessions) create(accessKey, account, user string) *session {
	now := s.now()
	se := &session{id: randomToken(), csrf: randomToken(), accessKey: accessKey, account: account, user: user, created: now, seenAt: now}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(now)
	s.m[se.id] = se
	return se
}

// get returns the live session of a request's cookie and refreshes its
// idle timer, or nil.
func (s *sessions) get(r *http.Request) *session {
	c, err := r.Cookie(cookieName)
	if err != nil || c.Value == "" {
		return nil
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	se := s.m[c.Value]
	if se == nil {
		return nil
	}
	if now.Sub(se.created) > s.ttl || now.Sub(se.seenAt) > s.idl {
		delete(s.m, se.id)
		return nil
	}
	se.seenAt = now
	return se
}

func (s *sessions) delete(id string) {
	s.mu.Lock()
	delete(s.m, id)
	s.mu.Unlock()
}

// sweep drops expired sessions (caller holds mu); called on each login,
// so the table is bounded by the logins of one TTL.
func (s *sessions) sweep(now time.Time) {
	for id, se := range s.m {
		if now.Sub(se.created) > s.ttl || now.Sub(se.seenAt) > s.idl {
			delete(s.m, id)
		}
	}
}

func (s *sessions) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}
