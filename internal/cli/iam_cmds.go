package cli

import (
	"fmt"
	"net/url"

	"github.com/spf13/cobra"
)

// newAccountCmd: strata account create|list|get|delete.
func newAccountCmd() *cobra.Command {
	return newIAMCmd("account", "Accounts (tenants): administrator only",
		iamCmd("create NAME", "Create an account; prints its root key once", "CreateAccount", 1, one("AccountName"),
			func(c *cobra.Command) { c.Flags().String("email", "", "contact e-mail") }),
		iamCmd("list", "List accounts", "ListAccounts", 0, one(), nil),
		iamCmd("get NAME", "Show an account", "GetAccount", 1, one("AccountName"), nil),
		iamCmd("delete NAME", "Delete an account that owns nothing", "DeleteAccount", 1, one("AccountName"), nil),
	)
}

// newUserCmd: strata user create|list|get|delete.
func newUserCmd() *cobra.Command {
	return newIAMCmd("user", "IAM users of an account",
		iamCmd("create NAME", "Create a user", "CreateUser", 1, one("UserName"), pathFlag),
		iamCmd("list", "List users", "ListUsers", 0, one(), nil),
		iamCmd("get NAME", "Show a user", "GetUser", 1, one("UserName"), nil),
		iamCmd("delete NAME", "Delete a user with no keys, policies or groups", "DeleteUser", 1, one("UserName"), nil),
		iamCmd("groups NAME", "List a user's groups", "ListGroupsForUser", 1, one("UserName"), nil),
	)
}

// newKeyCmd: strata key create|list|enable|disable|delete|last-used.
func newKeyCmd() *cobra.Command {
	status := func(s string) func([]string, *cobra.Command) (url.Values, error) {
		return func(args []string, c *cobra.Command) (url.Values, error) {
			v, err := one("AccessKeyId")(args, c)
			if err == nil {
				v.Set("Status", s)
			}
			return v, err
		}
	}
	return newIAMCmd("key", "Access keys (of a user, or of the account root)",
		iamCmd("create", "Create a key; the secret is shown once", "CreateAccessKey", 0, one(), userFlag),
		iamCmd("list", "List keys", "ListAccessKeys", 0, one(), userFlag),
		iamCmd("enable ID", "Activate a key", "UpdateAccessKey", 1, status("Active"), userFlag),
		iamCmd("disable ID", "Deactivate a key (every gateway refuses it within a second)", "UpdateAccessKey", 1, status("Inactive"), userFlag),
		iamCmd("delete ID", "Delete a key", "DeleteAccessKey", 1, one("AccessKeyId"), userFlag),
		iamCmd("last-used ID", "When a key was last used", "GetAccessKeyLastUsed", 1, one("AccessKeyId"), nil),
	)
}

// newGroupCmd: strata group create|list|get|delete|add-user|remove-user.
func newGroupCmd() *cobra.Command {
	return newIAMCmd("group", "Groups of users",
		iamCmd("create NAME", "Create a group", "CreateGroup", 1, one("GroupName"), pathFlag),
		iamCmd("list", "List groups", "ListGroups", 0, one(), nil),
		iamCmd("get NAME", "Show a group and its members", "GetGroup", 1, one("GroupName"), nil),
		iamCmd("delete NAME", "Delete an empty group", "DeleteGroup", 1, one("GroupName"), nil),
		iamCmd("add-user GROUP USER", "Add a user to a group", "AddUserToGroup", 2, one("GroupName", "UserName"), nil),
		iamCmd("remove-user GROUP USER", "Remove a user from a group", "RemoveUserFromGroup", 2, one("GroupName", "UserName"), nil),
	)
}

// newRoleCmd: strata role create|list|get|delete.
func newRoleCmd() *cobra.Command {
	return newIAMCmd("role", "Roles assumed through STS",
		iamCmd("create NAME --file TRUST.json", "Create a role with its trust policy", "CreateRole", 1, one("RoleName"),
			func(c *cobra.Command) {
				fileFlag(c)
				c.Flags().Bool("trust", true, "the file is a trust policy")
				pathFlag(c)
			}),
		iamCmd("list", "List roles", "ListRoles", 0, one(), nil),
		iamCmd("get NAME", "Show a role", "GetRole", 1, one("RoleName"), nil),
		iamCmd("delete NAME", "Delete a role with no policies", "DeleteRole", 1, one("RoleName"), nil),
	)
}

// targetFlags name the user, group or role a policy command applies to.
func targetFlags(c *cobra.Command) {
	c.Flags().String("user", "", "IAM user")
	c.Flags().String("group", "", "group")
	c.Flags().String("role", "", "role")
}

// targeted builds the parameters of a policy call on a user, group or
// role: the action's name depends on which (AttachUserPolicy, ...).
func targeted(verb string, names ...string) func([]string, *cobra.Command) (url.Values, error) {
	return func(args []string, c *cobra.Command) (url.Values, error) {
		v := url.Values{}
		for i, n := range names {
			v.Set(n, args[i])
		}
		for _, k := range []struct{ flag, param, kind string }{{"user", "UserName", "User"}, {"group", "GroupName", "Group"}, {"role", "RoleName", "Role"}} {
			if s, _ := c.Flags().GetString(k.flag); s != "" {
				v.Set(k.param, s)
				v.Set("_kind", k.kind)
			}
		}
		if v.Get("_kind") == "" {
			return nil, fmt.Errorf("name a --user, --group or --role")
		}
		if fl := c.Flags().Lookup("file"); fl != nil && fl.Value.String() != "" {
			w, err := addFlagParams(url.Values{}, c)
			if err != nil {
				return nil, err
			}
			v.Set("PolicyDocument", w.Get("PolicyDocument"))
		}
		return v, nil
	}
}

// targetedCmd is a policy command whose action depends on the target.
func targetedCmd(use, short, pattern string, nargs int, params func([]string, *cobra.Command) (url.Values, error), extra func(*cobra.Command)) *cobra.Command {
	var f iamFlags
	c := &cobra.Command{Use: use, Short: short, Args: cobra.ExactArgs(nargs),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := params(args, cmd)
			if err != nil {
				return err
			}
			kind := p.Get("_kind")
			p.Del("_kind")
			return f.iamCall(cmd.Context(), fmt.Sprintf(pattern, kind), p, cmd.OutOrStdout())
		}}
	f.register(c)
	targetFlags(c)
	if extra != nil {
		extra(c)
	}
	return c
}

// newPolicyCmd: managed and inline policies.
func newPolicyCmd() *cobra.Command {
	return newIAMCmd("policy", "Managed and inline policies (AWS IAM JSON)",
		iamCmd("create NAME --file POLICY.json", "Create a managed policy", "CreatePolicy", 1, one("PolicyName"),
			func(c *cobra.Command) { fileFlag(c); pathFlag(c); c.Flags().String("description", "", "description") }),
		iamCmd("list", "List the account's managed policies", "ListPolicies", 0, one(), nil),
		iamCmd("get ARN", "Show a managed policy", "GetPolicy", 1, one("PolicyArn"), nil),
		iamCmd("show ARN VERSION", "Show a version's document", "GetPolicyVersion", 2, one("PolicyArn", "VersionId"), nil),
		iamCmd("delete ARN", "Delete a managed policy attached to nothing", "DeletePolicy", 1, one("PolicyArn"), nil),
		targetedCmd("attach ARN", "Attach a managed policy to a --user, --group or --role", "Attach%sPolicy", 1, targeted("", "PolicyArn"), nil),
		targetedCmd("detach ARN", "Detach a managed policy", "Detach%sPolicy", 1, targeted("", "PolicyArn"), nil),
		targetedCmd("put NAME --file POLICY.json", "Set an inline policy of a --user, --group or --role", "Put%sPolicy", 1, targeted("", "PolicyName"), fileFlag),
		targetedCmd("get-inline NAME", "Show an inline policy", "Get%sPolicy", 1, targeted("", "PolicyName"), nil),
		targetedCmd("delete-inline NAME", "Delete an inline policy", "Delete%sPolicy", 1, targeted("", "PolicyName"), nil),
		targetedCmd("attached", "List the managed policies attached to a --user, --group or --role", "ListAttached%sPolicies", 0, targeted(""), nil),
	)
}
