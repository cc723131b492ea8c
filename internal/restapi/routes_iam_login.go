package restapi

import (
	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/strata"
)

// LoginPassword sets a console password: on create, password is
// required; on update, either field may be left out.
type LoginPassword struct {
	Password      *string `json:"password,omitempty"`
	ResetRequired *bool   `json:"reset_required,omitempty"`
}

// LoginProfile describes a console password without the password or
// its hash.
type LoginProfile struct {
	User          string `json:"user,omitempty"` // "" = the account root
	Created       string `json:"created"`
	ResetRequired bool   `json:"reset_required"`
}

func loginProfileView(lp iam.LoginProfile) LoginProfile {
	return LoginProfile{User: lp.User, Created: lp.Created.UTC().Format("2006-01-02T15:04:05Z"), ResetRequired: lp.ResetRequired}
}

// loginProfileRoutes serve console passwords: a user's under
// /users/{user}/login-profile, the account root's own under
// /login-profile.
func (a *API) loginProfileRoutes() {
	for _, at := range []struct {
		path string
		res  func(*Call) (Resource, error)
		user func(*Call) string
	}{
		{"/users/{user}/login-profile", entity("user", "user"), func(c *Call) string { return c.Path("user") }},
		{"/login-profile", accountRes, func(*Call) string { return "" }},
	} {
		a.Handle(Route{Method: "GET", Path: at.path, Action: "iam:GetLoginProfile", Resource: at.res,
			Handle: func(c *Call) (any, error) {
				acct, _ := c.target()
				lp, err := c.store().GetLoginProfile(c.Context(), acct.Name, at.user(c))
				return loginProfileView(lp), err
			}})
		a.Handle(Route{Method: "POST", Path: at.path, Action: "iam:CreateLoginProfile", Resource: at.res,
			Handle: func(c *Call) (any, error) {
				var req LoginPassword
				if err := c.Decode(&req); err != nil {
					return nil, err
				}
				if req.Password == nil {
					return nil, strata.Errorf("restapi", strata.Invalid, "password is required")
				}
				acct, _ := c.target()
				lp, err := c.store().CreateLoginProfile(c.Context(), acct.Name, at.user(c), *req.Password, req.ResetRequired != nil && *req.ResetRequired)
				return loginProfileView(lp), err
			}})
		a.Handle(Route{Method: "PUT", Path: at.path, Action: "iam:UpdateLoginProfile", Resource: at.res,
			Handle: func(c *Call) (any, error) {
				var req LoginPassword
				if err := c.Decode(&req); err != nil {
					return nil, err
				}
				acct, _ := c.target()
				if err := c.store().UpdateLoginProfile(c.Context(), acct.Name, at.user(c), req.Password, req.ResetRequired); err != nil {
					return nil, err
				}
				lp, err := c.store().GetLoginProfile(c.Context(), acct.Name, at.user(c))
				return loginProfileView(lp), err
			}})
		a.Handle(Route{Method: "DELETE", Path: at.path, Action: "iam:DeleteLoginProfile", Resource: at.res,
			Handle: func(c *Call) (any, error) {
				acct, _ := c.target()
				return map[string]string{"removed": "login-profile"}, c.store().DeleteLoginProfile(c.Context(), acct.Name, at.user(c))
			}})
	}
}
