package server

import (
	"context"
	"time"

	"github.com/strata-storage/strata/internal/console"
	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/strata"
)

// consoleKeys signs in by password too: the console then keeps an STS
// session of the user instead of a long-term secret.
var _ console.Passwords = consoleKeys{}

func (k consoleKeys) PasswordLogin(ctx context.Context, account, user, password string, ttl time.Duration) (console.TempKey, error) {
	l, err := k.c.LoginWithPassword(ctx, account, user, password, int(ttl/time.Second))
	if err != nil {
		return console.TempKey{}, strata.E("console.PasswordLogin", strata.Permission, err)
	}
	t, err := k.tempKey(ctx, l.Credentials)
	t.ResetRequired = l.ResetRequired
	return t, err
}

func (k consoleKeys) Renew(ctx context.Context, t console.TempKey, ttl time.Duration) (console.TempKey, error) {
	cr, err := k.c.RenewLogin(ctx, t.AccessKey, t.Token, int(ttl/time.Second))
	if err != nil {
		return console.TempKey{}, strata.E("console.Renew", strata.Permission, err)
	}
	return k.tempKey(ctx, cr)
}

// tempKey describes fresh credentials with their holder's names.
func (k consoleKeys) tempKey(ctx context.Context, cr iam.Credentials) (console.TempKey, error) {
	p, _, err := k.c.Authenticate(ctx, cr.AccessKeyID, cr.SessionToken)
	if err != nil {
		return console.TempKey{}, strata.E("console.PasswordLogin", strata.Permission, err)
	}
	user := "root"
	if p.User != nil {
		user = p.Name()
	}
	return console.TempKey{AccessKey: cr.AccessKeyID, Secret: cr.SecretAccessKey, Token: cr.SessionToken,
		Expires: cr.Expiration, Account: p.Account.Name, User: user}, nil
}

func (k consoleKeys) MayTemp(ctx context.Context, t console.TempKey, action, resource string) bool {
	p, _, err := k.c.Authenticate(ctx, t.AccessKey, t.Token)
	if err != nil {
		return false
	}
	return k.may(p, action, resource)
}

func (k consoleKeys) ResetRequired(ctx context.Context, t console.TempKey) bool {
	p, _, err := k.c.Authenticate(ctx, t.AccessKey, t.Token)
	if err != nil {
		return false
	}
	user := ""
	if p.User != nil {
		user = p.User.Name
	}
	lp, err := k.c.Store().GetLoginProfile(ctx, p.Account.Name, user)
	return err == nil && lp.ResetRequired
}

func (k consoleKeys) End(ctx context.Context, t console.TempKey) error {
	return k.c.EndLogin(ctx, t.AccessKey, t.Token)
}
