package policy

import (
	"errors"
	"strings"
	"testing"
)

// The AWS documentation examples mean what their documentation says.
func TestSeedPolicies(t *testing.T) {
	load := func(name string) *Policy { return mustParse(t, string(readSeed(t, "testdata/policies/"+name+".json"))) }
	u := func(name string, kv ...string) map[string][]string {
		m := map[string][]string{"aws:username": {name}}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = append(m[kv[i]], kv[i+1])
		}
		return m
	}
	const b = "arn:aws:s3:::example-bucket"
	runEval(t, load("home-folders"), false, []evalCase{
		{"list own home", Request{Action: "s3:ListBucket", Resource: b, Context: u("alice", "s3:prefix", "home/alice/")}, Allow},
		{"list home/", Request{Action: "s3:ListBucket", Resource: b, Context: u("alice", "s3:prefix", "home/", "s3:delimiter", "/")}, Allow},
		{"list other home", Request{Action: "s3:ListBucket", Resource: b, Context: u("alice", "s3:prefix", "home/bob/")}, NotApplicable},
		{"read own object", Request{Action: "s3:GetObject", Resource: b + "/home/alice/f", Context: u("alice")}, Allow},
		{"read other object", Request{Action: "s3:GetObject", Resource: b + "/home/bob/f", Context: u("alice")}, NotApplicable},
	})
	runEval(t, load("mfa-deny"), false, []evalCase{
		{"no MFA key: denied", Request{Action: "s3:GetObject", Resource: b + "/k"}, Deny},
		{"MFA false: denied", Request{Action: "s3:GetObject", Resource: b + "/k", Context: u("a", "aws:multifactorauthpresent", "false")}, Deny},
		{"MFA true", Request{Action: "s3:GetObject", Resource: b + "/k", Context: u("a", "aws:multifactorauthpresent", "true")}, NotApplicable},
		{"set up MFA without MFA", Request{Action: "iam:EnableMFADevice", Resource: "*"}, NotApplicable},
		{"old MFA cannot delete", Request{Action: "s3:DeleteObject", Resource: b + "/k", Context: u("a", "aws:multifactorauthpresent", "true", "aws:multifactorauthage", "7200")}, Deny},
	})
	runEval(t, load("require-sse"), true, []evalCase{
		{"no SSE header", Request{Anonymous: true, Action: "s3:PutObject", Resource: b + "/k"}, Deny},
		{"wrong SSE", Request{Anonymous: true, Action: "s3:PutObject", Resource: b + "/k", Context: u("a", "s3:x-amz-server-side-encryption", "aws:kms")}, Deny},
		{"AES256", Request{Anonymous: true, Action: "s3:PutObject", Resource: b + "/k", Context: u("a", "s3:x-amz-server-side-encryption", "AES256")}, NotApplicable},
	})
	runEval(t, load("self-credentials"), false, []evalCase{
		{"own keys", Request{Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::1:user/alice", Context: u("alice")}, Allow},
		{"others' keys", Request{Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::1:user/bob", Context: u("alice")}, NotApplicable},
		{"login profile wildcard", Request{Action: "iam:UpdateLoginProfile", Resource: "arn:aws:iam::1:user/alice", Context: u("alice")}, Allow},
	})
	runEval(t, load("tags"), false, []evalCase{
		{"production tag", Request{Action: "s3:GetObject", Resource: b + "/k", Context: u("a", "s3:existingobjecttag/environment", "production")}, Allow},
		{"other tag", Request{Action: "s3:GetObject", Resource: b + "/k", Context: u("a", "s3:existingobjecttag/environment", "dev")}, NotApplicable},
		{"allowed tag keys", Request{Action: "s3:PutObject", Resource: b + "/k", Context: u("alice", "s3:requestobjecttagkeys", "Owner", "s3:requestobjecttagkeys", "team-x", "s3:requestobjecttag/owner", "ALICE")}, Allow},
		{"extra tag key", Request{Action: "s3:PutObject", Resource: b + "/k", Context: u("alice", "s3:requestobjecttagkeys", "Owner", "s3:requestobjecttagkeys", "Cost", "s3:requestobjecttag/owner", "alice")}, NotApplicable},
		{"owner is someone else", Request{Action: "s3:PutObject", Resource: b + "/k", Context: u("alice", "s3:requestobjecttagkeys", "Owner", "s3:requestobjecttag/owner", "bob")}, NotApplicable},
	})
}

func TestCombine(t *testing.T) {
	for _, c := range []struct {
		in   []Decision
		want Decision
	}{
		{nil, NotApplicable},
		{[]Decision{NotApplicable, NotApplicable}, NotApplicable},
		{[]Decision{NotApplicable, Allow}, Allow},
		{[]Decision{Allow, Deny, Allow}, Deny},
	} {
		if got := Combine(c.in...); got != c.want {
			t.Errorf("Combine(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestParseBucketPolicy(t *testing.T) {
	ok := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:List*"],"Resource":["arn:aws:s3:::example-bucket","arn:aws:s3:::example-bucket/*","arn:aws:s3:::example-*/x"]}]}`
	if _, err := ParseBucketPolicy([]byte(ok), "example-bucket"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ doc, want string }{
		{strings.Replace(ok, `"Principal":"*",`, "", 1), "Missing required field Principal"},
		{strings.Replace(ok, `"s3:GetObject"`, `"iam:GetUser"`, 1), "Policy has invalid action: iam:GetUser"},
		{strings.Replace(ok, `"arn:aws:s3:::example-bucket/*"`, `"arn:aws:s3:::other-bucket/*"`, 1), "Policy has invalid resource: arn:aws:s3:::other-bucket/*"},
		{strings.Replace(ok, `"arn:aws:s3:::example-bucket/*"`, `"arn:aws:iam::1:user/x"`, 1), "Policy has invalid resource"},
		{`{"Statement":[]}`, "Missing required field Statement"},
		{`{"Version":"2012-10-17","Id":"` + strings.Repeat("x", MaxBucketPolicySize) + `","Statement":[]}`, "no larger than"},
	} {
		_, err := ParseBucketPolicy([]byte(c.doc), "example-bucket")
		var pe *Error
		if !errors.As(err, &pe) || pe.Code != CodeMalformedBucketPolicy || !strings.Contains(pe.Message, c.want) {
			t.Errorf("ParseBucketPolicy: got %v, want MalformedPolicy %q", err, c.want)
		}
	}
}
