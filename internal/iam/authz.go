package iam

import (
	"slices"
	"strings"

	"github.com/strata-storage/strata/internal/iam/policy"
)

// Check is one authorization question: may Principal (nil: anonymous) do
// Action on Resource, owned by ResourceAccount, under the resource's
// policy and ACL?
type Check struct {
	Principal       *Principal
	Action          string // "s3:GetObject"
	Resource        string // "arn:aws:s3:::bucket/key"
	ResourceAccount string // owner account name; "" for account-level actions
	// ResourcePolicy is the bucket policy (nil: none).
	ResourcePolicy *policy.Policy
	// ACLPublic: the ACL grants the permission to AllUsers or
	// AuthenticatedUsers (as fits the caller). ACLAccount: it grants it
	// to the caller's account (canonical user).
	ACLPublic, ACLAccount bool
	// RestrictPublic: the public access block says a public bucket
	// policy grants nothing outside the owner's account.
	RestrictPublic bool
	Context        map[string][]string // condition keys
}

// Verdict is the outcome of a Check, with the reason for logs and the
// policy simulator.
type Verdict struct {
	Allowed bool
	Reason  string
}

// Decide answers a Check the way AWS evaluates policies: an explicit
// Deny anywhere wins; in the owner's account an identity policy, the
// bucket policy or the ACL may allow; across accounts the caller's
// identity policies and the resource's side must both allow; anonymous
// callers get only what the bucket grants.
func (c *Cache) Decide(ck *Check) Verdict {
	req := &policy.Request{Action: ck.Action, Resource: ck.Resource, Context: ck.Context}
	if ck.Principal == nil {
		req.Anonymous = true
	} else {
		req.Principal = ck.Principal.Principals()
	}
	identity := policy.NotApplicable
	if ck.Principal != nil {
		identity = c.identityDecision(ck.Principal, req)
	}
	resource := policy.NotApplicable
	if ck.ResourcePolicy != nil {
		resource = ck.ResourcePolicy.EvaluateResource(req)
		if resource == policy.Allow && ck.RestrictPublic && IsPublic(ck.ResourcePolicy) &&
			(ck.Principal == nil || ck.Principal.Account.Name != ck.ResourceAccount) {
			resource = policy.NotApplicable
		}
	}
	if identity == policy.Deny {
		return Verdict{false, "explicit deny in an identity or session policy"}
	}
	if resource == policy.Deny {
		return Verdict{false, "explicit deny in the bucket policy"}
	}
	if ck.Principal == nil {
		if resource == policy.Allow || ck.ACLPublic {
			return Verdict{true, "granted to anyone by the bucket"}
		}
		return Verdict{false, "anonymous and nothing grants it"}
	}
	root := ck.Principal.IsAccountRoot()
	resourceSide := resource == policy.Allow || ck.ACLPublic || (ck.ACLAccount && root)
	if ck.ResourceAccount == "" || ck.ResourceAccount == ck.Principal.Account.Name {
		if identity == policy.Allow || resourceSide {
			return Verdict{true, "allowed in the owner's account"}
		}
		return Verdict{false, "no policy allows it"}
	}
	if identity == policy.Allow && (resourceSide || ck.ACLAccount) {
		return Verdict{true, "allowed across accounts by both sides"}
	}
	return Verdict{false, "across accounts both the caller's policies and the resource must allow it"}
}

// identityDecision evaluates the principal's own policies: the account
// root may do anything (an explicit Deny can only come from a session
// policy); a user has its own and its groups' policies; a role session
// has the role's. A session policy narrows the result.
func (c *Cache) identityDecision(p *Principal, req *policy.Request) policy.Decision {
	var d policy.Decision
	if p.IsAccountRoot() {
		d = policy.Allow
	} else {
		d = c.evalDocs(c.identityDocs(p), req)
	}
	if p.Session != nil && (p.Session.Policy != "" || len(p.Session.PolicyArns) > 0) && d != policy.Deny {
		docs := slices.Clone(c.managedDocs(p.Account.Name, p.Session.PolicyArns))
		if p.Session.Policy != "" {
			docs = append(docs, p.Session.Policy)
		}
		switch c.evalDocs(docs, req) {
		case policy.Deny:
			return policy.Deny
		case policy.NotApplicable:
			return policy.NotApplicable
		}
	}
	return d
}

// identityDocs gathers the documents that apply to a user or role.
func (c *Cache) identityDocs(p *Principal) []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var docs []string
	add := func(inline map[string]string, attached []string) {
		for _, d := range inline {
			docs = append(docs, d)
		}
		docs = append(docs, c.managedDocsLocked(p.Account.Name, attached)...)
	}
	switch {
	case p.Role != nil:
		if r := c.roles[p.Account.Name+"/"+lower(p.Role.Name)]; r != nil {
			add(r.Inline, r.Attached)
		}
	case p.User != nil:
		if u := c.users[p.Account.Name+"/"+lower(p.User.Name)]; u != nil {
			add(u.Inline, u.Attached)
		}
		pfx := p.Account.Name + "/"
		for k, g := range c.groups {
			if strings.HasPrefix(k, pfx) && hasMember(g.Members, p.User.Name) {
				add(g.Inline, g.Attached)
			}
		}
	}
	return docs
}

func (c *Cache) managedDocs(account string, arns []string) []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.managedDocsLocked(account, arns)
}

func (c *Cache) managedDocsLocked(account string, arns []string) []string {
	var docs []string
	for _, arn := range arns {
		if name, ok := strings.CutPrefix(arn, builtinARNPrefix); ok {
			if d, ok := builtin[name]; ok {
				docs = append(docs, d)
			}
			continue
		}
		id, kind, name, ok := ParseARN(arn)
		if !ok || kind != "policy" {
			continue
		}
		acct := c.byID[id]
		if acct == "" {
			acct = account
		}
		if mp := c.policies[acct+"/"+lower(name)]; mp != nil {
			docs = append(docs, mp.Document())
		}
	}
	return docs
}

// evalDocs combines several documents: any Deny wins, else any Allow.
func (c *Cache) evalDocs(docs []string, req *policy.Request) policy.Decision {
	d := policy.NotApplicable
	for _, doc := range docs {
		p, err := c.Parsed(doc)
		if err != nil {
			continue
		}
		switch p.Evaluate(req) {
		case policy.Deny:
			return policy.Deny
		case policy.Allow:
			d = policy.Allow
		}
	}
	return d
}

// IsPublic reports whether a bucket policy grants anything to everyone
// without a condition that pins the caller (source IP, account, VPC,
// organization), as S3's "public" test does.
func IsPublic(p *policy.Policy) bool {
	for _, st := range p.Statements {
		if st.Effect != policy.EffectAllow || st.Principal == nil {
			continue
		}
		if !st.Principal.All && !slices.Contains(st.Principal.AWS, "*") {
			continue
		}
		if !pinsCaller(st.Condition) {
			return true
		}
	}
	return false
}

func pinsCaller(cs policy.Conditions) bool {
	for _, c := range cs {
		switch strings.ToLower(c.Key) {
		case "aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceaccount",
			"aws:sourcearn", "aws:principalaccount", "aws:principalorgid", "aws:principalarn", "aws:userid":
			return true
		}
	}
	return false
}

// Mentions reports whether any identity or session policy of p contains
// text (lower-case), e.g. a condition key whose value costs a lookup.
func (c *Cache) Mentions(p *Principal, text string) bool {
	if p.IsAccountRoot() && p.Session == nil {
		return false
	}
	docs := c.identityDocs(p)
	if p.Session != nil {
		docs = append(docs, p.Session.Policy)
	}
	for _, d := range docs {
		if c.docMentions(d, text) {
			return true
		}
	}
	return false
}

// docMentions memoizes whether a document contains text (lower-case):
// lower-casing a policy on every request costs more than evaluating it.
func (c *Cache) docMentions(doc, text string) bool {
	k := mentionKey{doc, text}
	if v, ok := c.mentions.Load(k); ok {
		return v.(bool)
	}
	m := strings.Contains(strings.ToLower(doc), text)
	c.memoAdd()
	c.mentions.Store(k, m)
	return m
}

type mentionKey struct{ doc, text string }
