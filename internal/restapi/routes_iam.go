package restapi

import (
	"net/http"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/strata"
)

// NewAccount creates an account.
type NewAccount struct {
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
}

// CreatedAccount is a new account with its root's first key (the secret
// is shown this once).
type CreatedAccount struct {
	Account   iam.Account `json:"account"`
	AccessKey NewKey      `json:"access_key"`
}

// NewKey is a fresh access key; SecretKey is never shown again.
type NewKey struct {
	AccessKey string `json:"access_key"`
	SecretKey string `json:"secret_key"`
	User      string `json:"user,omitempty"`
	Status    string `json:"status"`
}

// Key describes an access key without its secret.
type Key struct {
	AccessKey string `json:"access_key"`
	User      string `json:"user,omitempty"`
	Status    string `json:"status"`
	Created   string `json:"created"`
	Bootstrap bool   `json:"bootstrap,omitempty"`
}

// NewUser creates a user.
type NewUser struct {
	Name string            `json:"name"`
	Path string            `json:"path,omitempty"`
	Tags map[string]string `json:"tags,omitempty"`
}

// KeyStatus changes a key's status (Active or Inactive).
type KeyStatus struct {
	Status string `json:"status"`
}

func (a *API) iamRoutes() {
	a.accountRoutes()
	a.userRoutes()
	a.groupRoutes()
	a.roleRoutes()
	a.policyRoutes()
	a.holderRoutes()
	a.simulateRoutes()
	a.rootKeyRoutes()
	a.loginProfileRoutes()
	a.sshKeyRoutes()
}

func (a *API) accountRoutes() {
	a.Handle(Route{Method: "GET", Path: "/accounts", Action: "iam:ListAccounts", AdminOnly: true,
		Handle: func(c *Call) (any, error) { return c.store().ListAccounts(c.Context()) }})
	a.Handle(Route{Method: "POST", Path: "/accounts", Action: "iam:CreateAccount", AdminOnly: true,
		Handle: func(c *Call) (any, error) {
			var req NewAccount
			if err := c.Decode(&req); err != nil {
				return nil, err
			}
			acct, err := c.store().CreateAccount(c.Context(), req.Name, req.Email)
			if err != nil {
				return nil, err
			}
			k, secret, err := c.store().CreateAccessKey(c.Context(), acct.Name, "")
			if err != nil {
				return nil, err
			}
			return CreatedAccount{Account: acct, AccessKey: NewKey{AccessKey: k.ID, SecretKey: secret, Status: k.Status}}, nil
		}})
	a.Handle(Route{Method: "GET", Path: "/accounts/{account}", Action: "iam:GetAccount", AdminOnly: true,
		Handle: func(c *Call) (any, error) { return c.store().GetAccount(c.Context(), c.Path("account")) }})
	a.Handle(Route{Method: "DELETE", Path: "/accounts/{account}", Action: "iam:DeleteAccount", AdminOnly: true,
		Handle: func(c *Call) (any, error) {
			name := c.Path("account")
			if b := a.opts.Buckets; b != nil {
				bs, err := b.ListBuckets(c.Context(), name)
				if err != nil {
					return nil, err
				}
				if len(bs) > 0 {
					return nil, apiErr(http.StatusConflict, "DeleteConflict", "the account still owns buckets")
				}
			}
			return map[string]string{"removed": name}, c.store().DeleteAccount(c.Context(), name)
		}})
}

func (a *API) userRoutes() {
	a.Handle(Route{Method: "GET", Path: "/users", Action: "iam:ListUsers", Resource: entity("user", ""),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			return c.store().ListUsers(c.Context(), acct.Name, c.Query("path_prefix"))
		}})
	a.Handle(Route{Method: "POST", Path: "/users", Action: "iam:CreateUser", Resource: entity("user", ""),
		Handle: func(c *Call) (any, error) {
			var req NewUser
			if err := c.Decode(&req); err != nil {
				return nil, err
			}
			// The route's check was on user/*; the new name is checked too.
			acct, _ := c.target()
			if err := c.Authorize("iam:CreateUser", Resource{ARN: iam.EntityARN(acct.ID, "user", "/", req.Name), Account: acct.Name}); err != nil {
				return nil, err
			}
			return c.store().CreateUser(c.Context(), acct.Name, req.Name, req.Path, req.Tags)
		}})
	a.Handle(Route{Method: "GET", Path: "/users/{user}", Action: "iam:GetUser", Resource: entity("user", "user"),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			return c.store().GetUser(c.Context(), acct.Name, c.Path("user"))
		}})
	a.Handle(Route{Method: "DELETE", Path: "/users/{user}", Action: "iam:DeleteUser", Resource: entity("user", "user"),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			return map[string]string{"removed": c.Path("user")}, c.store().DeleteUser(c.Context(), acct.Name, c.Path("user"))
		}})
	a.Handle(Route{Method: "GET", Path: "/users/{user}/keys", Action: "iam:ListAccessKeys", Resource: entity("user", "user"),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			ks, err := c.store().ListAccessKeys(c.Context(), acct.Name, c.Path("user"))
			out := make([]Key, 0, len(ks))
			for _, k := range ks {
				out = append(out, Key{AccessKey: k.ID, User: k.User, Status: k.Status, Created: k.Created.UTC().Format("2006-01-02T15:04:05Z"), Bootstrap: k.Bootstrap})
			}
			return out, err
		}})
	a.Handle(Route{Method: "POST", Path: "/users/{user}/keys", Action: "iam:CreateAccessKey", Resource: entity("user", "user"),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			k, secret, err := c.store().CreateAccessKey(c.Context(), acct.Name, c.Path("user"))
			if err != nil {
				return nil, err
			}
			return NewKey{AccessKey: k.ID, SecretKey: secret, User: k.User, Status: k.Status}, nil
		}})
	a.Handle(Route{Method: "PUT", Path: "/users/{user}/keys/{key}", Action: "iam:UpdateAccessKey", Resource: entity("user", "user"),
		Handle: func(c *Call) (any, error) {
			var req KeyStatus
			if err := c.Decode(&req); err != nil {
				return nil, err
			}
			if req.Status != iam.KeyActive && req.Status != iam.KeyInactive {
				return nil, strata.Errorf("restapi", strata.Invalid, "status is Active or Inactive")
			}
			acct, _ := c.target()
			return req, c.store().UpdateAccessKey(c.Context(), acct.Name, c.Path("user"), c.Path("key"), req.Status)
		}})
	a.Handle(Route{Method: "DELETE", Path: "/users/{user}/keys/{key}", Action: "iam:DeleteAccessKey", Resource: entity("user", "user"),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			return map[string]string{"removed": c.Path("key")}, c.store().DeleteAccessKey(c.Context(), acct.Name, c.Path("user"), c.Path("key"))
		}})
}
