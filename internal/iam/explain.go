package iam

import (
	"strings"

	"github.com/strata-storage/strata/internal/iam/policy"
)

// Matched is one policy statement that applies to a Check.
type Matched struct {
	// Source names the document: "user inline policy NAME", "group G
	// inline policy NAME", "managed policy ARN", "bucket policy".
	Source string `json:"source"`
	Index  int    `json:"index"` // the statement's position in the document
	Sid    string `json:"sid,omitempty"`
	Effect string `json:"effect"`
}

// Explanation is a Verdict with the statements behind it, for the
// policy simulator.
type Explanation struct {
	Verdict
	Statements []Matched
}

// Principal builds the principal of a user ("" for the account root) or
// of a session of a role, as the simulator asks about them.
func (c *Cache) Principal(account, user, role string) (*Principal, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	a := c.accounts[account]
	if a == nil {
		return nil, noSuchEntity("The account with name %s cannot be found.", account)
	}
	p := &Principal{Account: *a}
	switch {
	case role != "":
		r := c.roles[account+"/"+lower(role)]
		if r == nil {
			return nil, noSuchEntity("The role with name %s cannot be found.", role)
		}
		rc := *r
		p.Role, p.Session = &rc, &Session{Role: r.Name, Name: "simulator"}
	case user != "":
		u := c.users[account+"/"+lower(user)]
		if u == nil {
			return nil, noSuchEntity("The user with name %s cannot be found.", user)
		}
		uc := *u
		p.User = &uc
	}
	return p, nil
}

// Explain decides ck as Decide does and lists every statement of the
// principal's policies and of the resource policy that applies.
func (c *Cache) Explain(ck *Check) Explanation {
	ex := Explanation{Verdict: c.Decide(ck)}
	req := &policy.Request{Action: ck.Action, Resource: ck.Resource, Context: ck.Context}
	if ck.Principal == nil {
		req.Anonymous = true
	} else {
		req.Principal = ck.Principal.Principals()
		for _, d := range c.labelledDocs(ck.Principal) {
			if p, err := c.Parsed(d.doc); err == nil {
				ex.Statements = append(ex.Statements, matching(d.source, p, req, false)...)
			}
		}
	}
	if ck.ResourcePolicy != nil {
		ex.Statements = append(ex.Statements, matching("bucket policy", ck.ResourcePolicy, req, true)...)
	}
	return ex
}

func matching(source string, p *policy.Policy, req *policy.Request, resource bool) []Matched {
	var out []Matched
	for i, st := range p.Statements {
		one := &policy.Policy{Version: p.Version, Statements: []policy.Statement{st}}
		d := one.Evaluate(req)
		if resource {
			d = one.EvaluateResource(req)
		}
		if d != policy.NotApplicable {
			out = append(out, Matched{Source: source, Index: i, Sid: st.Sid, Effect: string(st.Effect)})
		}
	}
	return out
}

type labelled struct{ source, doc string }

// labelledDocs is identityDocs with the name of each document.
func (c *Cache) labelledDocs(p *Principal) []labelled {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []labelled
	add := func(owner string, inline map[string]string, attached []string) {
		for name, d := range inline {
			out = append(out, labelled{owner + " inline policy " + name, d})
		}
		for _, arn := range attached {
			for _, d := range c.managedDocsLocked(p.Account.Name, []string{arn}) {
				out = append(out, labelled{"managed policy " + arn, d})
			}
		}
	}
	switch {
	case p.Role != nil:
		if r := c.roles[p.Account.Name+"/"+lower(p.Role.Name)]; r != nil {
			add("role "+r.Name, r.Inline, r.Attached)
		}
	case p.User != nil:
		if u := c.users[p.Account.Name+"/"+lower(p.User.Name)]; u != nil {
			add("user "+u.Name, u.Inline, u.Attached)
		}
		pfx := p.Account.Name + "/"
		for k, g := range c.groups {
			if strings.HasPrefix(k, pfx) && hasMember(g.Members, p.User.Name) {
				add("group "+g.Name, g.Inline, g.Attached)
			}
		}
	}
	return out
}
