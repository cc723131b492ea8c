package swift

import (
	"errors"
	"net/http"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// access kinds a container ACL can grant.
const (
	aclNone  = iota
	aclRead  // object GET/HEAD: X-Container-Read
	aclList  // container GET/HEAD: X-Container-Read with .rlistings or a group
	aclWrite // object PUT/POST/DELETE: X-Container-Write
)

// allow decides an S3 action on the request's container (and object
// key) with the S3 evaluation; a container ACL may then allow what IAM
// does not. Denied anonymous callers get 401, others 403.
func (rq *request) allow(action, bucket, key, perm string, kind int) error {
	return rq.allowOn(bucket, key, action, perm, kind, nil)
}

func (rq *request) allowOn(bucket, key, action, perm string, kind int, doc *containerDoc) error {
	if rq.tempURL {
		return nil
	}
	err := rq.h.cfg.Authz.Authorize(rq.r, rq.p, action, bucket, key, perm)
	if err == nil {
		return nil
	}
	if !strata.Is(err, strata.Permission) {
		return err
	}
	if kind != aclNone && bucket != "" {
		if doc == nil {
			d, derr := rq.containerDoc(bucket)
			if derr != nil && !strata.Is(derr, strata.NotExist) {
				return derr
			}
			doc = &d
		}
		if doc.grants(rq, kind) {
			return nil
		}
	}
	return rq.denied()
}

// denied is 401 for an anonymous caller, 403 for a known one.
func (rq *request) denied() error {
	if rq.p == nil {
		return errUnauthorized
	}
	return errForbidden
}

// grants applies the container's ACLs to the caller.
func (d containerDoc) grants(rq *request, kind int) bool {
	switch kind {
	case aclRead, aclList:
		a, ok := parseACL(d.Read)
		if !ok {
			return false
		}
		if a.groupAllowed(rq.p) {
			return true
		}
		ref := a.referrerAllowed(rq.r.Referer())
		return ref && (kind == aclRead || a.listings)
	case aclWrite:
		a, ok := parseACL(d.Write)
		return ok && a.groupAllowed(rq.p)
	}
	return false
}

// bucket looks the container up and checks it belongs to the account in
// the path (a bucket of another account is not in this one).
func (rq *request) bucket(name string) (object.Bucket, error) {
	return rq.bucketIn(rq.account, name)
}

// bucketIn looks a container up in the named account.
func (rq *request) bucketIn(account, name string) (object.Bucket, error) {
	b, err := rq.h.cfg.Objects.GetBucket(rq.ctx, name)
	if err != nil {
		return b, err
	}
	if b.Account != account {
		return b, errNotFound
	}
	return b, nil
}

// sameAccount reports whether the caller is of the account in the path.
func (rq *request) sameAccount() bool { return rq.p != nil && rq.p.Account.Name == rq.account }

// isNotFound reports whether err means "no such thing".
func isNotFound(err error) bool {
	var he *httpError
	if errors.As(err, &he) {
		return he.status == http.StatusNotFound
	}
	return strata.Is(err, strata.NotExist)
}
