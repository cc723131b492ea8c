package policy

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

// The seeds are real-world policies (AWS documentation examples) kept as
// plain JSON in testdata/policies; testdata/fuzz holds them in the fuzz
// corpus format too.
func seedNames(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob("testdata/policies/*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no seed policies: %v", err)
	}
	sort.Strings(names)
	return names
}

func readSeed(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzParse: Parse never panics, and what it accepts marshals to a
// document that parses back to the same policy and marshals identically.
func FuzzParse(f *testing.F) {
	for _, n := range seedNames(f) {
		f.Add(readSeed(f, n))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		p, err := Parse(doc)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for _, k := range []Kind{Identity, Resource, Session} {
			_ = p.Validate(k)
		}
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		q, err := Parse(out)
		if err != nil {
			t.Fatalf("reparse: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(p, q) {
			t.Fatalf("round trip changed the policy\n in: %s\nout: %s", doc, out)
		}
		out2, _ := json.Marshal(q)
		if !bytes.Equal(out, out2) {
			t.Fatalf("marshal not stable:\n%s\n%s", out, out2)
		}
	})
}

// FuzzEvaluate: evaluating any parsed policy against any request never
// panics, and an identity evaluation agrees with itself.
func FuzzEvaluate(f *testing.F) {
	for _, n := range seedNames(f) {
		f.Add(readSeed(f, n), "s3:GetObject", "arn:aws:s3:::example-bucket/home/alice/x",
			"arn:aws:iam::111122223333:user/alice", "aws:username", "alice", false)
	}
	f.Add([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${s3:prefix}*","Condition":{"ForAllValues:StringLike":{"s3:prefix":"${*}"}}}}`),
		"s3:ListBucket", "arn:aws:s3:::b/**", "", "s3:prefix", "*", true)
	f.Fuzz(func(t *testing.T, doc []byte, action, resource, principal, key, value string, anon bool) {
		p, err := Parse(doc)
		if err != nil {
			return
		}
		r := &Request{
			Action: action, Resource: resource, Anonymous: anon,
			Context: map[string][]string{key: {value}, "aws:sourceip": {value}, "aws:currenttime": {value}},
		}
		if !anon {
			r.Principal = []string{principal, "123456789012"}
		}
		d1 := p.Evaluate(r)
		_ = p.EvaluateResource(r)
		if d2 := p.Evaluate(r); d1 != d2 {
			t.Fatalf("Evaluate not deterministic: %v then %v", d1, d2)
		}
	})
}
