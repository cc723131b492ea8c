package s3

import (
	"encoding/xml"
	"net/http"

	"github.com/strata-storage/strata/internal/iam"
)

// parsePublicAccessBlock reads a stored PublicAccessBlockConfiguration.
func parsePublicAccessBlock(doc []byte) iam.PublicAccessBlock {
	var c struct {
		iam.PublicAccessBlock
	}
	xml.Unmarshal(doc, &c)
	return c.PublicAccessBlock
}

// ownerEnforced reports whether the bucket's Object Ownership is
// BucketOwnerEnforced: ACLs are disabled and the bucket owner owns every
// object.
func (rq *request) ownerEnforced() bool {
	doc, err := rq.h.svc.GetBucketConfig(rq.r.Context(), rq.bucket, "ownershipControls")
	if err != nil {
		return false
	}
	var c struct {
		Rules []struct {
			ObjectOwnership string `xml:"ObjectOwnership"`
		} `xml:"Rule"`
	}
	if xml.Unmarshal(doc, &c) != nil {
		return false
	}
	for _, r := range c.Rules {
		if r.ObjectOwnership == "BucketOwnerEnforced" {
			return true
		}
	}
	return false
}

var errACLNotSupported = errorf("AccessControlListNotSupported", 400, "The bucket does not allow ACLs")

// checkNewACL refuses an ACL the bucket's settings forbid: any but the
// owner's full control when Object Ownership enforces the bucket owner,
// and public grants under BlockPublicAcls.
func (rq *request) checkNewACL(a acl, explicit bool) error {
	if rq.h.cfg.IAM == nil || !explicit {
		return nil
	}
	if err := rq.checkGrantees(a); err != nil {
		return err
	}
	if rq.ownerEnforced() {
		c := rq.r.Header.Get("X-Amz-Acl")
		if c != "" && c != "bucket-owner-full-control" && c != "private" || c == "" && a.hasOtherGrantee(rq.account) {
			return errACLNotSupported
		}
	}
	if rq.publicAccessBlock().BlockPublicAcls && a.isPublic() {
		return errAccessDenied
	}
	return nil
}

// hasOtherGrantee reports a grant to anyone but owner.
func (a acl) hasOtherGrantee(owner string) bool {
	for _, g := range a.Grants {
		if g.URI != "" || g.ID != owner {
			return true
		}
	}
	return false
}

// isPublic reports a grant to AllUsers or AuthenticatedUsers.
func (a acl) isPublic() bool {
	for _, g := range a.Grants {
		if g.URI == allUsersURI || g.URI == authUsersURI {
			return true
		}
	}
	return false
}

// grantsPublic reports a grant of perm to a group the caller is in.
func (a acl) grantsPublic(anonymous bool, perm string) bool {
	for _, g := range a.Grants {
		if g.Perm != perm && g.Perm != permFull {
			continue
		}
		if g.URI == allUsersURI || g.URI == authUsersURI && !anonymous {
			return true
		}
	}
	return false
}

// grantsAccount reports a grant of perm to the account (canonical user).
func (a acl) grantsAccount(account, perm string) bool {
	for _, g := range a.Grants {
		if (g.Perm == perm || g.Perm == permFull) && g.ID != "" && g.ID == account {
			return true
		}
	}
	return false
}

// policyStatus answers GET ?policyStatus.
func (rq *request) policyStatus() error {
	if err := rq.ownerOnly(); err != nil {
		return err
	}
	public := rq.bucketACLDoc().isPublic()
	if doc, err := rq.h.svc.GetBucketConfig(rq.r.Context(), rq.bucket, "policy"); err == nil && policyIsPublic(doc) {
		public = true
	}
	type status struct {
		XMLName  xml.Name `xml:"PolicyStatus"`
		XMLNS    string   `xml:"xmlns,attr"`
		IsPublic bool     `xml:"IsPublic"`
	}
	return rq.writeXML(http.StatusOK, status{XMLNS: s3NS, IsPublic: public})
}

// checkGrantees refuses grants to accounts that do not exist, as S3
// refuses unknown canonical ids.
func (rq *request) checkGrantees(a acl) error {
	if rq.h.cfg.IAM == nil {
		return nil
	}
	for _, g := range a.Grants {
		if _, ok := rq.h.cfg.IAM.Account(g.ID); g.ID != "" && !ok {
			return errInvalidArg("Invalid id")
		}
	}
	return nil
}
