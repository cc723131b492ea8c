package s3

import (
	"errors"
	"net/http"
	"strings"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/website"
)

// The bucket website (PutBucketWebsite) is a stored document like cors;
// its model and rules are the website endpoint's (internal/website),
// which serves it. This file holds the S3 side: validation, the object
// redirect header, and the authorization entry points that endpoint uses.

const hdrWebsiteRedirect = "X-Amz-Website-Redirect-Location"

func init() {
	bucketConfigs[website.ConfigName] = errorf("NoSuchWebsiteConfiguration", 404, "The specified bucket does not have a website configuration")
}

// validateWebsite checks a WebsiteConfiguration as S3 does.
func validateWebsite(doc []byte) error {
	_, err := website.ParseDocument(doc)
	var ce *website.ConfigError
	if errors.As(err, &ce) {
		return errorf(ce.Code, 400, ce.Message)
	}
	return err
}

// checkWebsiteRedirect checks an object's x-amz-website-redirect-location.
func checkWebsiteRedirect(headers map[string]string) error {
	loc, ok := headers[hdrWebsiteRedirect]
	if !ok {
		return nil
	}
	if len(loc) > 2048 || !(strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "http://") || strings.HasPrefix(loc, "https://")) {
		return errorf("InvalidRedirectLocation", 400, "The website redirect location must have a prefix of 'http://' or 'https://' or '/'.")
	}
	return nil
}

// AuthorizeObject is Authorize for a read of an object version already
// looked up (info): that version's ACL and tags take part, exactly as on
// an S3 GetObject. The website endpoint calls it with p nil.
func (h *Handler) AuthorizeObject(r *http.Request, p *iam.Principal, action string, info object.ObjectInfo, perm string) error {
	rq := h.authRequest(r, p, action, info.Bucket, info.Key)
	rq.objTags = info.Tags
	if rq.objTags == nil {
		rq.objTags = map[string]string{} // read already: none
	}
	if err := rq.loadOwner(); err != nil {
		return err
	}
	if err := rq.authorize(perm, aclOrOwner(info)); err != nil {
		return strata.Errorf("s3.AuthorizeObject", strata.Permission, "%s on %s denied", action, rq.resourceARN())
	}
	return nil
}

// MayList reports whether p may list bucket under the prefix key, the
// test an S3 GET of a missing key makes to choose 404 over 403.
func (h *Handler) MayList(r *http.Request, p *iam.Principal, bucket, key string) bool {
	rq := h.authRequest(r, p, "s3:GetObject", bucket, key)
	if rq.loadOwner() != nil {
		return false
	}
	return rq.mayList()
}

func (h *Handler) authRequest(r *http.Request, p *iam.Principal, action, bucket, key string) *request {
	rq := &request{h: h, r: r, q: r.URL.Query(), bucket: bucket, key: key, act: action,
		ident: auth.Identity{Anonymous: p == nil}}
	if p != nil {
		rq.ident.Principal, rq.ident.Account, rq.ident.AccessKey = p, p.Account.Name, p.Key.ID
	}
	return rq
}

// loadOwner is loadBucket for the entry points: the bucket's lookup
// error as it came (strata.NotExist), no request headers read.
func (rq *request) loadOwner() error {
	b, err := rq.h.svc.GetBucket(rq.r.Context(), rq.bucket)
	if err != nil {
		return err
	}
	rq.account = b.Account
	return nil
}
