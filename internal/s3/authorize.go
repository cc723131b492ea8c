package s3

import (
	"net/http"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// Authorize decides, exactly as an S3 request would be decided, whether
// p (nil: anonymous) may do action (e.g. "s3:GetObject") on bucket and
// key ("" for the bucket itself). r gives the condition context (source
// address, TLS, referer; its query's prefix and delimiter for listings).
// perm is the legacy ACL permission the action needs ("READ", "WRITE",
// "" for none). It answers nil, or an error of kind strata.Permission,
// or the bucket's lookup error. Other API fronts (Swift) call it so that
// one evaluation governs every door.
func (h *Handler) Authorize(r *http.Request, p *iam.Principal, action, bucket, key, perm string) error {
	rq := &request{h: h, r: r, q: r.URL.Query(), bucket: bucket, key: key, act: action,
		ident: auth.Identity{Anonymous: p == nil}}
	if p != nil {
		rq.ident.Principal, rq.ident.Account, rq.ident.AccessKey = p, p.Account.Name, p.Key.ID
	}
	if bucket == "" {
		if rq.accountAction(action) != nil {
			return strata.Errorf("s3.Authorize", strata.Permission, "%s denied", action)
		}
		return nil
	}
	b, err := h.svc.GetBucket(r.Context(), bucket)
	if err != nil {
		return err
	}
	rq.account = b.Account
	if err := rq.authorize(perm, nil); err != nil {
		return strata.Errorf("s3.Authorize", strata.Permission, "%s on %s denied", action, rq.resourceARN())
	}
	return nil
}
