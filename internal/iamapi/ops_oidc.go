package iamapi

import (
	"slices"
	"strings"

	"github.com/strata-storage/strata/internal/iam"
)

func (c *call) oidcARN(host string) string {
	return "arn:aws:iam::" + c.accountID() + ":oidc-provider/" + host
}

// oidcHost reads OpenIDConnectProviderArn and returns its host part.
func (c *call) oidcHost() (string, error) {
	arn, err := c.required("OpenIDConnectProviderArn")
	if err != nil {
		return "", err
	}
	_, host, ok := strings.Cut(arn, ":oidc-provider/")
	if !ok || host == "" {
		return "", invalid("Invalid OpenIDConnectProviderArn " + arn)
	}
	return host, c.authorize("iam", arn)
}

func createOIDCProvider(c *call) error {
	u, err := c.required("Url")
	if err != nil {
		return err
	}
	o := iam.OIDCProvider{URL: u}
	if err := c.authorize("iam", c.oidcARN(o.Host())); err != nil {
		return err
	}
	o, err = c.h.IAM.Store().CreateOIDCProvider(c.ctx(), c.account, u, c.list("ClientIDList"), c.list("ThumbprintList"))
	if err != nil {
		return err
	}
	return c.respond(struct {
		Arn string `xml:"OpenIDConnectProviderArn"`
	}{c.oidcARN(o.Host())})
}

func getOIDCProvider(c *call) error {
	host, err := c.oidcHost()
	if err != nil {
		return err
	}
	o, err := c.h.IAM.Store().GetOIDCProvider(c.ctx(), c.account, host)
	if err != nil {
		return err
	}
	return c.respond(struct {
		URL         string   `xml:"Url"`
		ClientIDs   []string `xml:"ClientIDList>member"`
		Thumbprints []string `xml:"ThumbprintList>member"`
		CreateDate  string   `xml:"CreateDate"`
	}{o.URL, o.ClientIDs, o.Thumbprints, isoTime(o.Created)})
}

func listOIDCProviders(c *call) error {
	if err := c.authorize("iam", c.oidcARN("*")); err != nil {
		return err
	}
	os, err := c.h.IAM.Store().ListOIDCProviders(c.ctx(), c.account)
	if err != nil {
		return err
	}
	type entry struct {
		Arn string `xml:"Arn"`
	}
	out := struct {
		List []entry `xml:"OpenIDConnectProviderList>member"`
	}{List: []entry{}}
	for _, o := range os {
		out.List = append(out.List, entry{c.oidcARN(o.Host())})
	}
	return c.respond(out)
}

func deleteOIDCProvider(c *call) error {
	host, err := c.oidcHost()
	if err != nil {
		return err
	}
	if err := c.h.IAM.Store().DeleteOIDCProvider(c.ctx(), c.account, host); err != nil {
		return err
	}
	return c.respond(nil)
}

func editOIDC(c *call, fn func(*iam.OIDCProvider) error) error {
	host, err := c.oidcHost()
	if err != nil {
		return err
	}
	if err := c.h.IAM.Store().EditOIDCProvider(c.ctx(), c.account, host, fn); err != nil {
		return err
	}
	return c.respond(nil)
}

func addClientID(c *call) error {
	id, err := c.required("ClientID")
	if err != nil {
		return err
	}
	return editOIDC(c, func(o *iam.OIDCProvider) error {
		if !slices.Contains(o.ClientIDs, id) {
			o.ClientIDs = append(o.ClientIDs, id)
		}
		return nil
	})
}

func removeClientID(c *call) error {
	id, err := c.required("ClientID")
	if err != nil {
		return err
	}
	return editOIDC(c, func(o *iam.OIDCProvider) error {
		o.ClientIDs = slices.DeleteFunc(o.ClientIDs, func(x string) bool { return x == id })
		return nil
	})
}

func updateThumbprints(c *call) error {
	tps := c.list("ThumbprintList")
	return editOIDC(c, func(o *iam.OIDCProvider) error {
		o.Thumbprints = tps
		return nil
	})
}

func updateGroup(c *call) error {
	name, err := c.required("GroupName")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", c.arn("group", "/", name)); err != nil {
		return err
	}
	if err := c.h.IAM.Store().UpdateGroup(c.ctx(), c.account, name, c.get("NewGroupName"), c.get("NewPath")); err != nil {
		return err
	}
	return c.respond(nil)
}

func updateRole(c *call) error {
	name, err := c.required("RoleName")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", c.arn("role", "/", name)); err != nil {
		return err
	}
	secs, err := c.duration2("MaxSessionDuration")
	if err != nil {
		return err
	}
	if err := c.h.IAM.Store().UpdateRole(c.ctx(), c.account, name, c.get("Description"), secs); err != nil {
		return err
	}
	return c.respond(struct{}{})
}
