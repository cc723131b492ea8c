package restapi

import (
	"net"
	"strings"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/strata"
)

// SimulateRequest asks "may this principal do action on resource?".
type SimulateRequest struct {
	// Principal: an account (default the caller's) and a user or a role
	// of it; neither means the account's root.
	Account string `json:"account,omitempty"`
	User    string `json:"user,omitempty"`
	Role    string `json:"role,omitempty"`
	Action  string `json:"action"`
	// Resource is an ARN; for "arn:aws:s3:::bucket[/key]" the bucket's
	// owner and policy take part, as in a real request.
	Resource string              `json:"resource"`
	Context  map[string][]string `json:"context,omitempty"` // extra condition keys
}

// SimulateResult is the decision and the statements behind it.
type SimulateResult struct {
	Allowed    bool          `json:"allowed"`
	Reason     string        `json:"reason"`
	Principal  string        `json:"principal"`
	Statements []iam.Matched `json:"statements"`
}

// simulateRes is the simulated principal as an IAM resource: simulating
// a user's rights is reading their policies.
func simulateRes(c *Call) (Resource, error) {
	var req SimulateRequest
	if err := peekJSON(c, &req); err != nil {
		return Resource{}, err
	}
	acct, err := c.accountNamed(req.Account)
	if err != nil {
		return Resource{}, err
	}
	kind, name := "user", req.User
	switch {
	case req.Role != "":
		kind, name = "role", req.Role
	case req.User == "":
		return Resource{ARN: iam.AccountARN(acct.ID), Account: acct.Name}, nil
	}
	return Resource{ARN: iam.EntityARN(acct.ID, kind, "/", name), Account: acct.Name}, nil
}

func (a *API) simulateRoutes() {
	a.Handle(Route{Method: "POST", Path: "/iam/simulate", Action: "iam:SimulatePrincipalPolicy", Resource: simulateRes,
		Handle: func(c *Call) (any, error) {
			var req SimulateRequest
			if err := peekJSON(c, &req); err != nil {
				return nil, err
			}
			if req.Action == "" || req.Resource == "" {
				return nil, strata.Errorf("restapi", strata.Invalid, "action and resource are required")
			}
			acct, err := c.accountNamed(req.Account)
			if err != nil {
				return nil, err
			}
			p, err := a.opts.IAM.Principal(acct.Name, req.User, req.Role)
			if err != nil {
				return nil, err
			}
			ip, _, _ := net.SplitHostPort(c.R.RemoteAddr)
			ctx := iam.Context(p, iam.RequestInfo{SourceIP: ip, Secure: c.R.TLS != nil, UserAgent: c.R.UserAgent()})
			for k, v := range req.Context {
				ctx[strings.ToLower(k)] = v
			}
			ck := &iam.Check{Principal: p, Action: req.Action, Resource: req.Resource, Context: ctx}
			if bucket, ok := strings.CutPrefix(req.Resource, "arn:aws:s3:::"); ok && a.opts.Buckets != nil {
				bucket, _, _ = strings.Cut(bucket, "/")
				if b, err := a.opts.Buckets.GetBucket(c.Context(), bucket); err == nil {
					ck.ResourceAccount = b.Account
					if doc, err := a.opts.Buckets.GetBucketConfig(c.Context(), bucket, "policy"); err == nil {
						ck.ResourcePolicy, _ = a.opts.IAM.Parsed(string(doc))
					}
				}
			}
			ex := a.opts.IAM.Explain(ck)
			out := SimulateResult{Allowed: ex.Allowed, Reason: ex.Reason, Principal: p.ARN(), Statements: ex.Statements}
			if out.Statements == nil {
				out.Statements = []iam.Matched{}
			}
			return out, nil
		}})
}

// accountNamed is target() for an account named in a body.
func (c *Call) accountNamed(name string) (iam.Account, error) {
	if name == "" || name == c.Principal.Account.Name {
		return c.Principal.Account, nil
	}
	if !c.Admin {
		return iam.Account{}, apiErr(403, "AccessDenied", "only the administrator may act on another account")
	}
	if a, ok := c.api.opts.IAM.Account(name); ok {
		return a, nil
	}
	return c.store().GetAccount(c.Context(), name)
}
