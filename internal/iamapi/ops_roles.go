package iamapi

import (
	"strconv"

	"github.com/strata-storage/strata/internal/iam"
)

func createRole(c *call) error {
	name, err := c.required("RoleName")
	if err != nil {
		return err
	}
	trust, err := c.document("AssumeRolePolicyDocument")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", c.arn("role", c.get("Path"), name)); err != nil {
		return err
	}
	r := iam.Role{Account: c.account, Name: name, Path: c.get("Path"), Description: c.get("Description"), Trust: trust, Tags: c.tags()}
	if s := c.get("MaxSessionDuration"); s != "" {
		if r.MaxSession, err = strconv.Atoi(s); err != nil {
			return invalid("MaxSessionDuration must be a number of seconds.")
		}
	}
	r, err = c.h.IAM.Store().CreateRole(c.ctx(), r)
	if err != nil {
		return err
	}
	return c.respond(struct {
		Role xmlRole `xml:"Role"`
	}{c.role(r)})
}

func getRole(c *call) error {
	name, err := c.required("RoleName")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", c.arn("role", "/", name)); err != nil {
		return err
	}
	r, err := c.h.IAM.Store().GetRole(c.ctx(), c.account, name)
	if err != nil {
		return err
	}
	return c.respond(struct {
		Role xmlRole `xml:"Role"`
	}{c.role(r)})
}

func listRoles(c *call) error {
	if err := c.authorize("iam", c.arn("role", "/", "*")); err != nil {
		return err
	}
	rs, err := c.h.IAM.Store().ListRoles(c.ctx(), c.account, c.get("PathPrefix"))
	if err != nil {
		return err
	}
	from, to, next, err := c.page(len(rs))
	if err != nil {
		return err
	}
	out := struct {
		Roles       []xmlRole `xml:"Roles>member"`
		IsTruncated bool      `xml:"IsTruncated"`
		Marker      string    `xml:"Marker,omitempty"`
	}{Roles: []xmlRole{}, IsTruncated: next != "", Marker: next}
	for _, r := range rs[from:to] {
		out.Roles = append(out.Roles, c.role(r))
	}
	return c.respond(out)
}

func updateAssumeRolePolicy(c *call) error {
	name, err := c.required("RoleName")
	if err != nil {
		return err
	}
	doc, err := c.document("PolicyDocument")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", c.arn("role", "/", name)); err != nil {
		return err
	}
	if err := c.h.IAM.Store().UpdateAssumeRolePolicy(c.ctx(), c.account, name, doc); err != nil {
		return err
	}
	return c.respond(nil)
}

func deleteRole(c *call) error {
	name, err := c.required("RoleName")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", c.arn("role", "/", name)); err != nil {
		return err
	}
	if err := c.h.IAM.Store().DeleteRole(c.ctx(), c.account, name); err != nil {
		return err
	}
	return c.respond(nil)
}
