package s3

import (
	"bytes"
	"net"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/iam/policy"
	"github.com/strata-storage/strata/internal/object"
)

// principal is the IAM principal that signed the request; nil when
// anonymous or when the gateway runs without IAM.
func (rq *request) principal() *iam.Principal {
	p, _ := rq.ident.Principal.(*iam.Principal)
	return p
}

// authorize decides whether the request may do its action on the
// current bucket (and key), given the ACL permission perm that the
// legacy model asks for and the ACL document that applies (nil: the
// bucket's). Without IAM the bucket owner may do anything and others get
// what ACLs and the bucket policy grant.
func (rq *request) authorize(perm string, objACL []byte) error {
	if rq.h.cfg.IAM == nil {
		return rq.legacyAllow(perm, objACL)
	}
	p := rq.principal()
	if p == nil && !rq.ident.Anonymous {
		return errAccessDenied
	}
	var bucketPolicy []byte
	if doc, err := rq.bucketDoc("policy"); err == nil {
		bucketPolicy = doc
	}
	rq.loadTagsIfAsked(p, bucketPolicy)
	ck := &iam.Check{Principal: p, Action: rq.action(), Resource: rq.resourceARN(),
		ResourceAccount: rq.account, Context: rq.conditionContext(p)}
	if objACL != nil {
		// An object belongs to whoever wrote it (unless the bucket
		// enforces its owner): its ACL, not the bucket's, decides for
		// others, the bucket owner included.
		if owner := decodeACL(objACL, rq.account).Owner; owner != "" && !rq.ownerEnforced() {
			ck.ResourceAccount = owner
		}
	}
	pab := rq.publicAccessBlock()
	ck.RestrictPublic = pab.RestrictPublicBuckets
	if bucketPolicy != nil {
		if pol, err := rq.h.cfg.IAM.Parsed(string(bucketPolicy)); err == nil {
			ck.ResourcePolicy = pol
		}
	}
	if perm != "" && !rq.ownerEnforced() {
		a := rq.bucketACLDocOr(objACL)
		if !pab.IgnorePublicAcls {
			ck.ACLPublic = a.grantsPublic(p == nil, perm)
		}
		if p != nil {
			ck.ACLAccount = a.grantsAccount(p.Account.Name, perm)
		}
	}
	if v := rq.h.cfg.IAM.Decide(ck); !v.Allowed {
		rq.h.log.Debug("access denied", "action", ck.Action, "resource", ck.Resource, "reason", v.Reason)
		return errAccessDenied
	}
	return nil
}

func (rq *request) bucketACLDocOr(objACL []byte) acl {
	if objACL != nil {
		return decodeACL(objACL, rq.account)
	}
	return rq.bucketACLDoc()
}

// resourceARN is the S3 ARN of the request's bucket or object.
func (rq *request) resourceARN() string {
	if rq.bucket == "" {
		return "*"
	}
	if rq.key == "" {
		return "arn:aws:s3:::" + rq.bucket
	}
	return "arn:aws:s3:::" + rq.bucket + "/" + rq.key
}

// conditionContext returns the condition keys of the request.
func (rq *request) conditionContext(p *iam.Principal) map[string][]string {
	r := rq.r
	ip := r.RemoteAddr
	if h, _, err := net.SplitHostPort(ip); err == nil {
		ip = h
	}
	c := iam.Context(p, iam.RequestInfo{SourceIP: ip, Secure: r.TLS != nil, Referer: r.Referer(),
		UserAgent: r.UserAgent(), Now: time.Now()})
	set := func(k, v string) {
		if v != "" {
			c[k] = []string{v}
		}
	}
	if rq.key == "" && strings.HasPrefix(rq.action(), "s3:List") {
		c["s3:prefix"] = []string{rq.get("prefix")}
		set("s3:delimiter", rq.get("delimiter"))
		set("s3:max-keys", rq.get("max-keys"))
	}
	for _, h := range []string{"x-amz-acl", "x-amz-server-side-encryption", "x-amz-server-side-encryption-aws-kms-key-id",
		"x-amz-server-side-encryption-customer-algorithm", "x-amz-storage-class", "x-amz-copy-source", "x-amz-metadata-directive", "x-amz-grant-full-control",
		"x-amz-grant-read", "x-amz-grant-write", "x-amz-grant-read-acp", "x-amz-grant-write-acp",
		"x-amz-object-lock-mode", "x-amz-object-lock-retain-until-date", "x-amz-object-lock-legal-hold"} {
		set("s3:"+h, r.Header.Get(h))
	}
	set("s3:versionid", rq.get("versionId"))
	set("s3:x-amz-content-sha256", r.Header.Get("X-Amz-Content-Sha256"))
	if rq.ident.Anonymous {
		c["s3:authtype"] = []string{"REST-ANONYMOUS"}
	} else if r.URL.Query().Get("X-Amz-Signature") != "" || r.URL.Query().Get("Signature") != "" {
		c["s3:authtype"] = []string{"REST-QUERY-STRING"}
	} else {
		c["s3:authtype"] = []string{"REST-HEADER"}
	}
	if rq.ident.Service == "" && !rq.ident.Anonymous {
		c["s3:signatureversion"] = []string{"AWS"}
	} else if !rq.ident.Anonymous {
		c["s3:signatureversion"] = []string{"AWS4-HMAC-SHA256"}
	}
	if tags := r.Header.Get("X-Amz-Tagging"); tags != "" {
		if m, err := parseTagQuery(tags); err == nil {
			keys := make([]string, 0, len(m))
			for k, v := range m {
				c["s3:requestobjecttag/"+strings.ToLower(k)] = []string{v}
				keys = append(keys, k)
			}
			c["s3:requestobjecttagkeys"] = keys
		}
	}
	for k, v := range rq.objTags {
		c["s3:existingobjecttag/"+strings.ToLower(k)] = []string{v}
	}
	return c
}

// publicAccessBlock is the bucket's block united with its account's.
func (rq *request) publicAccessBlock() iam.PublicAccessBlock {
	var pab iam.PublicAccessBlock
	if doc, err := rq.bucketDoc("publicAccessBlock"); err == nil {
		pab = parsePublicAccessBlock(doc)
	}
	if a, ok := rq.h.cfg.IAM.Account(rq.account); ok && a.PublicAccessBlock != nil {
		ab := a.PublicAccessBlock
		pab.BlockPublicAcls = pab.BlockPublicAcls || ab.BlockPublicAcls
		pab.IgnorePublicAcls = pab.IgnorePublicAcls || ab.IgnorePublicAcls
		pab.BlockPublicPolicy = pab.BlockPublicPolicy || ab.BlockPublicPolicy
		pab.RestrictPublicBuckets = pab.RestrictPublicBuckets || ab.RestrictPublicBuckets
	}
	return pab
}

// policyIsPublic reports whether a bucket policy document is public.
func policyIsPublic(doc []byte) bool {
	p, err := policy.Parse(doc)
	return err == nil && iam.IsPublic(p)
}

// accountAction checks an action on no existing bucket (ListBuckets,
// CreateBucket): only the caller's own policies decide.
func (rq *request) accountAction(action string) error {
	if rq.ident.Anonymous {
		return errAccessDenied
	}
	if rq.h.cfg.IAM == nil {
		return nil
	}
	p := rq.principal()
	if p == nil {
		return errAccessDenied
	}
	// ListBuckets names every bucket: AWS matches it against
	// "arn:aws:s3:::*" (and "*"), as policies written for it expect.
	res := "arn:aws:s3:::*"
	if rq.bucket != "" {
		res = "arn:aws:s3:::" + rq.bucket
	}
	ck := &iam.Check{Principal: p, Action: action, Resource: res, Context: rq.conditionContext(p)}
	if !rq.h.cfg.IAM.Decide(ck).Allowed {
		return errAccessDenied
	}
	return nil
}

// allowDeleteEntry checks one key of a multi-object delete: each key is
// its own s3:DeleteObject (or DeleteObjectVersion) decision.
func (rq *request) allowDeleteEntry(key, version string) error {
	if rq.h.cfg.IAM == nil {
		return nil
	}
	one := *rq
	one.key, one.act = key, "s3:DeleteObject"
	if version != "" {
		one.act = "s3:DeleteObjectVersion"
	}
	return one.allow(permWrite, nil)
}

// loadTagsIfAsked reads the object's tags for s3:ExistingObjectTag
// conditions, when a policy that applies names that key and the handler
// has not read the object already: most requests never pay the lookup.
func (rq *request) loadTagsIfAsked(p *iam.Principal, bucketPolicy []byte) {
	if rq.key == "" || rq.objTags != nil {
		return
	}
	const key = "existingobjecttag"
	asked := bytes.Contains(bytes.ToLower(bucketPolicy), []byte(key)) ||
		p != nil && rq.h.cfg.IAM.Mentions(p, key)
	if !asked {
		return
	}
	info, err := rq.h.svc.HeadObject(rq.r.Context(), rq.bucket, rq.key, object.GetOptions{VersionID: rq.get("versionId")})
	if err == nil {
		rq.objTags = info.Tags
	}
}

// mayList reports whether the caller may list the bucket: S3 tells
// others that a key is missing only then (403 otherwise).
func (rq *request) mayList() bool {
	if rq.h.cfg.IAM == nil {
		return true
	}
	one := *rq
	one.key, one.act, one.objTags = "", "s3:ListBucket", nil
	// The key asked for is the listing's prefix: a policy granting
	// s3:ListBucket on "public/*" tells about keys under public/ only.
	one.q = map[string][]string{"prefix": {rq.key}}
	return one.allow(permRead, nil) == nil
}
