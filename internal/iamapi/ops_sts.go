package iamapi

import (
	"net"
	"strconv"

	"github.com/strata-storage/strata/internal/iam"
)

type xmlCredentials struct {
	AccessKeyID     string `xml:"AccessKeyId"`
	SecretAccessKey string `xml:"SecretAccessKey"`
	SessionToken    string `xml:"SessionToken"`
	Expiration      string `xml:"Expiration"`
}

func credsXML(cr iam.Credentials) xmlCredentials {
	return xmlCredentials{cr.AccessKeyID, cr.SecretAccessKey, cr.SessionToken, isoTime(cr.Expiration)}
}

func (c *call) duration() (int, error) { return c.duration2("DurationSeconds") }

// duration2 reads a number of seconds from a parameter (0 if absent).
func (c *call) duration2(param string) (int, error) {
	s := c.get(param)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, invalid(param + " must be a number.")
	}
	return n, nil
}

func assumeRole(c *call) error {
	arn, err := c.required("RoleArn")
	if err != nil {
		return err
	}
	sess, err := c.required("RoleSessionName")
	if err != nil {
		return err
	}
	secs, err := c.duration()
	if err != nil {
		return err
	}
	ip, _, _ := net.SplitHostPort(c.r.RemoteAddr)
	in := iam.AssumeRoleInput{RoleARN: arn, SessionName: sess, Seconds: secs, Policy: c.get("Policy"),
		PolicyArns: c.list("PolicyArns"), Info: iam.RequestInfo{SourceIP: ip, Secure: c.r.TLS != nil, UserAgent: c.r.UserAgent()}}
	cr, role, err := c.h.IAM.AssumeRole(c.ctx(), c.p, in)
	if err != nil {
		return err
	}
	acct, _ := c.h.IAM.AccountByID(idOf(arn))
	return c.respond(struct {
		Credentials     xmlCredentials `xml:"Credentials"`
		AssumedRoleUser struct {
			AssumedRoleID string `xml:"AssumedRoleId"`
			Arn           string `xml:"Arn"`
		} `xml:"AssumedRoleUser"`
		PackedPolicySize int `xml:"PackedPolicySize"`
	}{Credentials: credsXML(cr), AssumedRoleUser: struct {
		AssumedRoleID string `xml:"AssumedRoleId"`
		Arn           string `xml:"Arn"`
	}{role.ID + ":" + sess, iam.AssumedRoleARN(acct.ID, role.Name, sess)}, PackedPolicySize: len(in.Policy) * 100 / 2048})
}

func idOf(arn string) string {
	id, _, _, _ := iam.ParseARN(arn)
	return id
}

func getSessionToken(c *call) error {
	secs, err := c.duration()
	if err != nil {
		return err
	}
	cr, err := c.h.IAM.GetSessionToken(c.ctx(), c.p, secs)
	if err != nil {
		return err
	}
	return c.respond(struct {
		Credentials xmlCredentials `xml:"Credentials"`
	}{credsXML(cr)})
}

func getCallerIdentity(c *call) error {
	return c.respond(struct {
		Arn     string `xml:"Arn"`
		UserID  string `xml:"UserId"`
		Account string `xml:"Account"`
	}{c.p.ARN(), c.p.UserID(), c.p.Account.ID})
}
