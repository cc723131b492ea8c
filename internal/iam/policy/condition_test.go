package policy

import (
	"strings"
	"testing"
)

type ctx = map[string][]string

// condCase is a Condition element, a request context and the expected
// outcome of an Allow statement that only this condition restricts.
type condCase struct {
	cond string
	ctx  ctx
	want bool
}

func runCondCases(t *testing.T, version string, cases []condCase) {
	t.Helper()
	for _, c := range cases {
		doc := `{"Version":"` + version + `","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":` + c.cond + `}}`
		if version == "" {
			doc = `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":` + c.cond + `}}`
		}
		p, err := Parse([]byte(doc))
		if err != nil {
			t.Errorf("%s: %v", c.cond, err)
			continue
		}
		got := p.Evaluate(&Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Context: c.ctx}) == Allow
		if got != c.want {
			t.Errorf("%s with %v: holds = %v, want %v", c.cond, c.ctx, got, c.want)
		}
	}
}

func TestConditionString(t *testing.T) {
	runCondCases(t, Version2012, []condCase{
		{`{"StringEquals":{"s3:prefix":"home/"}}`, ctx{"s3:prefix": {"home/"}}, true},
		{`{"StringEquals":{"s3:prefix":"home/"}}`, ctx{"s3:prefix": {"Home/"}}, false},
		{`{"StringEquals":{"s3:prefix":"home/"}}`, nil, false},
		{`{"StringEquals":{"s3:prefix":["a","home/"]}}`, ctx{"s3:prefix": {"home/"}}, true},
		{`{"StringEquals":{"S3:Prefix":"home/"}}`, ctx{"s3:prefix": {"home/"}}, true}, // keys are case-insensitive
		{`{"stringequals":{"s3:prefix":"home/"}}`, ctx{"s3:prefix": {"home/"}}, true}, // so are operators
		{`{"StringNotEquals":{"s3:prefix":"home/"}}`, ctx{"s3:prefix": {"home/"}}, false},
		{`{"StringNotEquals":{"s3:prefix":"home/"}}`, ctx{"s3:prefix": {"x"}}, true},
		{`{"StringNotEquals":{"s3:prefix":["a","b"]}}`, ctx{"s3:prefix": {"b"}}, false},
		{`{"StringNotEquals":{"s3:prefix":"home/"}}`, nil, true}, // missing key: negated holds
		{`{"StringEqualsIgnoreCase":{"s3:prefix":"home/"}}`, ctx{"s3:prefix": {"HOME/"}}, true},
		{`{"StringEqualsIgnoreCase":{"s3:prefix":"home/"}}`, ctx{"s3:prefix": {"HOME"}}, false},
		{`{"StringEqualsIgnoreCase":{"s3:prefix":"home/"}}`, nil, false},
		{`{"StringNotEqualsIgnoreCase":{"s3:prefix":"home/"}}`, ctx{"s3:prefix": {"HOME/"}}, false},
		{`{"StringNotEqualsIgnoreCase":{"s3:prefix":"home/"}}`, ctx{"s3:prefix": {"x"}}, true},
		{`{"StringNotEqualsIgnoreCase":{"s3:prefix":"home/"}}`, nil, true},
		{`{"StringLike":{"s3:prefix":"home/*"}}`, ctx{"s3:prefix": {"home/alice/x"}}, true},
		{`{"StringLike":{"s3:prefix":"home/*"}}`, ctx{"s3:prefix": {"Home/alice"}}, false},
		{`{"StringLike":{"s3:prefix":"h?me/"}}`, ctx{"s3:prefix": {"home/"}}, true},
		{`{"StringLike":{"s3:prefix":["", "home/*"]}}`, ctx{"s3:prefix": {""}}, true},
		{`{"StringLike":{"s3:prefix":"home/*"}}`, nil, false},
		{`{"StringNotLike":{"s3:prefix":"home/*"}}`, ctx{"s3:prefix": {"home/x"}}, false},
		{`{"StringNotLike":{"s3:prefix":"home/*"}}`, ctx{"s3:prefix": {"tmp/x"}}, true},
		{`{"StringNotLike":{"s3:prefix":"home/*"}}`, nil, true},
		{`{"BinaryEquals":{"aws:blob":"QmluYXJ5"}}`, ctx{"aws:blob": {"QmluYXJ5"}}, true},
		{`{"BinaryEquals":{"aws:blob":"QmluYXJ5"}}`, ctx{"aws:blob": {"QmluYXJ6"}}, false},
	})
}

func TestConditionNumeric(t *testing.T) {
	k := func(v string) ctx { return ctx{"s3:max-keys": {v}} }
	runCondCases(t, Version2012, []condCase{
		{`{"NumericEquals":{"s3:max-keys":"10"}}`, k("10"), true},
		{`{"NumericEquals":{"s3:max-keys":10}}`, k("10.0"), true},
		{`{"NumericEquals":{"s3:max-keys":"10"}}`, k("11"), false},
		{`{"NumericEquals":{"s3:max-keys":"10"}}`, k("ten"), false},
		{`{"NumericEquals":{"s3:max-keys":"10"}}`, nil, false},
		{`{"NumericNotEquals":{"s3:max-keys":"10"}}`, k("10"), false},
		{`{"NumericNotEquals":{"s3:max-keys":"10"}}`, k("9"), true},
		{`{"NumericNotEquals":{"s3:max-keys":"10"}}`, nil, true},
		{`{"NumericLessThan":{"s3:max-keys":"10"}}`, k("9"), true},
		{`{"NumericLessThan":{"s3:max-keys":"10"}}`, k("10"), false},
		{`{"NumericLessThan":{"s3:max-keys":"10"}}`, nil, false},
		{`{"NumericLessThanEquals":{"s3:max-keys":"10"}}`, k("10"), true},
		{`{"NumericLessThanEquals":{"s3:max-keys":"10"}}`, k("10.5"), false},
		{`{"NumericGreaterThan":{"s3:max-keys":"10"}}`, k("11"), true},
		{`{"NumericGreaterThan":{"s3:max-keys":"10"}}`, k("10"), false},
		{`{"NumericGreaterThanEquals":{"s3:max-keys":"10"}}`, k("10"), true},
		{`{"NumericGreaterThanEquals":{"s3:max-keys":"10"}}`, k("-3"), false},
		{`{"NumericGreaterThanEquals":{"s3:max-keys":"10"}}`, k("NaN"), false},
	})
}

func TestConditionDate(t *testing.T) {
	now := ctx{"aws:currenttime": {"2026-06-15T12:00:00Z"}, "aws:epochtime": {"1781524800"}}
	runCondCases(t, Version2012, []condCase{
		{`{"DateLessThan":{"aws:CurrentTime":"2027-01-01T00:00:00Z"}}`, now, true},
		{`{"DateLessThan":{"aws:CurrentTime":"2026-01-01"}}`, now, false},
		{`{"DateLessThan":{"aws:CurrentTime":"2027-01-01T00:00:00Z"}}`, nil, false},
		{`{"DateLessThanEquals":{"aws:CurrentTime":"2026-06-15T12:00:00Z"}}`, now, true},
		{`{"DateLessThanEquals":{"aws:CurrentTime":"2026-06-15T11:59:59Z"}}`, now, false},
		{`{"DateGreaterThan":{"aws:CurrentTime":"2026-06-15T11:00:00Z"}}`, now, true},
		{`{"DateGreaterThan":{"aws:CurrentTime":"2026-06-15T12:00:00Z"}}`, now, false},
		{`{"DateGreaterThanEquals":{"aws:CurrentTime":"2026-06-15T14:00:00+02:00"}}`, now, true},
		{`{"DateEquals":{"aws:CurrentTime":"2026-06-15T12:00:00.000Z"}}`, now, true},
		{`{"DateEquals":{"aws:CurrentTime":"1781524800"}}`, now, true}, // epoch seconds
		{`{"DateNotEquals":{"aws:CurrentTime":"2026-06-15T12:00:00Z"}}`, now, false},
		{`{"DateNotEquals":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, now, true},
		{`{"DateNotEquals":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, nil, true},
		{`{"DateGreaterThan":{"aws:EpochTime":"2026-06-15T11:00:00Z"}}`, now, true},
		{`{"DateGreaterThan":{"aws:EpochTime":1781524801}}`, now, false},
	})
}

func TestConditionBoolIPArnNull(t *testing.T) {
	tls := func(v string) ctx { return ctx{"aws:securetransport": {v}} }
	ip := func(v string) ctx { return ctx{"aws:sourceip": {v}} }
	arn := func(v string) ctx { return ctx{"aws:sourcearn": {v}} }
	runCondCases(t, Version2012, []condCase{
		{`{"Bool":{"aws:SecureTransport":"true"}}`, tls("true"), true},
		{`{"Bool":{"aws:SecureTransport":true}}`, tls("true"), true},
		{`{"Bool":{"aws:SecureTransport":"true"}}`, tls("false"), false},
		{`{"Bool":{"aws:SecureTransport":false}}`, tls("false"), true},
		{`{"Bool":{"aws:SecureTransport":"TRUE"}}`, tls("true"), true},
		{`{"Bool":{"aws:SecureTransport":"true"}}`, nil, false},
		{`{"BoolIfExists":{"aws:SecureTransport":"true"}}`, nil, true},
		{`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ip("10.1.2.3"), true},
		{`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ip("11.0.0.1"), false},
		{`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ip("::ffff:10.0.0.1"), true},
		{`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ip("not-an-ip"), false},
		{`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, nil, false},
		{`{"IpAddress":{"aws:SourceIp":["192.0.2.0/24","2001:db8::/32"]}}`, ip("2001:db8::1"), true},
		{`{"IpAddress":{"aws:SourceIp":["192.0.2.0/24","2001:db8::/32"]}}`, ip("2001:db9::1"), false},
		{`{"IpAddress":{"aws:SourceIp":"192.0.2.7"}}`, ip("192.0.2.7"), true},
		{`{"IpAddress":{"aws:SourceIp":"192.0.2.7"}}`, ip("192.0.2.8"), false},
		{`{"IpAddress":{"aws:SourceIp":"192.0.2.1/24"}}`, ip("192.0.2.200"), true}, // host bits ignored
		{`{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ip("10.1.2.3"), false},
		{`{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ip("192.0.2.1"), true},
		{`{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, nil, true},
		{`{"ArnLike":{"aws:SourceArn":"arn:aws:iam::123:user/*"}}`, arn("arn:aws:iam::123:user/alice"), true},
		{`{"ArnLike":{"aws:SourceArn":"arn:aws:iam::123:user/*"}}`, arn("arn:aws:iam::124:user/alice"), false},
		{`{"ArnLike":{"aws:SourceArn":"arn:aws:iam::*:user/alice"}}`, arn("arn:aws:iam::124:user/alice"), true},
		{`{"ArnLike":{"aws:SourceArn":"arn:aws:*"}}`, arn("arn:aws:iam::124:user/alice"), false}, // fields compare one by one
		{`{"ArnLike":{"aws:SourceArn":"arn:aws:iam::123:user/*"}}`, arn("not-an-arn"), false},
		{`{"ArnLike":{"aws:SourceArn":"arn:aws:iam::123:user/*"}}`, nil, false},
		{`{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123:topic"}}`, arn("arn:aws:sns:us-east-1:123:topic"), true},
		{`{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123:topic"}}`, arn("arn:aws:sns:us-east-1:123:other"), false},
		{`{"ArnEquals":{"aws:SourceArn":"arn:aws:s3:::b/a:b"}}`, arn("arn:aws:s3:::b/a:b"), true}, // colons in the resource field
		{`{"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123:topic"}}`, arn("arn:aws:sns:us-east-1:123:topic"), false},
		{`{"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123:topic"}}`, nil, true},
		{`{"ArnNotLike":{"aws:SourceArn":"arn:aws:iam::123:*"}}`, arn("arn:aws:iam::123:user/x"), false},
		{`{"ArnNotLike":{"aws:SourceArn":"arn:aws:iam::123:*"}}`, arn("arn:aws:iam::999:user/x"), true},
		{`{"ArnNotLike":{"aws:SourceArn":"arn:aws:iam::123:*"}}`, nil, true},
		{`{"Null":{"s3:x-amz-acl":"true"}}`, nil, true},
		{`{"Null":{"s3:x-amz-acl":"true"}}`, ctx{"s3:x-amz-acl": {"private"}}, false},
		{`{"Null":{"s3:x-amz-acl":false}}`, ctx{"s3:x-amz-acl": {"private"}}, true},
		{`{"Null":{"s3:x-amz-acl":"false"}}`, nil, false},
		{`{"Null":{"s3:x-amz-acl":"false"}}`, ctx{"s3:x-amz-acl": {}}, false}, // no value is no key
	})
}

func TestConditionIfExists(t *testing.T) {
	runCondCases(t, Version2012, []condCase{
		{`{"StringEqualsIfExists":{"s3:x-amz-acl":"private"}}`, nil, true},
		{`{"StringEqualsIfExists":{"s3:x-amz-acl":"private"}}`, ctx{"s3:x-amz-acl": {"private"}}, true},
		{`{"StringEqualsIfExists":{"s3:x-amz-acl":"private"}}`, ctx{"s3:x-amz-acl": {"public-read"}}, false},
		{`{"StringNotEqualsIfExists":{"s3:x-amz-acl":"public-read"}}`, ctx{"s3:x-amz-acl": {"public-read"}}, false},
		{`{"StringLikeIfExists":{"s3:prefix":"a*"}}`, nil, true},
		{`{"NumericLessThanIfExists":{"s3:max-keys":"10"}}`, nil, true},
		{`{"NumericLessThanIfExists":{"s3:max-keys":"10"}}`, ctx{"s3:max-keys": {"20"}}, false},
		{`{"DateGreaterThanIfExists":{"aws:CurrentTime":"2020-01-01"}}`, nil, true},
		{`{"IpAddressIfExists":{"aws:SourceIp":"10.0.0.0/8"}}`, nil, true},
		{`{"IpAddressIfExists":{"aws:SourceIp":"10.0.0.0/8"}}`, ctx{"aws:sourceip": {"1.1.1.1"}}, false},
		{`{"ArnLikeIfExists":{"aws:SourceArn":"arn:aws:iam::1:*"}}`, nil, true},
		{`{"StringEqualsIgnoreCaseIfExists":{"s3:prefix":"A"}}`, ctx{"s3:prefix": {"a"}}, true},
	})
}

func TestConditionSets(t *testing.T) {
	tags := func(v ...string) ctx { return ctx{"aws:tagkeys": v} }
	runCondCases(t, Version2012, []condCase{
		{`{"ForAnyValue:StringEquals":{"aws:TagKeys":["b","c"]}}`, tags("a", "b"), true},
		{`{"ForAnyValue:StringEquals":{"aws:TagKeys":["c"]}}`, tags("a", "b"), false},
		{`{"ForAnyValue:StringEquals":{"aws:TagKeys":["c"]}}`, nil, false},
		{`{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b","c"]}}`, tags("a", "b"), true},
		{`{"ForAllValues:StringEquals":{"aws:TagKeys":["a","c"]}}`, tags("a", "b"), false},
		{`{"ForAllValues:StringEquals":{"aws:TagKeys":["a"]}}`, nil, true}, // empty set
		{`{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["a"]}}`, tags("a", "b"), true},
		{`{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["a"]}}`, tags("a"), false},
		{`{"ForAllValues:StringNotEquals":{"aws:TagKeys":["a"]}}`, tags("x", "y"), true},
		{`{"ForAllValues:StringNotEquals":{"aws:TagKeys":["a"]}}`, tags("a", "y"), false},
		{`{"ForAllValues:StringLike":{"aws:TagKeys":["team-*","env"]}}`, tags("team-a", "env"), true},
		{`{"ForAllValues:StringLike":{"aws:TagKeys":["team-*","env"]}}`, tags("team-a", "cost"), false},
		{`{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":"x*"}}`, nil, true},
		{`{"ForAllValues:StringEqualsIfExists":{"aws:TagKeys":"x"}}`, tags("y"), false},
		{`{"forallvalues:stringequals":{"aws:TagKeys":["a","b"]}}`, tags("b"), true},
		// Without a qualifier, a multi-valued key matches a positive
		// operator when any value matches, a negated one when none does.
		{`{"StringEquals":{"aws:TagKeys":"b"}}`, tags("a", "b"), true},
		{`{"StringNotEquals":{"aws:TagKeys":"b"}}`, tags("a", "b"), false},
		{`{"ForAnyValue:NumericGreaterThan":{"aws:sizes":"10"}}`, ctx{"aws:sizes": {"1", "20"}}, true},
		{`{"ForAllValues:NumericGreaterThan":{"aws:sizes":"10"}}`, ctx{"aws:sizes": {"1", "20"}}, false},
		{`{"ForAnyValue:IpAddress":{"aws:ips":"10.0.0.0/8"}}`, ctx{"aws:ips": {"1.1.1.1", "10.0.0.1"}}, true},
	})
}

func TestConditionCombination(t *testing.T) {
	both := `{"StringEquals":{"s3:prefix":["a/","b/"],"s3:delimiter":"/"},"NumericLessThanEquals":{"s3:max-keys":"100"}}`
	runCondCases(t, Version2012, []condCase{
		{both, ctx{"s3:prefix": {"b/"}, "s3:delimiter": {"/"}, "s3:max-keys": {"50"}}, true},
		{both, ctx{"s3:prefix": {"c/"}, "s3:delimiter": {"/"}, "s3:max-keys": {"50"}}, false},  // values ORed, none matches
		{both, ctx{"s3:prefix": {"a/"}, "s3:max-keys": {"50"}}, false},                         // keys ANDed
		{both, ctx{"s3:prefix": {"a/"}, "s3:delimiter": {"/"}, "s3:max-keys": {"500"}}, false}, // operators ANDed
		{`{}`, nil, true},
	})
}

func TestConditionVariables(t *testing.T) {
	alice := ctx{"aws:username": {"alice"}, "s3:prefix": {"alice/"}}
	runCondCases(t, Version2012, []condCase{
		{`{"StringEquals":{"s3:prefix":"${aws:username}/"}}`, alice, true},
		{`{"StringEquals":{"s3:prefix":"${aws:username}/"}}`, ctx{"aws:username": {"bob"}, "s3:prefix": {"alice/"}}, false},
		{`{"StringEquals":{"s3:prefix":"${aws:username}/"}}`, ctx{"s3:prefix": {"alice/"}}, false}, // no value for the variable
		{`{"StringNotEquals":{"s3:prefix":"${aws:username}/"}}`, ctx{"s3:prefix": {"alice/"}}, false},
		{`{"StringEquals":{"s3:prefix":"${AWS:UserName}/"}}`, alice, true},
		{`{"StringEquals":{"s3:prefix":"${aws:username, 'anon'}/"}}`, ctx{"s3:prefix": {"anon/"}}, true},
		{`{"StringLike":{"s3:prefix":"${aws:username}/*"}}`, ctx{"aws:username": {"alice"}, "s3:prefix": {"alice/x/y"}}, true},
		// A variable's value is literal: a '*' in it is no wildcard.
		{`{"StringLike":{"aws:referer":"${s3:prefix}"}}`, ctx{"s3:prefix": {"*"}, "aws:referer": {"http://x"}}, false},
		{`{"StringLike":{"aws:referer":"${s3:prefix}"}}`, ctx{"s3:prefix": {"*"}, "aws:referer": {"*"}}, true},
		{`{"StringLike":{"s3:prefix":"a${*}b"}}`, ctx{"s3:prefix": {"axb"}}, false},
		{`{"StringLike":{"s3:prefix":"a${*}b"}}`, ctx{"s3:prefix": {"a*b"}}, true},
		{`{"StringEquals":{"s3:prefix":"${$}{x}${?}"}}`, ctx{"s3:prefix": {"${x}?"}}, true},
		{`{"ArnLike":{"aws:SourceArn":"arn:aws:iam::123:user/${aws:username}"}}`, ctx{"aws:username": {"alice"}, "aws:sourcearn": {"arn:aws:iam::123:user/alice"}}, true},
		{`{"ArnLike":{"aws:SourceArn":"arn:aws:iam::123:user/${aws:username}"}}`, ctx{"aws:username": {"*"}, "aws:sourcearn": {"arn:aws:iam::123:user/alice"}}, false},
	})
	// Under 2008-10-17 (or no Version) "${...}" is plain text.
	runCondCases(t, "", []condCase{
		{`{"StringEquals":{"s3:prefix":"${aws:username}/"}}`, alice, false},
		{`{"StringEquals":{"s3:prefix":"${aws:username}/"}}`, ctx{"s3:prefix": {"${aws:username}/"}}, true},
	})
	runCondCases(t, Version2008, []condCase{
		{`{"StringEquals":{"s3:prefix":"${aws:username}/"}}`, ctx{"s3:prefix": {"${aws:username}/"}}, true},
	})
}

// A Condition built by hand, without Parse, evaluates the same way.
func TestConditionByHand(t *testing.T) {
	p := &Policy{Version: Version2012, Statements: []Statement{{
		Effect: EffectAllow, Action: []string{"s3:*"}, Resource: []string{"*"},
		Condition: Conditions{{Operator: "StringLike", Key: "S3:Prefix", Values: []string{"home/*"}}},
	}}}
	if d := p.Evaluate(&Request{Action: "s3:ListBucket", Context: ctx{"s3:prefix": {"home/a"}}}); d != Allow {
		t.Errorf("got %v", d)
	}
	p.Statements[0].Condition[0].Operator = "NoSuchOperator"
	if d := p.Evaluate(&Request{Action: "s3:ListBucket", Context: ctx{"s3:prefix": {"home/a"}}}); d != NotApplicable {
		t.Errorf("unknown operator: got %v", d)
	}
	if err := p.Validate(Identity); err == nil || !strings.Contains(err.Error(), "Invalid Condition type") {
		t.Errorf("Validate: %v", err)
	}
}
