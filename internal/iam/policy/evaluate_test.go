package policy

import "testing"

func mustParse(t testing.TB, doc string) *Policy {
	t.Helper()
	p, err := Parse([]byte(doc))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, doc)
	}
	return p
}

const (
	acct  = "111122223333"
	alice = "arn:aws:iam::111122223333:user/alice"
	bob   = "arn:aws:iam::111122223333:user/bob"
	root  = "arn:aws:iam::111122223333:root"
	carol = "arn:aws:iam::444455556666:user/carol"
)

// who lists the names a requester goes by, as the gateway fills them in.
func who(arn, account string) []string {
	return []string{arn, "arn:aws:iam::" + account + ":root", account}
}

type evalCase struct {
	name string
	r    Request
	want Decision
}

func runEval(t *testing.T, p *Policy, resource bool, cases []evalCase) {
	t.Helper()
	for _, c := range cases {
		var got Decision
		if resource {
			got = p.EvaluateResource(&c.r)
		} else {
			got = p.Evaluate(&c.r)
		}
		if got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func TestExplicitDenyWins(t *testing.T) {
	allow := `{"Effect":"Allow","Action":"s3:*","Resource":"*"}`
	deny := `{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::b/*"}`
	for _, doc := range []string{
		`{"Version":"2012-10-17","Statement":[` + allow + `,` + deny + `]}`,
		`{"Version":"2012-10-17","Statement":[` + deny + `,` + allow + `]}`,
	} {
		runEval(t, mustParse(t, doc), false, []evalCase{
			{"delete denied", Request{Action: "s3:DeleteObject", Resource: "arn:aws:s3:::b/k"}, Deny},
			{"get allowed", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}, Allow},
			{"other service", Request{Action: "iam:CreateUser", Resource: "*"}, NotApplicable},
		})
	}
}

func TestActionResourceMatching(t *testing.T) {
	p := mustParse(t, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":["s3:Get*","s3:List?ucket"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]},
		{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::admin/*"}]}`)
	runEval(t, p, false, []evalCase{
		{"prefix wildcard", Request{Action: "s3:GetObjectTagging", Resource: "arn:aws:s3:::b/k"}, Allow},
		{"action case-insensitive", Request{Action: "S3:GETOBJECT", Resource: "arn:aws:s3:::b/k"}, Allow},
		{"? wildcard", Request{Action: "s3:ListBucket", Resource: "arn:aws:s3:::b"}, Allow},
		{"resource case-sensitive", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::B/k"}, NotApplicable},
		{"other bucket", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::bb/k"}, NotApplicable},
		{"action *", Request{Action: "iam:DeleteUser", Resource: "arn:aws:s3:::admin/x"}, Allow},
		{"no match", Request{Action: "s3:PutObject", Resource: "arn:aws:s3:::b/k"}, NotApplicable},
	})
}

func TestNotActionNotResource(t *testing.T) {
	p := mustParse(t, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","NotAction":["iam:*","s3:Delete*"],"Resource":"*"},
		{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::mine","arn:aws:s3:::mine/*"]}]}`)
	runEval(t, p, false, []evalCase{
		{"allowed by NotAction", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::mine/k"}, Allow},
		{"excluded by NotAction", Request{Action: "s3:DeleteObject", Resource: "arn:aws:s3:::mine/k"}, NotApplicable},
		{"excluded iam", Request{Action: "iam:CreateUser", Resource: "*"}, NotApplicable},
		{"denied by NotResource", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::other/k"}, Deny},
		{"NotAction allows other services", Request{Action: "sts:AssumeRole", Resource: "*"}, Allow},
	})
}

func TestResourceVariables(t *testing.T) {
	p := mustParse(t, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"},
		{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::lit/${*}${?}${$}"}]}`)
	u := func(name string) map[string][]string { return map[string][]string{"aws:username": {name}} }
	runEval(t, p, false, []evalCase{
		{"own home", Request{Action: "s3:PutObject", Resource: "arn:aws:s3:::home/alice/x", Context: u("alice")}, Allow},
		{"other home", Request{Action: "s3:PutObject", Resource: "arn:aws:s3:::home/bob/x", Context: u("alice")}, NotApplicable},
		{"no username", Request{Action: "s3:PutObject", Resource: "arn:aws:s3:::home/alice/x"}, NotApplicable},
		{"username is literal", Request{Action: "s3:PutObject", Resource: "arn:aws:s3:::home/bob/x", Context: u("*")}, NotApplicable},
		{"literal escapes", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::lit/*?$"}, Allow},
		{"escapes are no wildcards", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::lit/ab$"}, NotApplicable},
	})
	old := mustParse(t, `{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}}`)
	runEval(t, old, false, []evalCase{
		{"2008: no substitution", Request{Action: "s3:PutObject", Resource: "arn:aws:s3:::home/alice/x", Context: u("alice")}, NotApplicable},
		{"2008: literal text", Request{Action: "s3:PutObject", Resource: "arn:aws:s3:::home/${aws:username}/x"}, Allow},
	})
	// A NotResource whose variable has no value must not widen an Allow
	// to every resource.
	nr := mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::home/${aws:username}/*"}}`)
	runEval(t, nr, false, []evalCase{
		{"NotResource missing variable", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::x/y"}, NotApplicable},
		{"NotResource resolved", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::x/y", Context: u("alice")}, Allow},
		{"NotResource excluded", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::home/alice/y", Context: u("alice")}, NotApplicable},
	})
}

func TestPrincipals(t *testing.T) {
	p := mustParse(t, `{"Version":"2012-10-17","Statement":[
		{"Sid":"public","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/public/*"},
		{"Sid":"anyaws","Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/aws/*"},
		{"Sid":"alice","Effect":"Allow","Principal":{"AWS":["`+alice+`"]},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"},
		{"Sid":"account","Effect":"Allow","Principal":{"AWS":"`+acct+`"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::b"},
		{"Sid":"root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObjectTagging","Resource":"arn:aws:s3:::b/*"},
		{"Sid":"canon","Effect":"Allow","Principal":{"CanonicalUser":"79a59df900b949e55d96a1e698fbaced"},"Action":"s3:GetObjectAcl","Resource":"arn:aws:s3:::b/*"},
		{"Sid":"svc","Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/logs/*"},
		{"Sid":"notbob","Effect":"Deny","NotPrincipal":{"AWS":["`+bob+`","`+alice+`"]},"Action":"s3:DeleteObject","Resource":"arn:aws:s3:::b/*"}]}`)
	if err := p.Validate(Resource); err != nil {
		t.Fatal(err)
	}
	anon := Request{Anonymous: true}
	req := func(base Request, action, res string) Request {
		base.Action, base.Resource = action, res
		return base
	}
	a := Request{Principal: who(alice, acct)}
	b := Request{Principal: who(bob, acct)}
	c := Request{Principal: who(carol, "444455556666")}
	canon := Request{Principal: []string{"79a59df900b949e55d96a1e698fbaced"}}
	runEval(t, p, true, []evalCase{
		{"* allows anonymous", req(anon, "s3:GetObject", "arn:aws:s3:::b/public/x"), Allow},
		{"* allows users", req(c, "s3:GetObject", "arn:aws:s3:::b/public/x"), Allow},
		{"AWS * allows anonymous", req(anon, "s3:GetObject", "arn:aws:s3:::b/aws/x"), Allow},
		{"user ARN: alice", req(a, "s3:PutObject", "arn:aws:s3:::b/k"), Allow},
		{"user ARN: not bob", req(b, "s3:PutObject", "arn:aws:s3:::b/k"), NotApplicable},
		{"user ARN: not anonymous", req(anon, "s3:PutObject", "arn:aws:s3:::b/k"), NotApplicable},
		{"account ID: bob in account", req(b, "s3:ListBucket", "arn:aws:s3:::b"), Allow},
		{"account ID: by root ARN only", req(Request{Principal: []string{root}}, "s3:ListBucket", "arn:aws:s3:::b"), Allow},
		{"account ID: other account", req(c, "s3:ListBucket", "arn:aws:s3:::b"), NotApplicable},
		{"root ARN: by account ID only", req(Request{Principal: []string{"444455556666"}}, "s3:GetObjectTagging", "arn:aws:s3:::b/k"), Allow},
		{"root ARN: other account", req(a, "s3:GetObjectTagging", "arn:aws:s3:::b/k"), NotApplicable},
		{"canonical user", req(canon, "s3:GetObjectAcl", "arn:aws:s3:::b/k"), Allow},
		{"canonical user: others", req(a, "s3:GetObjectAcl", "arn:aws:s3:::b/k"), NotApplicable},
		{"service never matches users", req(a, "s3:PutObject", "arn:aws:s3:::b/logs/x"), Allow}, // via "alice"
		{"service never matches anonymous", req(anon, "s3:PutObject", "arn:aws:s3:::b/logs/x"), NotApplicable},
		{"service never matches carol", req(c, "s3:PutObject", "arn:aws:s3:::b/logs/x"), NotApplicable},
		{"NotPrincipal: carol denied", req(c, "s3:DeleteObject", "arn:aws:s3:::b/k"), Deny},
		{"NotPrincipal: anonymous denied", req(anon, "s3:DeleteObject", "arn:aws:s3:::b/k"), Deny},
		{"NotPrincipal: bob exempt", req(b, "s3:DeleteObject", "arn:aws:s3:::b/k"), NotApplicable},
	})
	// Identity evaluation ignores principals altogether.
	runEval(t, p, false, []evalCase{
		{"identity ignores Principal", req(c, "s3:PutObject", "arn:aws:s3:::b/k"), Allow},
		{"identity ignores NotPrincipal", req(b, "s3:DeleteObject", "arn:aws:s3:::b/k"), Deny},
	})
}

func TestResourcePolicyNeedsPrincipal(t *testing.T) {
	p := mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`)
	r := Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Principal: who(alice, acct)}
	if d := p.EvaluateResource(&r); d != NotApplicable {
		t.Errorf("statement without principal applied: %v", d)
	}
	var nilPolicy *Policy
	if d := nilPolicy.Evaluate(&r); d != NotApplicable {
		t.Errorf("nil policy: %v", d)
	}
}

// Statements without Resource (as in a trust policy) cover every resource.
func TestNoResourceElement(t *testing.T) {
	p := mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"`+alice+`"},"Action":"sts:AssumeRole"}}`)
	r := Request{Action: "sts:AssumeRole", Principal: who(alice, acct)}
	if d := p.EvaluateResource(&r); d != Allow {
		t.Errorf("got %v", d)
	}
}

func TestConditionInStatement(t *testing.T) {
	p := mustParse(t, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
		 "Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}},
		{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*",
		 "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`)
	ok := map[string][]string{"aws:sourceip": {"192.0.2.9"}, "aws:securetransport": {"true"}}
	plain := map[string][]string{"aws:sourceip": {"192.0.2.9"}, "aws:securetransport": {"false"}}
	far := map[string][]string{"aws:sourceip": {"198.51.100.1"}, "aws:securetransport": {"true"}}
	runEval(t, p, true, []evalCase{
		{"in range over TLS", Request{Anonymous: true, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Context: ok}, Allow},
		{"plain HTTP denied", Request{Anonymous: true, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Context: plain}, Deny},
		{"out of range", Request{Anonymous: true, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Context: far}, NotApplicable},
	})
}
