package iamapi

import (
	"github.com/strata-storage/strata/internal/iam"
)

func createUser(c *call) error {
	name, err := c.required("UserName")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", c.arn("user", c.get("Path"), name)); err != nil {
		return err
	}
	u, err := c.h.IAM.Store().CreateUser(c.ctx(), c.account, name, c.get("Path"), c.tags())
	if err != nil {
		return err
	}
	return c.respond(struct {
		User xmlUser `xml:"User"`
	}{c.user(u)})
}

// targetUser is the UserName parameter, or the caller itself when it is
// missing (AWS: "defaults to the user making the request").
func (c *call) targetUser() string {
	if n := c.get("UserName"); n != "" {
		return n
	}
	if c.p.User != nil && c.account == c.p.Account.Name {
		return c.p.User.Name
	}
	return ""
}

func getUser(c *call) error {
	name := c.targetUser()
	if name == "" {
		// The account root asks about itself.
		return c.respond(struct {
			User xmlUser `xml:"User"`
		}{xmlUser{Path: "/", UserID: c.accountID(), Arn: iam.AccountARN(c.accountID()), CreateDate: isoTime(c.p.Account.Created)}})
	}
	if err := c.authorize("iam", c.arn("user", "/", name)); err != nil {
		return err
	}
	u, err := c.h.IAM.Store().GetUser(c.ctx(), c.account, name)
	if err != nil {
		return err
	}
	return c.respond(struct {
		User xmlUser `xml:"User"`
	}{c.user(u)})
}

func listUsers(c *call) error {
	if err := c.authorize("iam", c.arn("user", "/", "*")); err != nil {
		return err
	}
	us, err := c.h.IAM.Store().ListUsers(c.ctx(), c.account, c.get("PathPrefix"))
	if err != nil {
		return err
	}
	from, to, next, err := c.page(len(us))
	if err != nil {
		return err
	}
	out := struct {
		Users       []xmlUser `xml:"Users>member"`
		IsTruncated bool      `xml:"IsTruncated"`
		Marker      string    `xml:"Marker,omitempty"`
	}{Users: []xmlUser{}, IsTruncated: next != "", Marker: next}
	for _, u := range us[from:to] {
		out.Users = append(out.Users, c.user(u))
	}
	return c.respond(out)
}

func updateUser(c *call) error {
	name, err := c.required("UserName")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", c.arn("user", "/", name)); err != nil {
		return err
	}
	if err := c.h.IAM.Store().UpdateUser(c.ctx(), c.account, name, c.get("NewUserName"), c.get("NewPath")); err != nil {
		return err
	}
	return c.respond(nil)
}

func deleteUser(c *call) error {
	name, err := c.required("UserName")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", c.arn("user", "/", name)); err != nil {
		return err
	}
	if err := c.h.IAM.Store().DeleteUser(c.ctx(), c.account, name); err != nil {
		return err
	}
	return c.respond(nil)
}

// keyTarget is the user whose keys a call manages and the ARN to
// authorize: the account root's own keys when no user is named.
func (c *call) keyTarget() (user, arn string) {
	user = c.targetUser()
	if user == "" {
		return "", iam.AccountARN(c.accountID())
	}
	return user, c.arn("user", "/", user)
}

func createAccessKey(c *call) error {
	user, arn := c.keyTarget()
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	k, secret, err := c.h.IAM.Store().CreateAccessKey(c.ctx(), c.account, user)
	if err != nil {
		return err
	}
	return c.respond(struct {
		AccessKey xmlKey `xml:"AccessKey"`
	}{xmlKey{UserName: user, AccessKeyID: k.ID, Status: k.Status, SecretAccessKey: secret, CreateDate: isoTime(k.Created)}})
}

func listAccessKeys(c *call) error {
	user, arn := c.keyTarget()
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	ks, err := c.h.IAM.Store().ListAccessKeys(c.ctx(), c.account, user)
	if err != nil {
		return err
	}
	out := struct {
		Keys        []xmlKeyMeta `xml:"AccessKeyMetadata>member"`
		IsTruncated bool         `xml:"IsTruncated"`
	}{Keys: []xmlKeyMeta{}}
	for _, k := range ks {
		out.Keys = append(out.Keys, xmlKeyMeta{UserName: user, AccessKeyID: k.ID, Status: k.Status, CreateDate: isoTime(k.Created)})
	}
	return c.respond(out)
}

func updateAccessKey(c *call) error {
	id, err := c.required("AccessKeyId")
	if err != nil {
		return err
	}
	status, err := c.required("Status")
	if err != nil {
		return err
	}
	user, arn := c.keyTarget()
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	if err := c.h.IAM.Store().UpdateAccessKey(c.ctx(), c.account, user, id, status); err != nil {
		return err
	}
	return c.respond(nil)
}

func deleteAccessKey(c *call) error {
	id, err := c.required("AccessKeyId")
	if err != nil {
		return err
	}
	user, arn := c.keyTarget()
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	if err := c.h.IAM.Store().DeleteAccessKey(c.ctx(), c.account, user, id); err != nil {
		return err
	}
	return c.respond(nil)
}

func getAccessKeyLastUsed(c *call) error {
	id, err := c.required("AccessKeyId")
	if err != nil {
		return err
	}
	k, err := c.h.IAM.Store().GetAccessKey(c.ctx(), id)
	if err != nil || k.Session != nil || (k.Account != c.p.Account.Name && !c.p.IsAdmin()) {
		return iam.AccessDenied("The access key %s is not yours.", id)
	}
	c.account = k.Account
	arn := iam.AccountARN(c.accountID())
	if k.User != "" {
		arn = c.arn("user", "/", k.User)
	}
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	use, err := c.h.IAM.Store().LastUse(c.ctx(), id)
	if err != nil {
		return err
	}
	type lastUsed struct {
		LastUsedDate string `xml:"LastUsedDate,omitempty"`
		ServiceName  string `xml:"ServiceName"`
		Region       string `xml:"Region"`
	}
	lu := lastUsed{ServiceName: "N/A", Region: "N/A"}
	if !use.Time.IsZero() {
		lu = lastUsed{LastUsedDate: isoTime(use.Time), ServiceName: use.Service, Region: "us-east-1"}
	}
	return c.respond(struct {
		UserName string   `xml:"UserName,omitempty"`
		LastUsed lastUsed `xml:"AccessKeyLastUsed"`
	}{k.User, lu})
}
