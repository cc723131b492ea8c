package iam

import (
	"context"

	"github.com/strata-storage/strata/internal/meta"
)

// PasswordLogin is what a successful password sign-in gives: temporary
// credentials of the user (or account root), to be kept server-side by
// the console, and whether the password must be changed.
type PasswordLogin struct {
	Credentials   Credentials
	ResetRequired bool
}

// LoginWithPassword checks a password and mints an STS session of its
// holder for seconds (MinSessionSeconds to MaxSessionSeconds), with the
// holder's own rights, as AWS console federation does. Every refusal is
// ErrBadLogin and costs one argon2id hash. The caller rate-limits.
func (c *Cache) LoginWithPassword(ctx context.Context, account, user, password string, seconds int) (PasswordLogin, error) {
	lp, err := c.store.CheckPassword(ctx, account, user, password)
	if err != nil {
		return PasswordLogin{}, err
	}
	if seconds < MinSessionSeconds || seconds > MaxSessionSeconds {
		return PasswordLogin{}, validationError("The session lasts %d to %d seconds.", MinSessionSeconds, MaxSessionSeconds)
	}
	// The holder must still be known to this gateway: a user deleted
	// (with its profile) on another node between the check and now
	// gets no session.
	if _, ok := c.Account(lp.Account); !ok {
		return PasswordLogin{}, ErrBadLogin
	}
	if lp.User != "" {
		c.mu.RLock()
		u := c.users[lp.Account+"/"+lower(lp.User)]
		c.mu.RUnlock()
		if u == nil {
			return PasswordLogin{}, ErrBadLogin
		}
	}
	cr, err := c.issue(ctx, lp.Account, &Session{SourceUser: lp.User}, seconds)
	if err != nil {
		return PasswordLogin{}, err
	}
	return PasswordLogin{Credentials: cr, ResetRequired: lp.ResetRequired}, nil
}

// RenewLogin mints a fresh session for the holder of a password-login
// session (accessKey and its token) that is still valid: the console
// keeps a sign-in alive past one STS session without keeping the
// password. Only plain sessions of a user or root renew (not roles).
func (c *Cache) RenewLogin(ctx context.Context, accessKey, token string, seconds int) (Credentials, error) {
	p, _, err := c.Authenticate(ctx, accessKey, token)
	if err != nil {
		return Credentials{}, err
	}
	if p.Session == nil || p.Role != nil || p.Session.Policy != "" || len(p.Session.PolicyArns) > 0 {
		return Credentials{}, AccessDenied("Only a password sign-in session renews.")
	}
	if seconds < MinSessionSeconds || seconds > MaxSessionSeconds {
		return Credentials{}, validationError("The session lasts %d to %d seconds.", MinSessionSeconds, MaxSessionSeconds)
	}
	return c.issue(ctx, p.Account.Name, &Session{SourceUser: p.Session.SourceUser}, seconds)
}

// EndLogin deletes the session key of a password sign-in (console
// logout), so that its credentials die with the console session rather
// than at their expiry. Other keys are left alone.
func (c *Cache) EndLogin(ctx context.Context, accessKey, token string) error {
	p, _, err := c.Authenticate(ctx, accessKey, token)
	if err != nil {
		return err
	}
	if p.Session == nil || p.Role != nil {
		return AccessDenied("Only a password sign-in session ends this way.")
	}
	return c.store.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		return del(tx, touch, accessKeyKey(accessKey))
	})
}
