package iam

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"time"

	"github.com/strata-storage/strata/internal/iam/policy"
)

// Credentials are temporary credentials handed out by STS.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	Expiration      time.Time
}

// GetSessionToken issues temporary credentials with the caller's own
// rights. Sessions cannot call it (as on AWS).
func (c *Cache) GetSessionToken(ctx context.Context, p *Principal, seconds int) (Credentials, error) {
	if p.Session != nil {
		return Credentials{}, AccessDenied("Cannot call GetSessionToken with session credentials")
	}
	if seconds == 0 {
		seconds = 43200
	}
	if seconds < MinSessionSeconds || seconds > 129600 {
		return Credentials{}, validationError("The requested DurationSeconds exceeds the allowed range (900 to 129600 seconds).")
	}
	sess := &Session{SourceUser: p.Name()}
	return c.issue(ctx, p.Account.Name, sess, seconds)
}

// AssumeRoleInput is what AssumeRole takes.
type AssumeRoleInput struct {
	RoleARN, SessionName string
	Seconds              int
	Policy               string
	PolicyArns           []string
	Info                 RequestInfo
}

// AssumeRole issues credentials of a role when its trust policy lets the
// caller in and the caller's own policies allow sts:AssumeRole on it
// (a principal of the role's account named by the trust policy needs
// nothing more, as on AWS).
func (c *Cache) AssumeRole(ctx context.Context, p *Principal, in AssumeRoleInput) (Credentials, Role, error) {
	if err := checkName("RoleSession", in.SessionName, 64); err != nil || len(in.SessionName) < 2 {
		return Credentials{}, Role{}, validationError("1 validation error detected: Value '%s' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2 and match [\\w+=,.@-]*", in.SessionName)
	}
	accID, kind, name, ok := ParseARN(in.RoleARN)
	if !ok || kind != "role" {
		return Credentials{}, Role{}, validationError("%s is invalid", in.RoleARN)
	}
	acct, ok := c.AccountByID(accID)
	if !ok {
		return Credentials{}, Role{}, AccessDenied("Not authorized to perform sts:AssumeRole on %s", in.RoleARN)
	}
	role, ok := c.Role(acct.Name, name)
	if !ok {
		return Credentials{}, Role{}, AccessDenied("Not authorized to perform sts:AssumeRole on %s", in.RoleARN)
	}
	if in.Seconds == 0 {
		in.Seconds = DefaultSessionSeconds
	}
	if in.Seconds < MinSessionSeconds || in.Seconds > role.MaxSession {
		return Credentials{}, Role{}, validationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
	}
	if in.Policy != "" {
		if err := ValidateSessionPolicy(in.Policy); err != nil {
			return Credentials{}, Role{}, err
		}
	}
	trust, err := c.Parsed(role.Trust)
	if err != nil {
		return Credentials{}, Role{}, AccessDenied("Not authorized to perform sts:AssumeRole on %s", in.RoleARN)
	}
	ctxKeys := Context(p, in.Info)
	ctxKeys["sts:rolesessionname"] = []string{in.SessionName}
	v := c.Decide(&Check{Principal: p, Action: "sts:AssumeRole", Resource: in.RoleARN,
		ResourceAccount: acct.Name, ResourcePolicy: trust, Context: ctxKeys})
	if !v.Allowed || trust.EvaluateResource(&policy.Request{Action: "sts:AssumeRole", Resource: in.RoleARN,
		Principal: p.Principals(), Context: ctxKeys}) != policy.Allow {
		return Credentials{}, Role{}, AccessDenied("User: %s is not authorized to perform: sts:AssumeRole on resource: %s", p.ARN(), in.RoleARN)
	}
	sess := &Session{Role: role.Name, Name: in.SessionName, Policy: in.Policy, PolicyArns: in.PolicyArns}
	cr, err := c.issue(ctx, acct.Name, sess, in.Seconds)
	return cr, role, err
}

// issue stores a session key and returns its credentials.
func (c *Cache) issue(ctx context.Context, account string, sess *Session, seconds int) (Credentials, error) {
	tok := make([]byte, 96)
	rand.Read(tok)
	token := base64.StdEncoding.EncodeToString(tok)
	h := sha256.Sum256([]byte(token))
	now := time.Now().UTC()
	sess.TokenHash, sess.Expires = h[:], now.Add(time.Duration(seconds)*time.Second).Truncate(time.Second)
	cr := Credentials{AccessKeyID: NewAccessKeyID(true), SecretAccessKey: NewSecret(), SessionToken: token, Expiration: sess.Expires}
	k := AccessKey{ID: cr.AccessKeyID, Account: account, Status: KeyActive, Created: now, Session: sess}
	if err := c.store.PutSessionKey(ctx, k, cr.SecretAccessKey); err != nil {
		return Credentials{}, err
	}
	return cr, nil
}
