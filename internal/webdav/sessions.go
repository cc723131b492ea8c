package webdav

import (
	"context"
	"crypto/sha256"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/shares"
)

// sessionCache keeps logins open between requests: WebDAV clients send
// their credentials with every request, and a login opens file systems
// that are worth reusing. An entry is keyed by the access key, a hash of
// the secret (a wrong secret never reaches a cached session) and the
// client's address (policies may decide on aws:SourceIp).
type sessionCache struct {
	svc  *shares.Service
	idle time.Duration

	mu sync.Mutex
	m  map[sessionKey]*cachedSession
}

type sessionKey struct {
	key    string
	secret [32]byte
	ip     string
	tls    bool
}

type cachedSession struct {
	sess   *shares.Session
	used   time.Time
	active int // requests using it now: never closed under them
}

func newSessionCache(svc *shares.Service, idle time.Duration) *sessionCache {
	return &sessionCache{svc: svc, idle: idle, m: map[sessionKey]*cachedSession{}}
}

// get returns the session of a request's credentials, logging in on a
// miss; done ends the request's use of it.
func (c *sessionCache) get(ctx context.Context, key, secret string, r *http.Request) (sess *shares.Session, done func(), err error) {
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	k := sessionKey{key: key, secret: sha256.Sum256([]byte(secret)), ip: ip, tls: r.TLS != nil}
	c.mu.Lock()
	if e, ok := c.m[k]; ok {
		c.mu.Unlock()
		return e.sess, c.use(e), nil
	}
	c.mu.Unlock()
	sess, err = c.svc.Login(ctx, key, secret, shares.Client{Protocol: "webdav", Remote: r.RemoteAddr, TLS: r.TLS})
	if err != nil {
		return nil, nil, err
	}
	c.mu.Lock()
	e, ok := c.m[k]
	if ok { // a concurrent request logged in first
		sess.Close()
	} else {
		e = &cachedSession{sess: sess}
		c.m[k] = e
	}
	c.mu.Unlock()
	return e.sess, c.use(e), nil
}

// use marks e in use until the returned func is called.
func (c *sessionCache) use(e *cachedSession) func() {
	c.mu.Lock()
	e.active++
	e.used = time.Now()
	c.mu.Unlock()
	return func() {
		c.mu.Lock()
		e.active--
		e.used = time.Now()
		c.mu.Unlock()
	}
}

// run closes idle sessions until ctx ends. Requests hold no files open
// between them, so an idle session has nothing to release.
func (c *sessionCache) run(ctx context.Context) {
	t := time.NewTicker(c.idle / 2)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			c.mu.Lock()
			for k, e := range c.m {
				if e.active == 0 && now.Sub(e.used) > c.idle {
					delete(c.m, k)
					e.sess.Close()
				}
			}
			c.mu.Unlock()
		}
	}
}

func (c *sessionCache) closeAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.m {
		delete(c.m, k)
		e.sess.Close()
	}
}
