package iamapi

func createGroup(c *call) error {
	name, err := c.required("GroupName")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", c.arn("group", c.get("Path"), name)); err != nil {
		return err
	}
	g, err := c.h.IAM.Store().CreateGroup(c.ctx(), c.account, name, c.get("Path"))
	if err != nil {
		return err
	}
	return c.respond(struct {
		Group xmlGroup `xml:"Group"`
	}{c.group(g)})
}

func getGroup(c *call) error {
	name, err := c.required("GroupName")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", c.arn("group", "/", name)); err != nil {
		return err
	}
	g, err := c.h.IAM.Store().GetGroup(c.ctx(), c.account, name)
	if err != nil {
		return err
	}
	out := struct {
		Group       xmlGroup  `xml:"Group"`
		Users       []xmlUser `xml:"Users>member"`
		IsTruncated bool      `xml:"IsTruncated"`
	}{Group: c.group(g), Users: []xmlUser{}}
	for _, m := range g.Members {
		if u, err := c.h.IAM.Store().GetUser(c.ctx(), c.account, m); err == nil {
			out.Users = append(out.Users, c.user(u))
		}
	}
	return c.respond(out)
}

func listGroups(c *call) error {
	if err := c.authorize("iam", c.arn("group", "/", "*")); err != nil {
		return err
	}
	gs, err := c.h.IAM.Store().ListGroups(c.ctx(), c.account, c.get("PathPrefix"))
	if err != nil {
		return err
	}
	from, to, next, err := c.page(len(gs))
	if err != nil {
		return err
	}
	out := struct {
		Groups      []xmlGroup `xml:"Groups>member"`
		IsTruncated bool       `xml:"IsTruncated"`
		Marker      string     `xml:"Marker,omitempty"`
	}{Groups: []xmlGroup{}, IsTruncated: next != "", Marker: next}
	for _, g := range gs[from:to] {
		out.Groups = append(out.Groups, c.group(g))
	}
	return c.respond(out)
}

func listGroupsForUser(c *call) error {
	user, err := c.required("UserName")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", c.arn("user", "/", user)); err != nil {
		return err
	}
	gs, err := c.h.IAM.Store().ListGroupsForUser(c.ctx(), c.account, user)
	if err != nil {
		return err
	}
	out := struct {
		Groups      []xmlGroup `xml:"Groups>member"`
		IsTruncated bool       `xml:"IsTruncated"`
	}{Groups: []xmlGroup{}}
	for _, g := range gs {
		out.Groups = append(out.Groups, c.group(g))
	}
	return c.respond(out)
}

func deleteGroup(c *call) error {
	name, err := c.required("GroupName")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", c.arn("group", "/", name)); err != nil {
		return err
	}
	if err := c.h.IAM.Store().DeleteGroup(c.ctx(), c.account, name); err != nil {
		return err
	}
	return c.respond(nil)
}

func membership(c *call, add bool) error {
	group, err := c.required("GroupName")
	if err != nil {
		return err
	}
	user, err := c.required("UserName")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", c.arn("group", "/", group)); err != nil {
		return err
	}
	if add {
		err = c.h.IAM.Store().AddUserToGroup(c.ctx(), c.account, group, user)
	} else {
		err = c.h.IAM.Store().RemoveUserFromGroup(c.ctx(), c.account, group, user)
	}
	if err != nil {
		return err
	}
	return c.respond(nil)
}

func addUserToGroup(c *call) error      { return membership(c, true) }
func removeUserFromGroup(c *call) error { return membership(c, false) }
