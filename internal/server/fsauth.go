package server

import (
	"net"
	"net/http"

	"github.com/strata-storage/strata/internal/fsserver"
	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// mayFiles decides a file operation on bucket b: each access it needs is
// decided as S3 would decide the same action on the same key, with the
// user's policies, the bucket policy and the request's condition keys
// (source address, TLS, s3:prefix).
func (n *Node) mayFiles(r *http.Request, id auth.Identity, b object.Bucket, need []fsserver.Access) error {
	p, _ := id.Principal.(*iam.Principal)
	if p == nil {
		return strata.Errorf("fsapi", strata.Permission, "AccessDenied: the file API needs credentials")
	}
	if p.IsAdmin() || p.IsAccountRoot() && p.Session == nil && p.Account.Name == b.Account {
		return nil
	}
	chk := iam.Check{Principal: p, ResourceAccount: b.Account}
	if doc, err := n.Objects.GetBucketConfig(r.Context(), b.Name, "policy"); err == nil {
		chk.ResourcePolicy, _ = n.iam.Parsed(string(doc))
	}
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	info := iam.RequestInfo{SourceIP: ip, Secure: r.TLS != nil, UserAgent: r.UserAgent()}
	for _, a := range need {
		c := chk
		c.Action, c.Context = a.Action, iam.Context(p, info)
		if a.Action == "s3:ListBucket" {
			c.Resource = "arn:aws:s3:::" + b.Name
			c.Context["s3:prefix"] = []string{a.Prefix}
		} else {
			c.Resource = "arn:aws:s3:::" + b.Name + "/" + a.Key
		}
		if v := n.iam.Decide(&c); !v.Allowed {
			return strata.Errorf("fsapi", strata.Permission, "AccessDenied: %s on %s", a.Action, c.Resource)
		}
	}
	return nil
}
