package fsserver

import (
	"net/url"
	"reflect"
	"testing"
)

// TestAccessOf: each file operation needs the S3 permission of the S3
// request that would do the same, on the same key.
func TestAccessOf(t *testing.T) {
	to := url.Values{"to": {"team/new"}}
	x := url.Values{"xattrs": {"1"}} // the xattrs are the objects' metadata: reading them needs GetObject
	for _, c := range []struct {
		op, p string
		q     url.Values
		want  []Access
	}{
		{"stat", "team/a.txt", nil, []Access{{Action: "s3:ListBucket", Prefix: "team/"}}},
		{"stat", "team", nil, []Access{{Action: "s3:ListBucket"}}},
		{"stat", "", nil, []Access{{Action: "s3:ListBucket"}}},
		{"list", "team/sub", nil, []Access{{Action: "s3:ListBucket", Prefix: "team/sub/"}}},
		{"list", "", nil, []Access{{Action: "s3:ListBucket"}}},
		{"stat", "team/a.txt", x, []Access{{Action: "s3:ListBucket", Prefix: "team/"}, {Action: "s3:GetObject", Key: "team/a.txt"}}},
		{"list", "team/sub", x, []Access{{Action: "s3:ListBucket", Prefix: "team/sub/"}, {Action: "s3:GetObject", Key: "team/sub/"}}},
		{"list", "", x, []Access{{Action: "s3:ListBucket"}, {Action: "s3:GetObject", Key: ""}}},
		{"read", "team/a", nil, []Access{{Action: "s3:GetObject", Key: "team/a"}}},
		{"write", "/team/a/", nil, []Access{{Action: "s3:PutObject", Key: "team/a"}}},
		{"mkdir", "team/d", nil, []Access{{Action: "s3:PutObject", Key: "team/d/"}}},
		{"unlink", "team/a", nil, []Access{{Action: "s3:DeleteObject", Key: "team/a"}}},
		{"rmdir", "team/d", nil, []Access{{Action: "s3:DeleteObject", Key: "team/d/"}}},
		{"rename", "team/old", to, []Access{{Action: "s3:GetObject", Key: "team/old"}, {Action: "s3:DeleteObject", Key: "team/old"},
			{Action: "s3:PutObject", Key: "team/new"}}},
		{"link", "team/old", to, []Access{{Action: "s3:GetObject", Key: "team/old"}, {Action: "s3:PutObject", Key: "team/new"}}},
		{"lock", "", nil, []Access{{Action: "s3:ListBucket"}}},
		{"changes", "", nil, []Access{{Action: "s3:ListBucket"}}},
	} {
		if got := accessOf(c.op, c.p, c.q); !reflect.DeepEqual(got, c.want) {
			t.Errorf("accessOf(%s, %q) = %+v, want %+v", c.op, c.p, got, c.want)
		}
	}
}
