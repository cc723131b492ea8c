package policy

import "testing"

func TestIsPublic(t *testing.T) {
	stmt := func(principal, cond string) string {
		s := `{"Version":"2012-10-17","Statement":{"Effect":"Allow",` + principal + `,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`
		if cond != "" {
			s += `,"Condition":` + cond
		}
		return s + `}}`
	}
	for _, c := range []struct {
		doc  string
		want bool
	}{
		{stmt(`"Principal":"*"`, ""), true},
		{stmt(`"Principal":{"AWS":"*"}`, ""), true},
		{stmt(`"Principal":{"AWS":["111122223333","*"]}`, ""), true},
		{stmt(`"NotPrincipal":{"AWS":"111122223333"}`, ""), true},
		{stmt(`"Principal":{"AWS":"111122223333"}`, ""), false},
		{stmt(`"Principal":"*"`, `{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}`), false},
		{stmt(`"Principal":"*"`, `{"IpAddress":{"aws:SourceIp":"0.0.0.0/1"}}`), true},
		{stmt(`"Principal":"*"`, `{"NotIpAddress":{"aws:SourceIp":"192.0.2.0/24"}}`), true},
		{stmt(`"Principal":"*"`, `{"StringEquals":{"aws:SourceAccount":"111122223333"}}`), false},
		{stmt(`"Principal":"*"`, `{"StringEqualsIfExists":{"aws:SourceAccount":"111122223333"}}`), true},
		{stmt(`"Principal":"*"`, `{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::1:*"}}`), true},
		{stmt(`"Principal":"*"`, `{"ArnEquals":{"aws:SourceArn":"arn:aws:s3:::logs"}}`), false},
		{stmt(`"Principal":"*"`, `{"StringLike":{"aws:Referer":"http://example.com/*"}}`), true},
		{stmt(`"Principal":"*"`, `{"Bool":{"aws:SecureTransport":"true"}}`), true},
		{`{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}}`, false},
	} {
		if got := mustParse(t, c.doc).IsPublic(); got != c.want {
			t.Errorf("IsPublic(%s) = %v, want %v", c.doc, got, c.want)
		}
	}
}
