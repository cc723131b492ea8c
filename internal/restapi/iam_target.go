package restapi

import (
	"net/http"

	"github.com/strata-storage/strata/internal/iam"
)

// target is the account an identity call acts on: the caller's, or the
// one named by ?account= (the administrator only).
func (c *Call) target() (iam.Account, error) {
	name := c.Query("account")
	if name == "" || name == c.Principal.Account.Name {
		return c.Principal.Account, nil
	}
	if !c.Admin {
		return iam.Account{}, apiErr(http.StatusForbidden, "AccessDenied", "only the administrator may act on another account")
	}
	if a, ok := c.api.opts.IAM.Account(name); ok {
		return a, nil
	}
	return c.api.opts.IAM.Store().GetAccount(c.Context(), name)
}

// entity returns the Resource function of an IAM entity named by a path
// wildcard ("" wildcard: every entity of the kind).
func entity(kind, wildcard string) func(c *Call) (Resource, error) {
	return func(c *Call) (Resource, error) {
		a, err := c.target()
		if err != nil {
			return Resource{}, err
		}
		name := "*"
		if wildcard != "" {
			name = c.Path(wildcard)
		}
		return Resource{ARN: iam.EntityARN(a.ID, kind, "/", name), Account: a.Name}, nil
	}
}

// store is the IAM store, for the handlers.
func (c *Call) store() *iam.Store { return c.api.opts.IAM.Store() }
