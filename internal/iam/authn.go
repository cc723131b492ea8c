package iam

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// Authentication errors, with the codes S3, IAM and STS send.
var (
	ErrUnknownKey   = newErr("InvalidAccessKeyId", http.StatusForbidden, strata.Permission, "The AWS Access Key Id you provided does not exist in our records.")
	ErrExpiredToken = newErr("ExpiredToken", http.StatusBadRequest, strata.Permission, "The provided token has expired.")
	ErrInvalidToken = newErr("InvalidToken", http.StatusBadRequest, strata.Permission, "The provided token is malformed or otherwise invalid.")
)

// Authenticate resolves an access key (and, for temporary credentials,
// its session token) to the principal and the secret that signs. An
// inactive key, a key of a deleted user, an expired session or a wrong
// token fail.
func (c *Cache) Authenticate(ctx context.Context, id, token string) (*Principal, string, error) {
	c.mu.RLock()
	ck := c.keys[id]
	c.mu.RUnlock()
	if ck == nil {
		// Not seen yet: a key created a moment ago on another gateway.
		k, err := c.store.GetAccessKey(ctx, id)
		if err != nil {
			if strata.Is(err, strata.NotExist) {
				return nil, "", ErrUnknownKey
			}
			return nil, "", err
		}
		secret, err := c.store.seal.Open(k.ID, k.Sealed)
		if err != nil {
			return nil, "", err
		}
		ck = &cachedKey{rec: k, secret: secret}
	}
	k := ck.rec
	if k.Status != KeyActive {
		return nil, "", ErrUnknownKey
	}
	if k.Session != nil {
		if token == "" {
			return nil, "", ErrInvalidToken
		}
		h := sha256.Sum256([]byte(token))
		if subtle.ConstantTimeCompare(h[:], k.Session.TokenHash) != 1 {
			return nil, "", ErrInvalidToken
		}
		if c.clock().After(k.Session.Expires) {
			return nil, "", ErrExpiredToken
		}
	}
	p, err := c.principal(k)
	if err != nil {
		return nil, "", err
	}
	c.noteUse(id)
	return p, ck.secret, nil
}

// principal builds the principal of a key from the cached records.
func (c *Cache) principal(k AccessKey) (*Principal, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	a := c.accounts[k.Account]
	if a == nil {
		return nil, ErrUnknownKey
	}
	p := &Principal{Account: *a, Key: k, Session: k.Session}
	if k.Session != nil && k.Session.Role != "" {
		r := c.roles[k.Account+"/"+lower(k.Session.Role)]
		if r == nil {
			return nil, ErrInvalidToken
		}
		rc := *r
		p.Role = &rc
		return p, nil
	}
	user := k.User
	if k.Session != nil {
		user = k.Session.SourceUser
	}
	if user != "" {
		u := c.users[k.Account+"/"+lower(user)]
		if u == nil {
			return nil, ErrUnknownKey
		}
		uc := *u
		p.User = &uc
	}
	return p, nil
}

// noteUse records a key's last use, throttled to one write per key a
// minute per gateway, off the request path.
func (c *Cache) noteUse(id string) {
	now := time.Now()
	if last, ok := c.uses.Load(id); ok && now.Sub(last.(time.Time)) < time.Minute {
		return
	}
	c.uses.Store(id, now)
	c.bgMu.Lock()
	defer c.bgMu.Unlock()
	if c.closed {
		return
	}
	c.bg.Add(1)
	go func() {
		defer c.bg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := c.store.RecordUse(ctx, id, KeyUse{Time: now.UTC(), Service: "s3"}); err != nil {
			c.store.log.Debug("last-used not recorded", "key", id, "err", err)
		}
	}()
}
