package iamapi

import (
	"strconv"

	"github.com/strata-storage/strata/internal/iam"
)

// xmlLoginProfile is AWS's LoginProfile: never the password or its hash.
type xmlLoginProfile struct {
	UserName              string `xml:"UserName,omitempty"`
	CreateDate            string `xml:"CreateDate"`
	PasswordResetRequired bool   `xml:"PasswordResetRequired"`
}

func loginProfileXML(lp iam.LoginProfile) xmlLoginProfile {
	return xmlLoginProfile{UserName: lp.User, CreateDate: isoTime(lp.Created), PasswordResetRequired: lp.ResetRequired}
}

// Login profiles belong to the named user, or to the account root when
// no UserName is given (as AWS now allows for the root).

func createLoginProfile(c *call) error {
	user, arn := c.keyTarget()
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	pw, err := c.required("Password")
	if err != nil {
		return err
	}
	lp, err := c.h.IAM.Store().CreateLoginProfile(c.ctx(), c.account, user, pw, c.get("PasswordResetRequired") == "true")
	if err != nil {
		return err
	}
	return c.respond(struct {
		LoginProfile xmlLoginProfile `xml:"LoginProfile"`
	}{loginProfileXML(lp)})
}

func getLoginProfile(c *call) error {
	user, arn := c.keyTarget()
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	lp, err := c.h.IAM.Store().GetLoginProfile(c.ctx(), c.account, user)
	if err != nil {
		return err
	}
	return c.respond(struct {
		LoginProfile xmlLoginProfile `xml:"LoginProfile"`
	}{loginProfileXML(lp)})
}

func updateLoginProfile(c *call) error {
	user, arn := c.keyTarget()
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	var pw *string
	if _, ok := c.form["Password"]; ok {
		p := c.get("Password")
		pw = &p
	}
	var reset *bool
	if v := c.get("PasswordResetRequired"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return invalid("PasswordResetRequired must be true or false.")
		}
		reset = &b
	}
	if err := c.h.IAM.Store().UpdateLoginProfile(c.ctx(), c.account, user, pw, reset); err != nil {
		return err
	}
	return c.respond(nil)
}

func deleteLoginProfile(c *call) error {
	user, arn := c.keyTarget()
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	if err := c.h.IAM.Store().DeleteLoginProfile(c.ctx(), c.account, user); err != nil {
		return err
	}
	return c.respond(nil)
}

// changePassword is an IAM user, or an account root, changing its own
// password (with long-term keys or a console session). Knowing the old
// password is the authority: no policy grant is needed, as AWS allows
// when the account lets users change their passwords. (AWS keeps the
// root out of this call; here the root's password works like a user's.)
func changePassword(c *call) error {
	if c.account != c.p.Account.Name || c.p.Role != nil {
		return &iam.Error{Code: "InvalidUserType", Message: "Only IAM users and account roots can change their own password.", Status: 400}
	}
	user := ""
	if c.p.User != nil {
		user = c.p.User.Name
	}
	oldPW, err := c.required("OldPassword")
	if err != nil {
		return err
	}
	newPW, err := c.required("NewPassword")
	if err != nil {
		return err
	}
	if err := c.h.IAM.Store().ChangePassword(c.ctx(), c.account, user, oldPW, newPW); err != nil {
		return err
	}
	return c.respond(nil)
}
