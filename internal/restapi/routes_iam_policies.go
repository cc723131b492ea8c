package restapi

import (
	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/strata"
)

// NewPolicy creates a managed policy.
type NewPolicy struct {
	Name        string `json:"name"`
	Path        string `json:"path,omitempty"`
	Description string `json:"description,omitempty"`
	Document    string `json:"document"`
}

// Policy is a managed policy with its document in force.
type Policy struct {
	Name        string `json:"name"`
	ARN         string `json:"arn"`
	Path        string `json:"path"`
	Description string `json:"description,omitempty"`
	Version     string `json:"version"`
	Document    string `json:"document"`
	Builtin     bool   `json:"builtin,omitempty"` // an AWS managed policy, read-only
	// Versions are every stored version (one policy only, not in lists).
	Versions []iam.PolicyVersion `json:"versions,omitempty"`
}

// PolicyRef names a managed policy by ARN.
type PolicyRef struct {
	ARN string `json:"arn"`
}

// Holding lists the policies of a user, group or role.
type Holding struct {
	Inline   map[string]string `json:"inline"`   // name → document
	Attached []string          `json:"attached"` // managed policy ARNs
}

func policyView(accountID string, p iam.ManagedPolicy) Policy {
	return Policy{Name: p.Name, ARN: iam.PolicyARN(accountID, p), Path: p.Path, Description: p.Description,
		Version: p.Default, Document: p.Document()}
}

// findPolicy returns the account's managed policy by name.
func (c *Call) findPolicy(name string) (iam.Account, iam.ManagedPolicy, error) {
	acct, err := c.target()
	if err != nil {
		return acct, iam.ManagedPolicy{}, err
	}
	ps, err := c.store().ListPolicies(c.Context(), acct.Name, "")
	if err != nil {
		return acct, iam.ManagedPolicy{}, err
	}
	for _, p := range ps {
		if p.Name == name {
			return acct, p, nil
		}
	}
	return acct, iam.ManagedPolicy{}, strata.Errorf("restapi", strata.NotExist, "no policy %q", name)
}

func (a *API) policyRoutes() {
	a.Handle(Route{Method: "GET", Path: "/policies", Action: "iam:ListPolicies", Resource: entity("policy", ""),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			ps, err := c.store().ListPolicies(c.Context(), acct.Name, "")
			out := []Policy{}
			for _, p := range ps {
				out = append(out, policyView(acct.ID, p))
			}
			for _, p := range iam.BuiltinPolicies() {
				v := policyView("", p)
				v.ARN, v.Builtin = iam.BuiltinARN(p.Name), true
				out = append(out, v)
			}
			return out, err
		}})
	a.Handle(Route{Method: "POST", Path: "/policies", Action: "iam:CreatePolicy", Resource: entity("policy", ""),
		Handle: func(c *Call) (any, error) {
			var req NewPolicy
			if err := c.Decode(&req); err != nil {
				return nil, err
			}
			acct, _ := c.target()
			p, err := c.store().CreatePolicy(c.Context(), acct.Name, req.Name, req.Path, req.Description, req.Document)
			return policyView(acct.ID, p), err
		}})
	a.Handle(Route{Method: "GET", Path: "/policies/{policy}", Action: "iam:GetPolicy", Resource: entity("policy", "policy"),
		Handle: func(c *Call) (any, error) {
			acct, p, err := c.findPolicy(c.Path("policy"))
			v := policyView(acct.ID, p)
			v.Versions = p.Versions
			return v, err
		}})
	a.Handle(Route{Method: "PUT", Path: "/policies/{policy}", Action: "iam:CreatePolicyVersion", Resource: entity("policy", "policy"),
		Handle: func(c *Call) (any, error) {
			var req Document
			if err := c.Decode(&req); err != nil {
				return nil, err
			}
			acct, p, err := c.findPolicy(c.Path("policy"))
			if err != nil {
				return nil, err
			}
			if _, err := c.store().CreatePolicyVersion(c.Context(), iam.PolicyARN(acct.ID, p), req.Document, true); err != nil {
				return nil, err
			}
			acct, p, err = c.findPolicy(c.Path("policy"))
			return policyView(acct.ID, p), err
		}})
	a.Handle(Route{Method: "DELETE", Path: "/policies/{policy}", Action: "iam:DeletePolicy", Resource: entity("policy", "policy"),
		Handle: func(c *Call) (any, error) {
			acct, p, err := c.findPolicy(c.Path("policy"))
			if err != nil {
				return nil, err
			}
			return map[string]string{"removed": p.Name}, c.store().DeletePolicy(c.Context(), iam.PolicyARN(acct.ID, p))
		}})
}

// holderRoutes serve the inline and attached policies of users, groups
// and roles.
func (a *API) holderRoutes() {
	for _, h := range []struct{ kind, plural, Kind string }{{"user", "users", "User"}, {"group", "groups", "Group"}, {"role", "roles", "Role"}} {
		kind, base := h.kind, "/"+h.plural+"/{"+h.kind+"}/policies"
		res := entity(kind, kind)
		a.Handle(Route{Method: "GET", Path: base, Action: "iam:List" + h.Kind + "Policies", Resource: res,
			Handle: func(c *Call) (any, error) {
				acct, _ := c.target()
				names, err := c.store().ListInlinePolicies(c.Context(), kind, acct.Name, c.Path(kind))
				if err != nil {
					return nil, err
				}
				out := Holding{Inline: map[string]string{}}
				for _, n := range names {
					if out.Inline[n], err = c.store().GetInlinePolicy(c.Context(), kind, acct.Name, c.Path(kind), n); err != nil {
						return nil, err
					}
				}
				out.Attached, err = c.store().ListAttachedPolicies(c.Context(), kind, acct.Name, c.Path(kind))
				if out.Attached == nil {
					out.Attached = []string{}
				}
				return out, err
			}})
		a.Handle(Route{Method: "PUT", Path: base + "/inline/{policy}", Action: "iam:Put" + h.Kind + "Policy", Resource: res,
			Handle: func(c *Call) (any, error) {
				var req Document
				if err := c.Decode(&req); err != nil {
					return nil, err
				}
				acct, _ := c.target()
				return req, c.store().PutInlinePolicy(c.Context(), kind, acct.Name, c.Path(kind), c.Path("policy"), req.Document)
			}})
		a.Handle(Route{Method: "GET", Path: base + "/inline/{policy}", Action: "iam:Get" + h.Kind + "Policy", Resource: res,
			Handle: func(c *Call) (any, error) {
				acct, _ := c.target()
				doc, err := c.store().GetInlinePolicy(c.Context(), kind, acct.Name, c.Path(kind), c.Path("policy"))
				return Document{Document: doc}, err
			}})
		a.Handle(Route{Method: "DELETE", Path: base + "/inline/{policy}", Action: "iam:Delete" + h.Kind + "Policy", Resource: res,
			Handle: func(c *Call) (any, error) {
				acct, _ := c.target()
				return map[string]string{"removed": c.Path("policy")},
					c.store().DeleteInlinePolicy(c.Context(), kind, acct.Name, c.Path(kind), c.Path("policy"))
			}})
		a.Handle(Route{Method: "POST", Path: base + "/attached", Action: "iam:Attach" + h.Kind + "Policy", Resource: res,
			Handle: func(c *Call) (any, error) {
				var req PolicyRef
				if err := c.Decode(&req); err != nil {
					return nil, err
				}
				acct, _ := c.target()
				return req, c.store().AttachPolicy(c.Context(), kind, acct.Name, c.Path(kind), req.ARN)
			}})
		a.Handle(Route{Method: "DELETE", Path: base + "/attached/{arn...}", Action: "iam:Detach" + h.Kind + "Policy", Resource: res,
			Handle: func(c *Call) (any, error) {
				acct, _ := c.target()
				return map[string]string{"detached": c.Path("arn")},
					c.store().DetachPolicy(c.Context(), kind, acct.Name, c.Path(kind), c.Path("arn"))
			}})
	}
}
