package iam

import "time"

// RootAccount is the name of the first account, whose root credentials
// come from the node's configuration. Its root user administers every
// account.
const RootAccount = "root"

// Account is a tenant: it owns buckets, users, groups, roles and
// policies. Name is what buckets and ACLs record as the owner (the
// canonical user id); ID is the 12-digit number in ARNs.
type Account struct {
	Name    string    `json:"name"`
	ID      string    `json:"id"`
	Email   string    `json:"email,omitempty"`
	Created time.Time `json:"created"`
	// PublicAccessBlock applies to every bucket of the account.
	PublicAccessBlock *PublicAccessBlock `json:"public_access_block,omitempty"`
}

// PublicAccessBlock is the S3 public access block, per bucket or account.
type PublicAccessBlock struct {
	BlockPublicAcls       bool `json:"block_public_acls,omitempty" xml:"BlockPublicAcls"`
	IgnorePublicAcls      bool `json:"ignore_public_acls,omitempty" xml:"IgnorePublicAcls"`
	BlockPublicPolicy     bool `json:"block_public_policy,omitempty" xml:"BlockPublicPolicy"`
	RestrictPublicBuckets bool `json:"restrict_public_buckets,omitempty" xml:"RestrictPublicBuckets"`
}

// User is an IAM user of an account.
type User struct {
	Account  string            `json:"account"`
	Name     string            `json:"name"`
	ID       string            `json:"id"` // AIDA…
	Path     string            `json:"path"`
	Created  time.Time         `json:"created"`
	Inline   map[string]string `json:"inline,omitempty"`   // policy name → document
	Attached []string          `json:"attached,omitempty"` // managed policy ARNs
	Tags     map[string]string `json:"tags,omitempty"`
}

// Group is a set of users sharing policies.
type Group struct {
	Account  string            `json:"account"`
	Name     string            `json:"name"`
	ID       string            `json:"id"` // AGPA…
	Path     string            `json:"path"`
	Created  time.Time         `json:"created"`
	Members  []string          `json:"members,omitempty"`
	Inline   map[string]string `json:"inline,omitempty"`
	Attached []string          `json:"attached,omitempty"`
}

// Role is an identity that trusted principals assume through STS.
type Role struct {
	Account     string            `json:"account"`
	Name        string            `json:"name"`
	ID          string            `json:"id"` // AROA…
	Path        string            `json:"path"`
	Created     time.Time         `json:"created"`
	Description string            `json:"description,omitempty"`
	Trust       string            `json:"trust"` // assume-role policy document
	MaxSession  int               `json:"max_session"`
	Inline      map[string]string `json:"inline,omitempty"`
	Attached    []string          `json:"attached,omitempty"`
	Tags        map[string]string `json:"tags,omitempty"`
}

// ManagedPolicy is a standalone policy that users, groups and roles
// attach. Versions keep their documents; Default names the one in force.
type ManagedPolicy struct {
	Account     string          `json:"account"`
	Name        string          `json:"name"`
	ID          string          `json:"id"` // ANPA…
	Path        string          `json:"path"`
	Description string          `json:"description,omitempty"`
	Created     time.Time       `json:"created"`
	Updated     time.Time       `json:"updated"`
	Default     string          `json:"default"` // "v1"
	Versions    []PolicyVersion `json:"versions"`
	NextVersion int             `json:"next_version"`
}

// PolicyVersion is one document of a managed policy.
type PolicyVersion struct {
	ID       string    `json:"id"`
	Document string    `json:"document"`
	Created  time.Time `json:"created"`
}

// Document returns the default version's document.
func (p *ManagedPolicy) Document() string {
	for _, v := range p.Versions {
		if v.ID == p.Default {
			return v.Document
		}
	}
	return ""
}

// Key status values.
const (
	KeyActive   = "Active"
	KeyInactive = "Inactive"
)

// AccessKey is a long-term credential of an account root ("" User) or of
// an IAM user, or the temporary credential of an STS session (Session
// set). The secret is stored sealed.
type AccessKey struct {
	ID      string    `json:"id"`
	Sealed  []byte    `json:"sealed"` // the secret, sealed under the cluster key
	Account string    `json:"account"`
	User    string    `json:"user,omitempty"` // "" = the account's root
	Status  string    `json:"status"`
	Created time.Time `json:"created"`
	// Bootstrap keys come from a node's configuration (the root key and
	// --user seeds): they cannot be deleted through the API.
	Bootstrap bool     `json:"bootstrap,omitempty"`
	Session   *Session `json:"session,omitempty"`
}

// Session is what an STS call granted: the identity acted as, the
// expiry, the token to present and the session policy that narrows it.
type Session struct {
	Expires time.Time `json:"expires"`
	// TokenHash is SHA-256 of the session token (the token is bearer
	// material and is never stored).
	TokenHash []byte `json:"token_hash"`
	// Role and Name are set for AssumeRole: the assumed role and the
	// session name; empty for GetSessionToken (the caller's own rights).
	Role   string `json:"role,omitempty"`
	Name   string `json:"name,omitempty"`
	Policy string `json:"policy,omitempty"` // session policy document
	// PolicyArns are managed session policies.
	PolicyArns []string `json:"policy_arns,omitempty"`
	SourceUser string   `json:"source_user,omitempty"` // user that called STS ("" = account root)
}

// KeyUse is the last use of an access key, kept apart from the key so
// that the hot path writes a small record, and rarely.
type KeyUse struct {
	Time    time.Time `json:"time"`
	Service string    `json:"service"`
	Region  string    `json:"region"`
}
