package iam

import (
	"strconv"
	"time"
)

// Principal is who signed a request: an account's root, one of its IAM
// users, or an STS session (of a user, a root or an assumed role).
type Principal struct {
	Account Account
	User    *User     // nil: the account root (or a role session)
	Role    *Role     // set for assumed-role sessions
	Key     AccessKey // the access key that signed
	Session *Session  // set for temporary credentials
}

// IsAccountRoot reports whether p acts with the account root's rights.
func (p *Principal) IsAccountRoot() bool { return p.User == nil && p.Role == nil }

// IsAdmin reports whether p is the root of the first account, who
// administers accounts and the cluster. A session of it is not.
func (p *Principal) IsAdmin() bool {
	return p.Account.Name == RootAccount && p.IsAccountRoot() && p.Session == nil
}

// ARN is the principal's ARN.
func (p *Principal) ARN() string {
	switch {
	case p.Role != nil:
		return AssumedRoleARN(p.Account.ID, p.Role.Name, p.Session.Name)
	case p.User != nil:
		return EntityARN(p.Account.ID, "user", p.User.Path, p.User.Name)
	}
	return AccountARN(p.Account.ID)
}

// UserID is aws:userid: the user's unique id, the account ID for a
// root, or "ROLEID:session" for an assumed role.
func (p *Principal) UserID() string {
	switch {
	case p.Role != nil:
		return p.Role.ID + ":" + p.Session.Name
	case p.User != nil:
		return p.User.ID
	}
	return p.Account.ID
}

// Name is aws:username ("" for roots and roles, as AWS leaves it unset).
func (p *Principal) Name() string {
	if p.User != nil && p.Role == nil {
		return p.User.Name
	}
	return ""
}

// Type is aws:PrincipalType.
func (p *Principal) Type() string {
	switch {
	case p.Role != nil:
		return "AssumedRole"
	case p.User != nil:
		return "User"
	}
	return "Account"
}

// Principals lists every name a policy may use for p: its ARN, the
// account root ARN, the account ID and the canonical user id (the
// account name), plus the role's ARN for a role session.
func (p *Principal) Principals() []string {
	out := []string{p.ARN(), AccountARN(p.Account.ID), p.Account.ID, p.Account.Name}
	if p.Role != nil {
		out = append(out, EntityARN(p.Account.ID, "role", p.Role.Path, p.Role.Name))
	}
	return out
}

// RequestInfo is what a door knows of a request's transport, for the
// global condition keys.
type RequestInfo struct {
	SourceIP  string
	Secure    bool
	Referer   string
	UserAgent string
	Now       time.Time
}

// Context returns the global condition keys of a request by p (nil:
// anonymous). Doors add their service keys (s3:prefix, ...).
func Context(p *Principal, ri RequestInfo) map[string][]string {
	now := ri.Now
	if now.IsZero() {
		now = time.Now()
	}
	c := map[string][]string{
		"aws:currenttime":     {now.UTC().Format(time.RFC3339)},
		"aws:epochtime":       {strconv.FormatInt(now.Unix(), 10)},
		"aws:securetransport": {strconv.FormatBool(ri.Secure)},
	}
	if ri.SourceIP != "" {
		c["aws:sourceip"] = []string{ri.SourceIP}
	}
	if ri.Referer != "" {
		c["aws:referer"] = []string{ri.Referer}
	}
	if ri.UserAgent != "" {
		c["aws:useragent"] = []string{ri.UserAgent}
	}
	if p == nil {
		c["aws:principaltype"] = []string{"Anonymous"}
		return c
	}
	c["aws:principaltype"] = []string{p.Type()}
	c["aws:principalaccount"] = []string{p.Account.ID}
	c["aws:principalarn"] = []string{p.ARN()}
	c["aws:userid"] = []string{p.UserID()}
	if n := p.Name(); n != "" {
		c["aws:username"] = []string{n}
	}
	if p.Session != nil {
		c["aws:tokenissuetime"] = []string{p.Key.Created.UTC().Format(time.RFC3339)}
	}
	// Ceph RGW's key (s3-tests use it): whether the request was signed
	// with temporary credentials from STS.
	c["sts:authentication"] = []string{strconv.FormatBool(p.Session != nil)}
	if p.User != nil {
		for k, v := range p.User.Tags {
			c["aws:principaltag/"+lower(k)] = []string{v}
		}
	}
	return c
}
