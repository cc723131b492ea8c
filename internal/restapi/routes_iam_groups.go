package restapi

import "github.com/strata-storage/strata/internal/iam"

// NewGroup creates a group.
type NewGroup struct {
	Name string `json:"name"`
	Path string `json:"path,omitempty"`
}

// NewRole creates a role.
type NewRole struct {
	Name        string `json:"name"`
	Path        string `json:"path,omitempty"`
	Description string `json:"description,omitempty"`
	// AssumeRolePolicy is the trust policy document (JSON text).
	AssumeRolePolicy string            `json:"assume_role_policy"`
	MaxSession       int               `json:"max_session,omitempty"` // seconds
	Tags             map[string]string `json:"tags,omitempty"`
}

// Document carries a policy document (JSON text).
type Document struct {
	Document string `json:"document"`
}

func (a *API) groupRoutes() {
	a.Handle(Route{Method: "GET", Path: "/groups", Action: "iam:ListGroups", Resource: entity("group", ""),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			return c.store().ListGroups(c.Context(), acct.Name, c.Query("path_prefix"))
		}})
	a.Handle(Route{Method: "POST", Path: "/groups", Action: "iam:CreateGroup", Resource: entity("group", ""),
		Handle: func(c *Call) (any, error) {
			var req NewGroup
			if err := c.Decode(&req); err != nil {
				return nil, err
			}
			acct, _ := c.target()
			return c.store().CreateGroup(c.Context(), acct.Name, req.Name, req.Path)
		}})
	a.Handle(Route{Method: "GET", Path: "/groups/{group}", Action: "iam:GetGroup", Resource: entity("group", "group"),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			return c.store().GetGroup(c.Context(), acct.Name, c.Path("group"))
		}})
	a.Handle(Route{Method: "DELETE", Path: "/groups/{group}", Action: "iam:DeleteGroup", Resource: entity("group", "group"),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			return map[string]string{"removed": c.Path("group")}, c.store().DeleteGroup(c.Context(), acct.Name, c.Path("group"))
		}})
	a.Handle(Route{Method: "PUT", Path: "/groups/{group}/members/{user}", Action: "iam:AddUserToGroup", Resource: entity("group", "group"),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			if err := c.store().AddUserToGroup(c.Context(), acct.Name, c.Path("group"), c.Path("user")); err != nil {
				return nil, err
			}
			return c.store().GetGroup(c.Context(), acct.Name, c.Path("group"))
		}})
	a.Handle(Route{Method: "DELETE", Path: "/groups/{group}/members/{user}", Action: "iam:RemoveUserFromGroup", Resource: entity("group", "group"),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			if err := c.store().RemoveUserFromGroup(c.Context(), acct.Name, c.Path("group"), c.Path("user")); err != nil {
				return nil, err
			}
			return c.store().GetGroup(c.Context(), acct.Name, c.Path("group"))
		}})
}

func (a *API) roleRoutes() {
	a.Handle(Route{Method: "GET", Path: "/roles", Action: "iam:ListRoles", Resource: entity("role", ""),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			return c.store().ListRoles(c.Context(), acct.Name, c.Query("path_prefix"))
		}})
	a.Handle(Route{Method: "POST", Path: "/roles", Action: "iam:CreateRole", Resource: entity("role", ""),
		Handle: func(c *Call) (any, error) {
			var req NewRole
			if err := c.Decode(&req); err != nil {
				return nil, err
			}
			acct, _ := c.target()
			return c.store().CreateRole(c.Context(), iam.Role{Account: acct.Name, Name: req.Name, Path: req.Path,
				Description: req.Description, Trust: req.AssumeRolePolicy, MaxSession: req.MaxSession, Tags: req.Tags})
		}})
	a.Handle(Route{Method: "GET", Path: "/roles/{role}", Action: "iam:GetRole", Resource: entity("role", "role"),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			return c.store().GetRole(c.Context(), acct.Name, c.Path("role"))
		}})
	a.Handle(Route{Method: "DELETE", Path: "/roles/{role}", Action: "iam:DeleteRole", Resource: entity("role", "role"),
		Handle: func(c *Call) (any, error) {
			acct, _ := c.target()
			return map[string]string{"removed": c.Path("role")}, c.store().DeleteRole(c.Context(), acct.Name, c.Path("role"))
		}})
	a.Handle(Route{Method: "PUT", Path: "/roles/{role}/trust-policy", Action: "iam:UpdateAssumeRolePolicy", Resource: entity("role", "role"),
		Handle: func(c *Call) (any, error) {
			var req Document
			if err := c.Decode(&req); err != nil {
				return nil, err
			}
			acct, _ := c.target()
			if err := c.store().UpdateAssumeRolePolicy(c.Context(), acct.Name, c.Path("role"), req.Document); err != nil {
				return nil, err
			}
			return c.store().GetRole(c.Context(), acct.Name, c.Path("role"))
		}})
}
