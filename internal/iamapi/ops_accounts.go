package iamapi

import (
	"github.com/strata-storage/strata/internal/iam"
)

// Accounts are Strata's own calls (AWS manages accounts elsewhere):
// only the administrator may make them.

type xmlAccount struct {
	AccountName string `xml:"AccountName"`
	AccountID   string `xml:"AccountId"`
	Email       string `xml:"Email,omitempty"`
	CreateDate  string `xml:"CreateDate"`
}

func accountXML(a iam.Account) xmlAccount {
	return xmlAccount{a.Name, a.ID, a.Email, isoTime(a.Created)}
}

func (c *call) adminOnly() error {
	if !c.p.IsAdmin() {
		return iam.AccessDenied("User: %s is not authorized to perform: iam:%s", c.p.ARN(), c.action)
	}
	return nil
}

func createAccount(c *call) error {
	if err := c.adminOnly(); err != nil {
		return err
	}
	name, err := c.required("AccountName")
	if err != nil {
		return err
	}
	a, err := c.h.IAM.Store().CreateAccount(c.ctx(), name, c.get("Email"))
	if err != nil {
		return err
	}
	out := struct {
		Account   xmlAccount `xml:"Account"`
		AccessKey *xmlKey    `xml:"AccessKey,omitempty"`
	}{Account: accountXML(a)}
	// The new account's root gets a first key, shown once.
	k, secret, err := c.h.IAM.Store().CreateAccessKey(c.ctx(), name, "")
	if err != nil {
		return err
	}
	out.AccessKey = &xmlKey{AccessKeyID: k.ID, Status: k.Status, SecretAccessKey: secret, CreateDate: isoTime(k.Created)}
	return c.respond(out)
}

func getAccount(c *call) error {
	if c.account != c.p.Account.Name {
		if err := c.adminOnly(); err != nil {
			return err
		}
	}
	a, err := c.h.IAM.Store().GetAccount(c.ctx(), c.account)
	if err != nil {
		return err
	}
	return c.respond(struct {
		Account xmlAccount `xml:"Account"`
	}{accountXML(a)})
}

func listAccounts(c *call) error {
	if err := c.adminOnly(); err != nil {
		return err
	}
	as, err := c.h.IAM.Store().ListAccounts(c.ctx())
	if err != nil {
		return err
	}
	out := struct {
		Accounts []xmlAccount `xml:"Accounts>member"`
	}{Accounts: []xmlAccount{}}
	for _, a := range as {
		out.Accounts = append(out.Accounts, accountXML(a))
	}
	return c.respond(out)
}

func deleteAccount(c *call) error {
	if err := c.adminOnly(); err != nil {
		return err
	}
	name, err := c.required("AccountName")
	if err != nil {
		return err
	}
	if c.h.AccountInUse != nil {
		used, err := c.h.AccountInUse(c.ctx(), name)
		if err != nil {
			return err
		}
		if used {
			return &iam.Error{Code: "DeleteConflict", Status: 409, Message: "Cannot delete account " + name + ": it still owns buckets."}
		}
	}
	// The root key of the account goes with it.
	ks, err := c.h.IAM.Store().ListAccessKeys(c.ctx(), name, "")
	if err != nil {
		return err
	}
	for _, k := range ks {
		if k.Bootstrap {
			return &iam.Error{Code: "DeleteConflict", Status: 409, Message: "Account " + name + " has a key from the server configuration."}
		}
		if err := c.h.IAM.Store().DeleteAccessKey(c.ctx(), name, "", k.ID); err != nil {
			return err
		}
	}
	if err := c.h.IAM.Store().DeleteAccount(c.ctx(), name); err != nil {
		return err
	}
	return c.respond(nil)
}

// getAccountSummary answers the counts and quotas of the account.
func getAccountSummary(c *call) error {
	if err := c.authorize("iam", "*"); err != nil {
		return err
	}
	st := c.h.IAM.Store()
	users, err := st.ListUsers(c.ctx(), c.account, "")
	if err != nil {
		return err
	}
	groups, err := st.ListGroups(c.ctx(), c.account, "")
	if err != nil {
		return err
	}
	roles, err := st.ListRoles(c.ctx(), c.account, "")
	if err != nil {
		return err
	}
	pols, err := st.ListPolicies(c.ctx(), c.account, "")
	if err != nil {
		return err
	}
	type entry struct {
		Key   string `xml:"key"`
		Value int    `xml:"value"`
	}
	m := []entry{{"Users", len(users)}, {"UsersQuota", 5000}, {"Groups", len(groups)}, {"GroupsQuota", 300},
		{"Roles", len(roles)}, {"RolesQuota", 1000}, {"Policies", len(pols)}, {"PoliciesQuota", 1500},
		{"AccessKeysPerUserQuota", iam.MaxKeysPerUser}, {"AttachedPoliciesPerUserQuota", 20},
		{"AttachedPoliciesPerGroupQuota", 20}, {"AttachedPoliciesPerRoleQuota", 20},
		{"PolicyVersionsInUseQuota", 10000}, {"VersionsPerPolicyQuota", iam.MaxPolicyVersions},
		{"GroupsPerUserQuota", 10}, {"PolicySizeQuota", iam.MaxPolicySize}, {"UserPolicySizeQuota", 2048}}
	return c.respond(struct {
		Entries []entry `xml:"SummaryMap>entry"`
	}{m})
}
