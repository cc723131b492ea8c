package policy

import (
	"fmt"
	"strings"
	"testing"
)

// twentyStatements is a bucket-policy-sized document: 20 statements of
// mixed shape, the one that allows the benchmark's GetObject near the end.
func twentyStatements() string {
	var st []string
	for i := range 18 {
		switch i % 3 {
		case 0:
			st = append(st, fmt.Sprintf(`{"Sid":"s%d","Effect":"Allow","Action":["s3:PutObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::bucket-%d/*"}`, i, i))
		case 1:
			st = append(st, fmt.Sprintf(`{"Sid":"s%d","Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::bucket/team-%d/*","Condition":{"StringEquals":{"aws:username":"user-%d"}}}`, i, i, i))
		default:
			st = append(st, fmt.Sprintf(`{"Sid":"s%d","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::bucket/locked-%d/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`, i, i))
		}
	}
	st = append(st,
		`{"Sid":"tls","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::bucket/*","Condition":{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.0.0/16"]}}}`,
		`{"Sid":"read","Effect":"Allow","Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":"arn:aws:s3:::bucket/data/*","Condition":{"StringLike":{"aws:userid":"AIDA*"}}}`)
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(st, ",") + `]}`
}

func BenchmarkEvaluate20Statements(b *testing.B) {
	p := mustParse(b, twentyStatements())
	r := &Request{
		Action:    "s3:GetObject",
		Resource:  "arn:aws:s3:::bucket/data/2026/11/30/report.csv",
		Principal: []string{"arn:aws:iam::111122223333:user/alice", "111122223333"},
		Context: map[string][]string{
			"aws:username": {"alice"}, "aws:userid": {"AIDAEXAMPLE"},
			"aws:sourceip": {"10.1.2.3"}, "aws:securetransport": {"true"},
		},
	}
	if d := p.Evaluate(r); d != Allow {
		b.Fatalf("decision %v", d)
	}
	b.ReportAllocs()
	for b.Loop() {
		p.Evaluate(r)
	}
}

func BenchmarkParse20Statements(b *testing.B) {
	doc := []byte(twentyStatements())
	b.ReportAllocs()
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := Parse(doc); err != nil {
			b.Fatal(err)
		}
	}
}
