package iamapi

import (
	"sort"

	"github.com/strata-storage/strata/internal/iam"
)

type xmlUser struct {
	Path       string   `xml:"Path"`
	UserName   string   `xml:"UserName"`
	UserID     string   `xml:"UserId"`
	Arn        string   `xml:"Arn"`
	CreateDate string   `xml:"CreateDate"`
	Tags       []xmlTag `xml:"Tags>member,omitempty"`
}

type xmlTag struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

type xmlGroup struct {
	Path       string `xml:"Path"`
	GroupName  string `xml:"GroupName"`
	GroupID    string `xml:"GroupId"`
	Arn        string `xml:"Arn"`
	CreateDate string `xml:"CreateDate"`
}

type xmlRole struct {
	Path                     string   `xml:"Path"`
	RoleName                 string   `xml:"RoleName"`
	RoleID                   string   `xml:"RoleId"`
	Arn                      string   `xml:"Arn"`
	CreateDate               string   `xml:"CreateDate"`
	AssumeRolePolicyDocument string   `xml:"AssumeRolePolicyDocument"`
	Description              string   `xml:"Description,omitempty"`
	MaxSessionDuration       int      `xml:"MaxSessionDuration"`
	Tags                     []xmlTag `xml:"Tags>member,omitempty"`
}

type xmlPolicy struct {
	PolicyName                    string `xml:"PolicyName"`
	PolicyID                      string `xml:"PolicyId"`
	Arn                           string `xml:"Arn"`
	Path                          string `xml:"Path"`
	DefaultVersionID              string `xml:"DefaultVersionId"`
	AttachmentCount               int    `xml:"AttachmentCount"`
	IsAttachable                  bool   `xml:"IsAttachable"`
	Description                   string `xml:"Description,omitempty"`
	CreateDate                    string `xml:"CreateDate"`
	UpdateDate                    string `xml:"UpdateDate"`
	PermissionsBoundaryUsageCount int    `xml:"PermissionsBoundaryUsageCount"`
}

type xmlPolicyVersion struct {
	Document         string `xml:"Document,omitempty"`
	VersionID        string `xml:"VersionId"`
	IsDefaultVersion bool   `xml:"IsDefaultVersion"`
	CreateDate       string `xml:"CreateDate"`
}

type xmlAttached struct {
	PolicyName string `xml:"PolicyName"`
	PolicyArn  string `xml:"PolicyArn"`
}

type xmlKeyMeta struct {
	UserName    string `xml:"UserName,omitempty"`
	AccessKeyID string `xml:"AccessKeyId"`
	Status      string `xml:"Status"`
	CreateDate  string `xml:"CreateDate"`
}

type xmlKey struct {
	UserName        string `xml:"UserName,omitempty"`
	AccessKeyID     string `xml:"AccessKeyId"`
	Status          string `xml:"Status"`
	SecretAccessKey string `xml:"SecretAccessKey"`
	CreateDate      string `xml:"CreateDate"`
}

func (c *call) user(u iam.User) xmlUser {
	x := xmlUser{Path: u.Path, UserName: u.Name, UserID: u.ID, Arn: c.arn("user", u.Path, u.Name), CreateDate: isoTime(u.Created)}
	x.Tags = tagsOf(u.Tags)
	return x
}

func (c *call) group(g iam.Group) xmlGroup {
	return xmlGroup{Path: g.Path, GroupName: g.Name, GroupID: g.ID, Arn: c.arn("group", g.Path, g.Name), CreateDate: isoTime(g.Created)}
}

func (c *call) role(r iam.Role) xmlRole {
	return xmlRole{Path: r.Path, RoleName: r.Name, RoleID: r.ID, Arn: c.arn("role", r.Path, r.Name), CreateDate: isoTime(r.Created),
		AssumeRolePolicyDocument: encodeDoc(r.Trust), Description: r.Description, MaxSessionDuration: r.MaxSession, Tags: tagsOf(r.Tags)}
}

func (c *call) policy(p iam.ManagedPolicy, attachments int) xmlPolicy {
	arn := iam.BuiltinARN(p.Name)
	if p.Account != "aws" {
		arn = c.arn("policy", p.Path, p.Name)
	}
	return xmlPolicy{PolicyName: p.Name, PolicyID: p.ID, Arn: arn, Path: p.Path, DefaultVersionID: p.Default,
		AttachmentCount: attachments, IsAttachable: true, Description: p.Description,
		CreateDate: isoTime(p.Created), UpdateDate: isoTime(p.Updated)}
}

func tagsOf(m map[string]string) []xmlTag {
	var out []xmlTag
	for k, v := range m {
		out = append(out, xmlTag{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// tags reads Tags.member.N.Key/Value.
func (c *call) tags() map[string]string {
	m := map[string]string{}
	for i := 1; ; i++ {
		k := c.get("Tags.member." + itoa(i) + ".Key")
		if k == "" {
			break
		}
		m[k] = c.get("Tags.member." + itoa(i) + ".Value")
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// list reads Name.member.N values.
func (c *call) list(name string) []string {
	var out []string
	for i := 1; ; i++ {
		v := c.get(name + ".member." + itoa(i))
		if v == "" {
			v = c.get(name + ".member." + itoa(i) + ".arn")
		}
		if v == "" {
			return out
		}
		out = append(out, v)
	}
}
