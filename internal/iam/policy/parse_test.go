package policy

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/strata"
)

func TestParseErrors(t *testing.T) {
	st := func(body string) string { return `{"Version":"2012-10-17","Statement":` + body + `}` }
	for _, c := range []struct{ doc, want string }{
		{``, "Syntax errors"},
		{`not json`, "Syntax errors"},
		{`[]`, "must be a JSON object"},
		{`{"Version":"2012-10-17","Statement":[]} trailing`, "data after"},
		{`{"Version":"2012-10-17"}`, "Missing required field Statement"},
		{`{"Version":"2012-10-17","Statement":[]}`, "Missing required field Statement"},
		{`{"Version":"2012-10-18","Statement":[]}`, "valid version string"},
		{`{"Version":20121017,"Statement":[]}`, "valid version string"},
		{`{"Version":"2012-10-17","Id":5,"Statement":[]}`, "Id must be a string"},
		{`{"version":"2012-10-17","Statement":[]}`, "Unknown field version"},
		{`{"Version":"2012-10-17","Version":"2012-10-17","Statement":[]}`, "Duplicate field"},
		{st(`"x"`), "Statement must be an object"},
		{st(`["x"]`), "Statement must be an object"},
		{st(`{"Action":"s3:*","Resource":"*"}`), "Missing required field Effect"},
		{st(`{"Effect":"allow","Action":"s3:*","Resource":"*"}`), "Invalid effect"},
		{st(`{"Effect":true,"Action":"s3:*","Resource":"*"}`), "Invalid effect"},
		{st(`{"Effect":"Allow","Resource":"*"}`), "must contain actions"},
		{st(`{"Effect":"Allow","Action":[],"Resource":"*"}`), "must contain actions"},
		{st(`{"Effect":"Allow","Action":"s3:*","NotAction":"iam:*","Resource":"*"}`), "both Action and NotAction"},
		{st(`{"Effect":"Allow","Action":"GetObject","Resource":"*"}`), "prefaced by a vendor"},
		{st(`{"Effect":"Allow","Action":"s3:","Resource":"*"}`), "prefaced by a vendor"},
		{st(`{"Effect":"Allow","Action":"s 3:x","Resource":"*"}`), "prefaced by a vendor"},
		{st(`{"Effect":"Allow","Action":5,"Resource":"*"}`), "Action must be a string or an array of strings"},
		{st(`{"Effect":"Allow","Action":["s3:*",5],"Resource":"*"}`), "Action must be a string or an array of strings"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"bucket/*"}`), "must be in ARN format"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":""}`), "must be in ARN format"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","NotResource":"*"}`), "both Resource and NotResource"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":{"a":1}}`), "Resource must be a string"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Foo":1}`), "Unknown field Foo in a statement"},
		{st(`{"Effect":"Allow","effect":"Allow","Action":"s3:*","Resource":"*"}`), "Unknown field effect"},
		{st(`{"Effect":"Allow","Action":"s3:*","Action":"iam:*","Resource":"*"}`), "Duplicate field"},
		{st(`[{"Sid":"a","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"a","Effect":"Deny","Action":"s3:*","Resource":"*"}]`), "must be unique"},
		{st(`{"Sid":1,"Effect":"Allow","Action":"s3:*","Resource":"*"}`), "Sid must be a string"},
		{st(`{"Effect":"Allow","Principal":"alice","Action":"s3:*","Resource":"*"}`), "Invalid principal"},
		{st(`{"Effect":"Allow","Principal":{},"Action":"s3:*","Resource":"*"}`), "Invalid principal"},
		{st(`{"Effect":"Allow","Principal":{"AWS":[]},"Action":"s3:*","Resource":"*"}`), "Invalid principal"},
		{st(`{"Effect":"Allow","Principal":{"AWS":""},"Action":"s3:*","Resource":"*"}`), "Invalid principal"},
		{st(`{"Effect":"Allow","Principal":{"IAM":"x"},"Action":"s3:*","Resource":"*"}`), "unknown principal type"},
		{st(`{"Effect":"Allow","Principal":["*"],"Action":"s3:*","Resource":"*"}`), "Invalid principal"},
		{st(`{"Effect":"Allow","Principal":"*","NotPrincipal":{"AWS":"1"},"Action":"s3:*","Resource":"*"}`), "both Principal and NotPrincipal"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":[]}`), "Condition must be a JSON object"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualz":{"a:b":"c"}}}`), "Invalid Condition type : StringEqualz"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NullIfExists":{"a:b":"true"}}}`), "Invalid Condition type"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ForAnyValue:Null":{"a:b":"true"}}}`), "Invalid Condition type"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ForSomeValues:StringEquals":{"a:b":"c"}}}`), "Invalid Condition type"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":"x"}}`), "must be a JSON object"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"a:b":null}}}`), "must be a string, number, boolean"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"a:b":{"x":1}}}}`), "must be a string, number, boolean"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"a:b":[]}}}`), "has no values"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"a:b":"1","A:B":"2"}}}`), "Duplicate condition key"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"":"1"}}}`), "must not be empty"},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"ten"}}}`), `Invalid value "ten"`},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"tomorrow"}}}`), `Invalid value "tomorrow"`},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"yes"}}}`), `Invalid value "yes"`},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Null":{"s3:x-amz-acl":"maybe"}}}`), `Invalid value "maybe"`},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/33"}}}`), `Invalid value "10.0.0.0/33"`},
		{st(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"host.example"}}}`), `Invalid value`},
	} {
		_, err := Parse([]byte(c.doc))
		if err == nil {
			t.Errorf("Parse(%s): no error, want %q", c.doc, c.want)
			continue
		}
		var pe *Error
		if !errors.As(err, &pe) || pe.Code != CodeMalformed {
			t.Errorf("Parse(%s): error %T %v is not a MalformedPolicyDocument *Error", c.doc, err, err)
		}
		if strata.KindOf(err) != strata.Invalid {
			t.Errorf("Parse(%s): kind %v, want invalid", c.doc, strata.KindOf(err))
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%s):\n got %v\nwant %q", c.doc, err, c.want)
		}
	}
}

func TestParseAccepts(t *testing.T) {
	for _, doc := range []string{
		`{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`,                             // no Version
		`{"Version":"2008-10-17","Id":"x","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}`, // old Version
		`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{}}}`,
		`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"${x}"}}}}`,
		`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"my-svc:Do","Resource":"arn:x"}}`,
		`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["1","arn:aws:iam::1:root"],"Service":"s3.amazonaws.com","Federated":"cognito","CanonicalUser":"abc"},"Action":"s3:*","Resource":"*"}}`,
		` {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]} ` + "\n",
	} {
		if _, err := Parse([]byte(doc)); err != nil {
			t.Errorf("Parse(%s): %v", doc, err)
		}
	}
}

func TestValidateKinds(t *testing.T) {
	withP := mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`)
	withNP := mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"1"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`)
	noP := mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`)
	noRes := mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}}`)
	noResID := mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject"}}`)
	for _, c := range []struct {
		p    *Policy
		kind Kind
		want string // "" = valid
	}{
		{withP, Resource, ""},
		{withNP, Resource, ""},
		{noP, Resource, "Missing required field Principal"},
		{noRes, Resource, "must contain resources"},
		{noP, Identity, ""},
		{noP, Session, ""},
		{withP, Identity, "should not specify a principal"},
		{withNP, Session, "should not specify a principal"},
		{noResID, Identity, "must contain resources"},
		{noP, Kind(9), "unknown policy kind"},
	} {
		err := c.p.Validate(c.kind)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("Validate(%v): %v", c.kind, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("Validate(%v) = %v, want %q", c.kind, err, c.want)
		}
	}
	bad := &Policy{Statements: []Statement{{Effect: "allow", Action: []string{"s3:*"}, Resource: []string{"*"}}}}
	if err := bad.Validate(Identity); err == nil || !strings.Contains(err.Error(), "Invalid effect") {
		t.Errorf("hand-built bad effect: %v", err)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	for _, name := range seedNames(t) {
		doc := readSeed(t, name)
		p, err := Parse(doc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("%s: marshal: %v", name, err)
		}
		q, err := Parse(out)
		if err != nil {
			t.Fatalf("%s: reparse: %v\n%s", name, err, out)
		}
		if !reflect.DeepEqual(p, q) {
			t.Errorf("%s: round trip changed the policy:\n%s", name, out)
		}
	}
}
