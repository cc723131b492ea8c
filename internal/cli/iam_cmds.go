package cli

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/restapi"
)

func fixed(method, route string) func([]string, *cobra.Command) (call, error) {
	return func(args []string, c *cobra.Command) (call, error) { return call{method: method, route: route}, nil }
}

// named is a call on /base/ARG[suffix].
func named(method, base, suffix string) func([]string, *cobra.Command) (call, error) {
	return func(args []string, c *cobra.Command) (call, error) {
		return call{method: method, route: base + "/" + esc(args[0]) + suffix}, nil
	}
}

// newAccountCmd: strata account create|list|get|delete.
func newAccountCmd() *cobra.Command {
	return newIAMCmd("account", "Accounts (tenants): administrator only",
		iamCmd("create NAME", "Create an account; prints its root key once", 1,
			func(args []string, c *cobra.Command) (call, error) {
				return call{"POST", "/accounts", restapi.NewAccount{Name: args[0], Email: flag(c, "email")}}, nil
			}, nil, func(c *cobra.Command) { c.Flags().String("email", "", "contact e-mail") }),
		iamCmd("list", "List accounts", 0, fixed("GET", "/accounts"), columns("name", "id", "email", "created"), nil),
		iamCmd("get NAME", "Show an account", 1, named("GET", "/accounts", ""), nil, nil),
		iamCmd("delete NAME", "Delete an account that owns nothing", 1, named("DELETE", "/accounts", ""), nil, nil),
	)
}

// newUserCmd: strata user create|list|get|delete|groups.
func newUserCmd() *cobra.Command {
	return newIAMCmd("user", "IAM users of an account",
		iamCmd("create NAME", "Create a user", 1, func(args []string, c *cobra.Command) (call, error) {
			return call{"POST", "/users", restapi.NewUser{Name: args[0], Path: flag(c, "path")}}, nil
		}, nil, pathFlag),
		iamCmd("list", "List users", 0, fixed("GET", "/users"), columns("name", "path", "id", "created"), nil),
		iamCmd("get NAME", "Show a user", 1, named("GET", "/users", ""), nil, nil),
		iamCmd("delete NAME", "Delete a user with no keys, policies or groups", 1, named("DELETE", "/users", ""), nil, nil),
		iamCmd("groups NAME", "List a user's groups", 1, named("GET", "/users", "/groups"), columns("name", "path", "id"), nil),
		newPasswordCmd(),
		newSSHKeyCmd(),
	)
}

// keysOf is the route of a user's keys, or of the account root's.
func keysOf(c *cobra.Command) string {
	if u := flag(c, "user"); u != "" {
		return "/users/" + esc(u) + "/keys"
	}
	return "/keys"
}

// newKeyCmd: strata key create|list|enable|disable|delete|last-used.
func newKeyCmd() *cobra.Command {
	status := func(s string) func([]string, *cobra.Command) (call, error) {
		return func(args []string, c *cobra.Command) (call, error) {
			return call{"PUT", keysOf(c) + "/" + esc(args[0]), restapi.KeyStatus{Status: s}}, nil
		}
	}
	return newIAMCmd("key", "Access keys (of a user, or of the account root)",
		iamCmd("create", "Create a key; the secret is shown once", 0, func(args []string, c *cobra.Command) (call, error) {
			return call{method: "POST", route: keysOf(c)}, nil
		}, nil, userFlag),
		iamCmd("list", "List keys", 0, func(args []string, c *cobra.Command) (call, error) {
			return call{method: "GET", route: keysOf(c)}, nil
		}, columns("access_key", "user", "status", "created", "bootstrap"), userFlag),
		iamCmd("enable ID", "Activate a key", 1, status("Active"), nil, userFlag),
		iamCmd("disable ID", "Deactivate a key (every gateway refuses it within a second)", 1, status("Inactive"), nil, userFlag),
		iamCmd("delete ID", "Delete a key", 1, func(args []string, c *cobra.Command) (call, error) {
			return call{method: "DELETE", route: keysOf(c) + "/" + esc(args[0])}, nil
		}, nil, userFlag),
		iamCmd("last-used ID", "When a key was last used", 1, named("GET", "/keys", "/last-used"), nil, nil),
	)
}

// newGroupCmd: strata group create|list|get|delete|add-user|remove-user.
func newGroupCmd() *cobra.Command {
	member := func(method string) func([]string, *cobra.Command) (call, error) {
		return func(args []string, c *cobra.Command) (call, error) {
			return call{method: method, route: "/groups/" + esc(args[0]) + "/members/" + esc(args[1])}, nil
		}
	}
	return newIAMCmd("group", "Groups of users",
		iamCmd("create NAME", "Create a group", 1, func(args []string, c *cobra.Command) (call, error) {
			return call{"POST", "/groups", restapi.NewGroup{Name: args[0], Path: flag(c, "path")}}, nil
		}, nil, pathFlag),
		iamCmd("list", "List groups", 0, fixed("GET", "/groups"), columns("name", "path", "members"), nil),
		iamCmd("get NAME", "Show a group and its members", 1, named("GET", "/groups", ""), nil, nil),
		iamCmd("delete NAME", "Delete an empty group", 1, named("DELETE", "/groups", ""), nil, nil),
		iamCmd("add-user GROUP USER", "Add a user to a group", 2, member("PUT"), nil, nil),
		iamCmd("remove-user GROUP USER", "Remove a user from a group", 2, member("DELETE"), nil, nil),
	)
}

// newRoleCmd: strata role create|list|get|delete.
func newRoleCmd() *cobra.Command {
	return newIAMCmd("role", "Roles assumed through STS",
		iamCmd("create NAME --file TRUST.json", "Create a role with its trust policy", 1, func(args []string, c *cobra.Command) (call, error) {
			doc, err := readDoc(c)
			return call{"POST", "/roles", restapi.NewRole{Name: args[0], Path: flag(c, "path"), AssumeRolePolicy: doc}}, err
		}, nil, func(c *cobra.Command) { fileFlag(c); pathFlag(c) }),
		iamCmd("list", "List roles", 0, fixed("GET", "/roles"), columns("name", "path", "id", "max_session"), nil),
		iamCmd("get NAME", "Show a role", 1, named("GET", "/roles", ""), nil, nil),
		iamCmd("delete NAME", "Delete a role with no policies", 1, named("DELETE", "/roles", ""), nil, nil),
	)
}

// holder is the --user, --group or --role a policy command applies to,
// as its API route.
func holder(c *cobra.Command) (string, error) {
	for _, k := range []struct{ flag, plural string }{{"user", "users"}, {"group", "groups"}, {"role", "roles"}} {
		if s := flag(c, k.flag); s != "" {
			return "/" + k.plural + "/" + esc(s) + "/policies", nil
		}
	}
	return "", fmt.Errorf("name a --user, --group or --role")
}

func holderFlags(c *cobra.Command) {
	c.Flags().String("user", "", "IAM user")
	c.Flags().String("group", "", "group")
	c.Flags().String("role", "", "role")
}

// onHolder is a policy call on a user, group or role.
func onHolder(method, suffix string, body func(args []string, c *cobra.Command) (any, error)) func([]string, *cobra.Command) (call, error) {
	return func(args []string, c *cobra.Command) (call, error) {
		base, err := holder(c)
		if err != nil {
			return call{}, err
		}
		route := base + suffix
		if strings.Contains(suffix, "%s") {
			route = base + fmt.Sprintf(suffix, esc(args[0]))
		}
		var b any
		if body != nil {
			if b, err = body(args, c); err != nil {
				return call{}, err
			}
		}
		return call{method, route, b}, nil
	}
}

// policyName accepts a managed policy's name or its ARN.
func policyName(s string) string {
	if i := strings.LastIndex(s, "/"); strings.HasPrefix(s, "arn:") && i >= 0 {
		return s[i+1:]
	}
	return s
}

// newPolicyCmd: managed and inline policies.
func newPolicyCmd() *cobra.Command {
	var f iamFlags
	show := &cobra.Command{Use: "show NAME|ARN VERSION", Short: "Show a version's document", Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			var p restapi.Policy
			if err := f.apiCall(cmd.Context(), "GET", f.route("/policies/"+esc(policyName(args[0]))), nil, &p); err != nil {
				return err
			}
			for _, v := range p.Versions {
				if v.ID == args[1] {
					return printDoc(v.Document)
				}
			}
			return fmt.Errorf("policy %s has no version %s", p.Name, args[1])
		}}
	f.register(show)
	getInline := &cobra.Command{Use: "get-inline NAME", Short: "Show an inline policy", Args: cobra.ExactArgs(1)}
	var g iamFlags
	getInline.RunE = func(cmd *cobra.Command, args []string) error {
		base, err := holder(cmd)
		if err != nil {
			return err
		}
		var d restapi.Document
		if err := g.apiCall(cmd.Context(), "GET", g.route(base+"/inline/"+esc(args[0])), nil, &d); err != nil {
			return err
		}
		return printDoc(d.Document)
	}
	g.register(getInline)
	holderFlags(getInline)
	withHolder := func(c *cobra.Command) *cobra.Command { holderFlags(c); return c }
	docBody := func(args []string, c *cobra.Command) (any, error) {
		doc, err := readDoc(c)
		return restapi.Document{Document: doc}, err
	}
	return newIAMCmd("policy", "Managed and inline policies (AWS IAM JSON)",
		iamCmd("create NAME --file POLICY.json", "Create a managed policy", 1, func(args []string, c *cobra.Command) (call, error) {
			doc, err := readDoc(c)
			return call{"POST", "/policies", restapi.NewPolicy{Name: args[0], Path: flag(c, "path"), Description: flag(c, "description"), Document: doc}}, err
		}, nil, func(c *cobra.Command) { fileFlag(c); pathFlag(c); c.Flags().String("description", "", "description") }),
		iamCmd("list", "List the account's managed policies and the built-in ones", 0, fixed("GET", "/policies"),
			columns("name", "arn", "version", "builtin"), nil),
		iamCmd("get NAME|ARN", "Show a managed policy", 1, func(args []string, c *cobra.Command) (call, error) {
			return call{method: "GET", route: "/policies/" + esc(policyName(args[0]))}, nil
		}, nil, nil),
		show,
		iamCmd("delete NAME|ARN", "Delete a managed policy attached to nothing", 1, func(args []string, c *cobra.Command) (call, error) {
			return call{method: "DELETE", route: "/policies/" + esc(policyName(args[0]))}, nil
		}, nil, nil),
		withHolder(iamCmd("attach ARN", "Attach a managed policy to a --user, --group or --role", 1,
			onHolder("POST", "/attached", func(args []string, _ *cobra.Command) (any, error) { return restapi.PolicyRef{ARN: args[0]}, nil }), nil, nil)),
		withHolder(iamCmd("detach ARN", "Detach a managed policy", 1, onHolder("DELETE", "/attached/%s", nil), nil, nil)),
		withHolder(iamCmd("put NAME --file POLICY.json", "Set an inline policy of a --user, --group or --role", 1,
			onHolder("PUT", "/inline/%s", docBody), nil, fileFlag)),
		getInline,
		withHolder(iamCmd("delete-inline NAME", "Delete an inline policy", 1, onHolder("DELETE", "/inline/%s", nil), nil, nil)),
		withHolder(iamCmd("attached", "List the policies of a --user, --group or --role", 0, onHolder("GET", "", nil), nil, nil)),
		newSimulateCmd(),
	)
}

// printDoc prints a policy document as indented JSON.
func printDoc(doc string) error {
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		fmt.Println(doc)
		return nil
	}
	return printJSON(v)
}

// newSimulateCmd: may a user (or role, or the account root) do an action
// on a resource?
func newSimulateCmd() *cobra.Command {
	var f iamFlags
	var user, role string
	c := &cobra.Command{Use: "simulate ACTION RESOURCE", Short: "Ask whether a --user or --role may do ACTION on RESOURCE, and which statements decide",
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			var r restapi.SimulateResult
			req := restapi.SimulateRequest{Account: f.account, User: user, Role: role, Action: args[0], Resource: args[1]}
			if err := f.apiCall(cmd.Context(), "POST", "/iam/simulate", req, &r); err != nil {
				return err
			}
			if wantJSON(cmd) {
				return printJSON(r)
			}
			verdict := "DENIED"
			if r.Allowed {
				verdict = "ALLOWED"
			}
			fmt.Printf("%s: %s %s on %s (%s)\n", verdict, r.Principal, args[0], args[1], r.Reason)
			rows := [][]string{{"EFFECT", "SOURCE", "STATEMENT", "SID"}}
			for _, s := range r.Statements {
				rows = append(rows, []string{s.Effect, s.Source, fmt.Sprint(s.Index), orDash(s.Sid)})
			}
			if len(rows) > 1 {
				return printTable(rows)
			}
			return nil
		}}
	f.register(c)
	c.Flags().StringVar(&user, "user", "", "IAM user")
	c.Flags().StringVar(&role, "role", "", "role")
	return c
}
