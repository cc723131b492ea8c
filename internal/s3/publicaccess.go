package s3

import (
	"encoding/xml"
	"net/http"

	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/object"
)

// parsePublicAccessBlock reads a stored PublicAccessBlockConfiguration.
func parsePublicAccessBlock(doc []byte) iam.PublicAccessBlock {
	var c struct {
		iam.PublicAccessBlock
	}
	xml.Unmarshal(doc, &c)
	return c.PublicAccessBlock
}

// ownershipMode is the bucket's Object Ownership: BucketOwnerEnforced
// (ACLs disabled, the bucket owner owns every object),
// BucketOwnerPreferred, or ObjectWriter (also when unset).
func (rq *request) ownershipMode() string {
	doc, err := rq.bucketDoc("ownershipControls")
	if err != nil {
		return "ObjectWriter"
	}
	var c ownershipControls
	if xml.Unmarshal(doc, &c) != nil || len(c.Rules) == 0 {
		return "ObjectWriter"
	}
	return c.Rules[0].ObjectOwnership
}

// ownerEnforced reports whether the bucket's Object Ownership is
// BucketOwnerEnforced.
func (rq *request) ownerEnforced() bool { return rq.ownershipMode() == "BucketOwnerEnforced" }

// applyOwnership sets who owns a new object: the bucket owner when the
// bucket enforces it, or prefers it and the writer grants it full
// control (canned is the x-amz-acl header or a POST form's acl field);
// the writer otherwise.
func (rq *request) applyOwnership(o *object.PutOptions, canned string) {
	switch rq.ownershipMode() {
	case "BucketOwnerEnforced":
		o.Owner, o.ACL = rq.account, nil
	case "BucketOwnerPreferred":
		if canned == "bucket-owner-full-control" {
			o.Owner, o.ACL = rq.account, nil
		}
	}
}

// checkOwnershipChange refuses BucketOwnerEnforced on a bucket whose ACL
// grants anyone but its owner, as S3 does.
func (rq *request) checkOwnershipChange(doc []byte) error {
	var c ownershipControls
	if xml.Unmarshal(doc, &c) != nil || len(c.Rules) == 0 || c.Rules[0].ObjectOwnership != "BucketOwnerEnforced" {
		return nil
	}
	if rq.bucketACLDoc().hasOtherGrantee(rq.account) {
		return errorf("InvalidBucketAclWithObjectOwnership", 400, "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting")
	}
	return nil
}

var errACLNotSupported = errorf("AccessControlListNotSupported", 400, "The bucket does not allow ACLs")

// checkNewACL refuses an ACL the bucket's settings forbid: any but the
// owner's full control when Object Ownership enforces the bucket owner,
// and public grants under BlockPublicAcls.
func (rq *request) checkNewACL(a acl, explicit bool) error {
	return rq.checkNewACLCanned(a, explicit, rq.r.Header.Get("X-Amz-Acl"))
}

// checkNewACLCanned is checkNewACL with the canned ACL the request named,
// which a browser POST carries as a form field rather than a header.
func (rq *request) checkNewACLCanned(a acl, explicit bool, canned string) error {
	if !explicit {
		return nil
	}
	if err := rq.checkGrantees(a); err != nil {
		return err
	}
	if rq.h.cfg.IAM == nil {
		return nil
	}
	if rq.ownerEnforced() {
		if canned != "bucket-owner-full-control" {
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
	if doc, err := rq.bucketDoc("policy"); err == nil && policyIsPublic(doc) {
		public = true
	}
	type status struct {
		XMLName  xml.Name `xml:"PolicyStatus"`
		XMLNS    string   `xml:"xmlns,attr"`
		IsPublic bool     `xml:"IsPublic"`
	}
	return rq.writeXML(http.StatusOK, status{XMLNS: s3NS, IsPublic: public})
}

var errUnresolvableEmail = errorf("UnresolvableGrantByEmailAddress", 400, "The e-mail address you provided does not match any account on record.")

// checkGrantees refuses grants to accounts that do not exist, as S3
// refuses unknown canonical ids, and turns grants by e-mail address into
// grants to the account of that address. The grants share their backing
// array with the caller's copy of a, which so sees the resolved ids.
func (rq *request) checkGrantees(a acl) error {
	for i, g := range a.Grants {
		switch {
		case g.Email != "":
			acct, ok := rq.accountByEmail(g.Email)
			if !ok {
				return errUnresolvableEmail
			}
			a.Grants[i].ID, a.Grants[i].Email = acct, ""
		case g.ID != "" && rq.h.cfg.IAM != nil:
			if _, ok := rq.h.cfg.IAM.Account(g.ID); !ok {
				return errInvalidArg("Invalid id")
			}
		}
	}
	return nil
}

func (rq *request) accountByEmail(email string) (string, bool) {
	if rq.h.cfg.IAM == nil {
		return "", false
	}
	a, ok := rq.h.cfg.IAM.AccountByEmail(email)
	return a.Name, ok
}
