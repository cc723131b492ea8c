package policy

import "testing"

func TestParseEvaluateBasic(t *testing.T) {
	p, err := Parse([]byte(`{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:List*"], "Resource": "arn:aws:s3:::bucket/*"},
    {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/secret/*"}
  ]
}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Validate(Identity); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		action, res string
		want        Decision
	}{
		{"s3:GetObject", "arn:aws:s3:::bucket/a", Allow},
		{"S3:getobject", "arn:aws:s3:::bucket/a", Allow},
		{"s3:ListBucket", "arn:aws:s3:::bucket/a", Allow},
		{"s3:GetObject", "arn:aws:s3:::bucket/secret/x", Deny},
		{"s3:PutObject", "arn:aws:s3:::bucket/a", NotApplicable},
		{"s3:GetObject", "arn:aws:s3:::Bucket/a", NotApplicable},
	} {
		if got := p.Evaluate(&Request{Action: c.action, Resource: c.res}); got != c.want {
			t.Errorf("%s %s: got %v, want %v", c.action, c.res, got, c.want)
		}
	}
}
