package restapi

import (
	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/strata"
)

// KeyUse is when and where a key was last used.
type KeyUse struct {
	AccessKey string     `json:"access_key"`
	User      string     `json:"user,omitempty"`
	LastUsed  iam.KeyUse `json:"last_used"`
}

// accountRes is the target account itself, for actions on its root.
func accountRes(c *Call) (Resource, error) {
	a, err := c.target()
	if err != nil {
		return Resource{}, err
	}
	return Resource{ARN: iam.AccountARN(a.ID), Account: a.Name}, nil
}

func keyView(k iam.AccessKey) Key {
	return Key{AccessKey: k.ID, User: k.User, Status: k.Status, Created: k.Created.UTC().Format("2006-01-02T15:04:05Z"), Bootstrap: k.Bootstrap}
}

// rootKeyRoutes serve the keys of the account root itself, and a key's
// last use (of the root or of a user).
func (a *API) rootKeyRoutes() {
	a.Handle(Route{Method: "GET", Path: "/keys", Action: "iam:ListAccessKeys", Resource: accountRes,
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			ks, err := c.store().ListAccessKeys(c.Context(), acct.Name, "")
			out := make([]Key, 0, len(ks))
			for _, k := range ks {
				out = append(out, keyView(k))
			}
			return out, err
		}})
	a.Handle(Route{Method: "POST", Path: "/keys", Action: "iam:CreateAccessKey", Resource: accountRes,
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			k, secret, err := c.store().CreateAccessKey(c.Context(), acct.Name, "")
			if err != nil {
				return nil, err
			}
			return NewKey{AccessKey: k.ID, SecretKey: secret, Status: k.Status}, nil
		}})
	a.Handle(Route{Method: "PUT", Path: "/keys/{key}", Action: "iam:UpdateAccessKey", Resource: accountRes,
		Handle: func(c *Call) (any, error) {
			var req KeyStatus
			if err := c.Decode(&req); err != nil {
				return nil, err
			}
			if req.Status != iam.KeyActive && req.Status != iam.KeyInactive {
				return nil, strata.Errorf("restapi", strata.Invalid, "status is Active or Inactive")
			}
			acct, _ := c.target()
			return req, c.store().UpdateAccessKey(c.Context(), acct.Name, "", c.Path("key"), req.Status)
		}})
	a.Handle(Route{Method: "DELETE", Path: "/keys/{key}", Action: "iam:DeleteAccessKey", Resource: accountRes,
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			return map[string]string{"removed": c.Path("key")}, c.store().DeleteAccessKey(c.Context(), acct.Name, "", c.Path("key"))
		}})
	a.Handle(Route{Method: "GET", Path: "/keys/{key}/last-used", Action: "iam:GetAccessKeyLastUsed", Resource: accountRes,
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			k, err := c.store().GetAccessKey(c.Context(), c.Path("key"))
			if err != nil || k.Account != acct.Name {
				return nil, strata.Errorf("restapi", strata.NotExist, "no access key %q in account %s", c.Path("key"), acct.Name)
			}
			u, err := c.store().LastUse(c.Context(), k.ID)
			return KeyUse{AccessKey: k.ID, User: k.User, LastUsed: u}, err
		}})
	a.Handle(Route{Method: "GET", Path: "/users/{user}/groups", Action: "iam:ListGroupsForUser", Resource: entity("user", "user"),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			gs, err := c.store().ListGroupsForUser(c.Context(), acct.Name, c.Path("user"))
			if gs == nil {
				gs = []iam.Group{}
			}
			return gs, err
		}})
}
