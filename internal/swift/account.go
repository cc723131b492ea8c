package swift

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/strata-storage/strata/internal/object"
)

// usager gives a bucket's object count and bytes (*object.Service).
type usager interface {
	BucketUsage(ctx context.Context, bucket string) (object.Usage, error)
}

func (rq *request) accountOp() error {
	if rq.r.URL.Query().Has("bulk-delete") && (rq.r.Method == http.MethodPost || rq.r.Method == http.MethodDelete) {
		return rq.bulkDelete()
	}
	switch rq.r.Method {
	case http.MethodGet, http.MethodHead:
		return rq.listAccount()
	case http.MethodPost:
		return rq.postAccount()
	case http.MethodPut:
		if rq.r.URL.Query().Has("extract-archive") {
			return rq.extractArchive()
		}
	}
	return errNotAllowed
}

// accountAllowed: only the account's own principals, as IAM allows them.
func (rq *request) accountAllowed(action string) error {
	if !rq.sameAccount() {
		return rq.denied()
	}
	return rq.allow(action, "", "", "", aclNone)
}

func (rq *request) usage(bucket string) object.Usage {
	if u, ok := rq.h.cfg.Objects.(usager); ok {
		if us, err := u.BucketUsage(rq.ctx, bucket); err == nil {
			return us
		}
	}
	return object.Usage{}
}

func (rq *request) listAccount() error {
	if err := rq.accountAllowed("s3:ListAllMyBuckets"); err != nil {
		return err
	}
	lp, err := parseListParams(rq.r.URL.Query(), rq.r.Header.Get("Accept"))
	if err != nil {
		return err
	}
	bs, err := rq.h.cfg.Objects.ListBuckets(rq.ctx, rq.account)
	if err != nil {
		return err
	}
	var rows []entry
	var count, bytes int64
	seen := map[string]bool{}
	for _, b := range bs {
		u := rq.usage(b.Name)
		count += u.Objects
		bytes += u.LogicalBytes
		name := b.Name
		if lp.Delimiter != "" && strings.HasPrefix(name, lp.Prefix) {
			if i := strings.Index(name[len(lp.Prefix):], lp.Delimiter); i >= 0 {
				sub := name[:len(lp.Prefix)+i+len(lp.Delimiter)]
				if !seen[sub] {
					seen[sub] = true
					rows = append(rows, entry{Name: sub, Subdir: true})
				}
				continue
			}
		}
		rows = append(rows, entry{Name: name, Count: u.Objects, Bytes: u.LogicalBytes, LastModified: b.Created})
	}
	m, err := rq.h.accountMeta(rq.ctx, rq.account)
	if err != nil {
		return err
	}
	h := rq.w.Header()
	h.Set("X-Account-Container-Count", strconv.Itoa(len(bs)))
	h.Set("X-Account-Object-Count", strconv.FormatInt(count, 10))
	h.Set("X-Account-Bytes-Used", strconv.FormatInt(count*0+bytes, 10))
	h.Set("X-Timestamp", "0000000000.00000")
	writeMeta(h, "Account", m)
	if rq.r.Method == http.MethodHead {
		h.Set("Content-Length", "0")
		rq.w.WriteHeader(http.StatusNoContent)
		return nil
	}
	writeListing(rq.w, rq.r, lp, "account", "AUTH_"+rq.account, lp.page(rows))
	return nil
}

func (rq *request) postAccount() error {
	if err := rq.accountAllowed("s3:PutAccountPublicAccessBlock"); err != nil {
		return err
	}
	m, err := rq.h.accountMeta(rq.ctx, rq.account)
	if err != nil {
		return err
	}
	if v, ok := rq.r.Header["X-Account-Access-Control"]; ok {
		var acl map[string][]string
		if err := json.Unmarshal([]byte(v[0]), &acl); err != nil {
			return herr(http.StatusBadRequest, "Invalid X-Account-Access-Control")
		}
		return herr(http.StatusBadRequest, "Account ACLs are not served; use IAM policies")
	}
	applyMeta(m, rq.r.Header, "Account")
	if metaTooLarge(m) {
		return errBadRequest
	}
	if err := rq.h.updateAccountMeta(rq.ctx, rq.account, rq.r.Header); err != nil {
		return err
	}
	rq.w.Header().Set("Content-Length", "0")
	rq.w.WriteHeader(http.StatusNoContent)
	return nil
}
