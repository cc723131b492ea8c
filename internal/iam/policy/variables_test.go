package policy

import (
	"slices"
	"testing"
)

func TestExpand(t *testing.T) {
	c := map[string][]string{"aws:username": {"alice", "second"}, "aws:userid": {"AIDA1"}, "empty": {}}
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"plain", "plain", true},
		{"${aws:username}", "alice", true}, // first value of a multi-valued key
		{"${AWS:UserName}/${aws:userid}", "alice/AIDA1", true},
		{"${ aws:username }", "alice", true},
		{"${aws:nothing}", "", false},
		{"${empty}", "", false},
		{"${aws:nothing, 'dflt'}", "dflt", true},
		{"${aws:nothing,'a b'}", "a b", true},
		{"${aws:nothing, dflt}", "", false}, // a default must be quoted
		{"${aws:username, 'dflt'}", "alice", true},
		{"a${*}b${?}c${$}", "a*b?c$", true},
		{"unterminated ${aws:username", "unterminated ${aws:username", true},
		{"$${aws:userid}}", "$AIDA1}", true},
		{"${}", "", false},
	} {
		got, lit, ok := expand(tc.in, c)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("expand(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
		if ok && len(lit) != len(got) {
			t.Errorf("expand(%q): mask of %d for %d bytes", tc.in, len(lit), len(got))
		}
	}
}

func TestRequestSetAndParseAs(t *testing.T) {
	var r Request
	r.Set("AWS:SourceIp", "10.0.0.1")
	r.Set("aws:sourceip", "10.0.0.2")
	if !slices.Equal(r.Context["aws:sourceip"], []string{"10.0.0.1", "10.0.0.2"}) {
		t.Fatalf("context %v", r.Context)
	}
	if _, err := ParseAs([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}`), Identity); err == nil {
		t.Error("identity policy with a principal accepted")
	}
	if _, err := ParseAs([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`), Session); err != nil {
		t.Error(err)
	}
	if _, err := ParseAs([]byte(`{`), Session); err == nil {
		t.Error("bad JSON accepted")
	}
}
