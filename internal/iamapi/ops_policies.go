package iamapi

import (
	"net/url"
	"strings"

	"github.com/strata-storage/strata/internal/iam"
)

// holder returns the entity kind and name an inline or attach call is
// about, from its action name (PutUserPolicy, AttachRolePolicy, ...).
func (c *call) holder() (kind, name, arn string, err error) {
	switch {
	case strings.Contains(c.action, "User"):
		kind = iam.EntityUser
		name, err = c.required("UserName")
	case strings.Contains(c.action, "Group"):
		kind = iam.EntityGroup
		name, err = c.required("GroupName")
	default:
		kind = iam.EntityRole
		name, err = c.required("RoleName")
	}
	return kind, name, c.arn(kind, "/", name), err
}

// document reads a policy document parameter; clients may send it
// percent-encoded.
func (c *call) document(param string) (string, error) {
	doc, err := c.required(param)
	if err != nil {
		return "", err
	}
	if !strings.HasPrefix(strings.TrimSpace(doc), "{") {
		if d, err := url.QueryUnescape(doc); err == nil {
			doc = d
		}
	}
	return doc, nil
}

func putInline(c *call) error {
	kind, name, arn, err := c.holder()
	if err != nil {
		return err
	}
	pname, err := c.required("PolicyName")
	if err != nil {
		return err
	}
	doc, err := c.document("PolicyDocument")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	if err := c.h.IAM.Store().PutInlinePolicy(c.ctx(), kind, c.account, name, pname, doc); err != nil {
		return err
	}
	return c.respond(nil)
}

func getInline(c *call) error {
	kind, name, arn, err := c.holder()
	if err != nil {
		return err
	}
	pname, err := c.required("PolicyName")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	doc, err := c.h.IAM.Store().GetInlinePolicy(c.ctx(), kind, c.account, name, pname)
	if err != nil {
		return err
	}
	out := struct {
		UserName       string `xml:"UserName,omitempty"`
		GroupName      string `xml:"GroupName,omitempty"`
		RoleName       string `xml:"RoleName,omitempty"`
		PolicyName     string `xml:"PolicyName"`
		PolicyDocument string `xml:"PolicyDocument"`
	}{PolicyName: pname, PolicyDocument: encodeDoc(doc)}
	switch kind {
	case iam.EntityUser:
		out.UserName = name
	case iam.EntityGroup:
		out.GroupName = name
	default:
		out.RoleName = name
	}
	return c.respond(out)
}

func deleteInline(c *call) error {
	kind, name, arn, err := c.holder()
	if err != nil {
		return err
	}
	pname, err := c.required("PolicyName")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	if err := c.h.IAM.Store().DeleteInlinePolicy(c.ctx(), kind, c.account, name, pname); err != nil {
		return err
	}
	return c.respond(nil)
}

func listInline(c *call) error {
	kind, name, arn, err := c.holder()
	if err != nil {
		return err
	}
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	names, err := c.h.IAM.Store().ListInlinePolicies(c.ctx(), kind, c.account, name)
	if err != nil {
		return err
	}
	return c.respond(struct {
		PolicyNames []string `xml:"PolicyNames>member"`
		IsTruncated bool     `xml:"IsTruncated"`
	}{append([]string{}, names...), false})
}

func attach(c *call) error {
	kind, name, arn, err := c.holder()
	if err != nil {
		return err
	}
	parn, err := c.required("PolicyArn")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	if err := c.h.IAM.Store().AttachPolicy(c.ctx(), kind, c.account, name, parn); err != nil {
		return err
	}
	return c.respond(nil)
}

func detach(c *call) error {
	kind, name, arn, err := c.holder()
	if err != nil {
		return err
	}
	parn, err := c.required("PolicyArn")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	if err := c.h.IAM.Store().DetachPolicy(c.ctx(), kind, c.account, name, parn); err != nil {
		return err
	}
	return c.respond(nil)
}

func listAttached(c *call) error {
	kind, name, arn, err := c.holder()
	if err != nil {
		return err
	}
	if err := c.authorize("iam", arn); err != nil {
		return err
	}
	arns, err := c.h.IAM.Store().ListAttachedPolicies(c.ctx(), kind, c.account, name)
	if err != nil {
		return err
	}
	out := struct {
		Policies    []xmlAttached `xml:"AttachedPolicies>member"`
		IsTruncated bool          `xml:"IsTruncated"`
	}{Policies: []xmlAttached{}}
	for _, a := range arns {
		out.Policies = append(out.Policies, xmlAttached{PolicyName: a[strings.LastIndexByte(a, '/')+1:], PolicyArn: a})
	}
	return c.respond(out)
}

func createPolicy(c *call) error {
	name, err := c.required("PolicyName")
	if err != nil {
		return err
	}
	doc, err := c.document("PolicyDocument")
	if err != nil {
		return err
	}
	if err := c.authorize("iam", c.arn("policy", c.get("Path"), name)); err != nil {
		return err
	}
	p, err := c.h.IAM.Store().CreatePolicy(c.ctx(), c.account, name, c.get("Path"), c.get("Description"), doc)
	if err != nil {
		return err
	}
	return c.respond(struct {
		Policy xmlPolicy `xml:"Policy"`
	}{c.policy(p, 0)})
}

// policyArg reads PolicyArn and authorizes the call on it.
func (c *call) policyArg() (string, error) {
	arn, err := c.required("PolicyArn")
	if err != nil {
		return "", err
	}
	return arn, c.authorize("iam", arn)
}

func getPolicy(c *call) error {
	arn, err := c.policyArg()
	if err != nil {
		return err
	}
	p, err := c.h.IAM.Store().GetPolicyByARN(c.ctx(), arn)
	if err != nil {
		return err
	}
	return c.respond(struct {
		Policy xmlPolicy `xml:"Policy"`
	}{c.policy(p, 0)})
}

func deletePolicy(c *call) error {
	arn, err := c.policyArg()
	if err != nil {
		return err
	}
	if err := c.h.IAM.Store().DeletePolicy(c.ctx(), arn); err != nil {
		return err
	}
	return c.respond(nil)
}

func listPolicies(c *call) error {
	if err := c.authorize("iam", c.arn("policy", "/", "*")); err != nil {
		return err
	}
	var ps []iam.ManagedPolicy
	scope := c.get("Scope")
	if scope == "" || scope == "All" || scope == "Local" {
		local, err := c.h.IAM.Store().ListPolicies(c.ctx(), c.account, c.get("PathPrefix"))
		if err != nil {
			return err
		}
		ps = append(ps, local...)
	}
	if scope == "All" || scope == "AWS" {
		ps = append(ps, iam.BuiltinPolicies()...)
	}
	from, to, next, err := c.page(len(ps))
	if err != nil {
		return err
	}
	out := struct {
		Policies    []xmlPolicy `xml:"Policies>member"`
		IsTruncated bool        `xml:"IsTruncated"`
		Marker      string      `xml:"Marker,omitempty"`
	}{Policies: []xmlPolicy{}, IsTruncated: next != "", Marker: next}
	for _, p := range ps[from:to] {
		out.Policies = append(out.Policies, c.policy(p, 0))
	}
	return c.respond(out)
}

func getPolicyVersion(c *call) error {
	arn, err := c.policyArg()
	if err != nil {
		return err
	}
	vid, err := c.required("VersionId")
	if err != nil {
		return err
	}
	p, err := c.h.IAM.Store().GetPolicyByARN(c.ctx(), arn)
	if err != nil {
		return err
	}
	for _, v := range p.Versions {
		if v.ID == vid {
			return c.respond(struct {
				PolicyVersion xmlPolicyVersion `xml:"PolicyVersion"`
			}{xmlPolicyVersion{Document: encodeDoc(v.Document), VersionID: v.ID, IsDefaultVersion: v.ID == p.Default, CreateDate: isoTime(v.Created)}})
		}
	}
	return &iam.Error{Code: "NoSuchEntity", Status: 404, Message: "Policy " + arn + " version " + vid + " does not exist or is not attachable."}
}

func createPolicyVersion(c *call) error {
	arn, err := c.policyArg()
	if err != nil {
		return err
	}
	doc, err := c.document("PolicyDocument")
	if err != nil {
		return err
	}
	v, err := c.h.IAM.Store().CreatePolicyVersion(c.ctx(), arn, doc, c.get("SetAsDefault") == "true")
	if err != nil {
		return err
	}
	return c.respond(struct {
		PolicyVersion xmlPolicyVersion `xml:"PolicyVersion"`
	}{xmlPolicyVersion{VersionID: v.ID, IsDefaultVersion: c.get("SetAsDefault") == "true", CreateDate: isoTime(v.Created)}})
}

func listPolicyVersions(c *call) error {
	arn, err := c.policyArg()
	if err != nil {
		return err
	}
	p, err := c.h.IAM.Store().GetPolicyByARN(c.ctx(), arn)
	if err != nil {
		return err
	}
	out := struct {
		Versions    []xmlPolicyVersion `xml:"Versions>member"`
		IsTruncated bool               `xml:"IsTruncated"`
	}{}
	for i := len(p.Versions) - 1; i >= 0; i-- {
		v := p.Versions[i]
		out.Versions = append(out.Versions, xmlPolicyVersion{VersionID: v.ID, IsDefaultVersion: v.ID == p.Default, CreateDate: isoTime(v.Created)})
	}
	return c.respond(out)
}

func deletePolicyVersion(c *call) error {
	arn, err := c.policyArg()
	if err != nil {
		return err
	}
	vid, err := c.required("VersionId")
	if err != nil {
		return err
	}
	if err := c.h.IAM.Store().DeletePolicyVersion(c.ctx(), arn, vid); err != nil {
		return err
	}
	return c.respond(nil)
}

func setDefaultPolicyVersion(c *call) error {
	arn, err := c.policyArg()
	if err != nil {
		return err
	}
	vid, err := c.required("VersionId")
	if err != nil {
		return err
	}
	if err := c.h.IAM.Store().SetDefaultPolicyVersion(c.ctx(), arn, vid); err != nil {
		return err
	}
	return c.respond(nil)
}
