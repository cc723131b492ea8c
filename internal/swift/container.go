package swift

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

func (rq *request) containerOp() error {
	q := rq.r.URL.Query()
	switch rq.r.Method {
	case http.MethodGet, http.MethodHead:
		return rq.listContainer()
	case http.MethodPut:
		if q.Has("extract-archive") {
			return rq.extractArchive()
		}
		return rq.putContainer()
	case http.MethodPost:
		return rq.postContainer()
	case http.MethodDelete:
		return rq.deleteContainer()
	}
	return errNotAllowed
}

// applyContainerHeaders updates the container state from the request:
// metadata, ACLs and versioning locations. It answers whether ACLs or
// versioning changed (they need more than a metadata permission).
func applyContainerHeaders(d *containerDoc, hdr http.Header) (acls bool, err error) {
	if d.Meta == nil {
		d.Meta = map[string]string{}
	}
	applyMeta(d.Meta, hdr, "Container")
	if metaTooLarge(d.Meta) {
		return false, errBadRequest
	}
	for _, x := range []struct {
		name string
		dst  *string
	}{{"X-Container-Read", &d.Read}, {"X-Container-Write", &d.Write}} {
		if vs, ok := hdr[x.name]; ok {
			v, ok := cleanACL(vs[0])
			if !ok {
				return false, herr(http.StatusBadRequest, "Invalid ACL")
			}
			*x.dst, acls = v, true
		}
		if _, ok := hdr["X-Remove-"+x.name[2:]]; ok {
			*x.dst, acls = "", true
		}
	}
	// Removals first: a location sent with its removal is set.
	if _, ok := hdr["X-Remove-Versions-Location"]; ok {
		d.Versions, acls = "", true
	}
	if _, ok := hdr["X-Remove-History-Location"]; ok {
		d.History, acls = "", true
	}
	// Locations come URL-encoded (headers are Latin-1); kept decoded.
	if vs, ok := hdr["X-Versions-Location"]; ok {
		d.Versions, d.History, acls = unquote(vs[0]), "", true
	}
	if vs, ok := hdr["X-History-Location"]; ok {
		d.History, d.Versions, acls = unquote(vs[0]), "", true
	}
	return acls, nil
}

func (rq *request) putContainer() error {
	name := rq.container
	b, err := rq.h.cfg.Objects.GetBucket(rq.ctx, name)
	switch {
	case err == nil && b.Account != rq.account:
		return herr(http.StatusConflict, "The container name is taken by another account.")
	case err == nil:
		return rq.updateContainer(http.StatusAccepted)
	case !strata.Is(err, strata.NotExist):
		return err
	}
	if !rq.sameAccount() {
		return rq.denied()
	}
	if err := rq.allow("s3:CreateBucket", "", "", "", aclNone); err != nil {
		return err
	}
	if !validContainer(name) {
		return herr(http.StatusBadRequest, "Container name is not valid")
	}
	if p := rq.r.Header.Get("X-Storage-Policy"); p != "" && !strings.EqualFold(p, "Policy-0") {
		return herr(http.StatusBadRequest, "Invalid X-Storage-Policy "+p)
	}
	var d containerDoc
	if _, err := applyContainerHeaders(&d, rq.r.Header); err != nil {
		return err
	}
	err = rq.h.cfg.Objects.CreateBucket(rq.ctx, object.Bucket{Name: name, Account: rq.account})
	if strata.Is(err, strata.Exist) {
		return rq.updateContainer(http.StatusAccepted)
	}
	if err != nil {
		return err
	}
	if err := rq.putContainerDoc(name, d); err != nil {
		return err
	}
	return noContent(rq.w, http.StatusCreated)
}

func (rq *request) postContainer() error {
	if _, err := rq.bucket(rq.container); err != nil {
		return err
	}
	return rq.updateContainer(http.StatusNoContent)
}

// updateContainer changes an existing container's metadata and ACLs.
func (rq *request) updateContainer(status int) error {
	d, err := rq.containerDoc(rq.container)
	if err != nil {
		return err
	}
	before := d
	before.Meta = maps(d.Meta)
	acls, err := applyContainerHeaders(&d, rq.r.Header)
	if err != nil {
		return err
	}
	if err := rq.allow("s3:PutBucketTagging", rq.container, "", "", aclNone); err != nil {
		return err
	}
	if acls {
		if err := rq.allow("s3:PutBucketAcl", rq.container, "", "", aclNone); err != nil {
			return err
		}
	}
	if !acls && equalMeta(before.Meta, d.Meta) {
		return noContent(rq.w, status)
	}
	if err := rq.putContainerDoc(rq.container, d); err != nil {
		return err
	}
	return noContent(rq.w, status)
}

func (rq *request) deleteContainer() error {
	if _, err := rq.bucket(rq.container); err != nil {
		return err
	}
	if err := rq.allow("s3:DeleteBucket", rq.container, "", "", aclNone); err != nil {
		return err
	}
	res, err := rq.h.cfg.Objects.ListObjects(rq.ctx, rq.container, object.ListOptions{MaxKeys: 1})
	if err != nil {
		return err
	}
	if len(res.Objects) > 0 {
		return herr(http.StatusConflict, "There was a conflict when trying to complete your request.")
	}
	rq.h.cfg.Objects.DeleteBucketConfig(rq.ctx, rq.container, containerConfig)
	if err := rq.h.cfg.Objects.DeleteBucket(rq.ctx, rq.container); err != nil {
		if strata.Is(err, strata.NotEmpty) {
			return errConflict
		}
		return err
	}
	return noContent(rq.w, http.StatusNoContent)
}

func (rq *request) listContainer() error {
	b, err := rq.bucket(rq.container)
	if err != nil {
		return err
	}
	d, err := rq.containerDoc(rq.container)
	if err != nil {
		return err
	}
	if err := rq.allowOn(rq.container, "", "s3:ListBucket", "READ", aclList, &d); err != nil {
		return err
	}
	lp, err := parseListParams(rq.r.URL.Query(), rq.r.Header.Get("Accept"))
	if err != nil {
		return err
	}
	h := rq.w.Header()
	u := rq.usage(rq.container)
	h.Set("X-Container-Object-Count", strconv.FormatInt(u.Objects, 10))
	h.Set("X-Container-Bytes-Used", strconv.FormatInt(u.LogicalBytes, 10))
	h.Set("X-Timestamp", swiftTimestamp(b.Created))
	h.Set("X-Storage-Policy", "Policy-0")
	h.Set("Last-Modified", b.Created.UTC().Format(http.TimeFormat))
	writeMeta(h, "Container", d.Meta)
	if rq.sameAccount() {
		if d.Read != "" {
			h.Set("X-Container-Read", d.Read)
		}
		if d.Write != "" {
			h.Set("X-Container-Write", d.Write)
		}
	}
	if d.Versions != "" {
		h.Set("X-Versions-Location", quote(d.Versions))
	}
	if d.History != "" {
		h.Set("X-History-Location", quote(d.History))
	}
	if rq.r.Method == http.MethodHead {
		h.Set("Content-Length", "0")
		rq.w.WriteHeader(http.StatusNoContent)
		return nil
	}
	rows, err := rq.objectRows(rq.container, lp)
	if err != nil {
		return err
	}
	writeListing(rq.w, rq.r, lp, "container", rq.container, lp.page(rows))
	return nil
}

// objectRows lists the container's objects (and subdirs, with a
// delimiter) in name order, from the marker on, enough for one page.
func (rq *request) objectRows(bucket string, lp listParams) ([]entry, error) {
	opts := object.ListOptions{Prefix: lp.Prefix, Delimiter: lp.Delimiter, MaxKeys: 1000}
	if !lp.Reverse && lp.Marker > lp.Prefix {
		opts.Marker = lp.Marker
	}
	var rows []entry
	for {
		res, err := rq.h.cfg.Objects.ListObjects(rq.ctx, bucket, opts)
		if err != nil {
			return nil, err
		}
		for _, o := range res.Objects {
			rows = append(rows, objectEntry(o))
		}
		for _, p := range res.CommonPrefixes {
			rows = append(rows, entry{Name: p, Subdir: true})
		}
		full := !lp.Reverse && len(rows) > lp.Limit+1
		ended := !lp.Reverse && lp.EndMarker != "" && res.NextMarker >= lp.EndMarker
		if !res.IsTruncated || full || ended || len(rows) > 1_000_000 {
			break
		}
		opts.Marker = res.NextMarker
	}
	slices.SortFunc(rows, func(a, b entry) int { return strings.Compare(a.Name, b.Name) })
	return rows, nil
}

// objectEntry is an object's listing row; a large object lists its
// manifest's size and etag as Swift does.
func objectEntry(o object.ObjectInfo) entry {
	ct := o.Headers["Content-Type"]
	if ct == "" {
		ct = "application/octet-stream"
	}
	e := entry{Name: o.Key, Bytes: o.Size, Hash: o.ETag, ContentType: ct, LastModified: o.Modified}
	if s, ok := o.Headers[hdrSLOSize]; ok {
		e.Bytes, _ = strconv.ParseInt(s, 10, 64)
		e.SLOEtag = `"` + o.Headers[hdrSLOEtag] + `"`
	}
	return e
}

// validContainer accepts Swift's container names that stay safe as
// bucket names: up to 256 bytes of valid UTF-8, no '/', no control
// characters, not "." or "..", nor a name the Swift paths take. S3
// reaches those that are not DNS-style path-style only.
func validContainer(name string) bool {
	if name == "" || len(name) > 256 || name == "." || name == ".." || object.ReservedBucketNames[name] || !utf8Valid(name) {
		return false
	}
	for _, c := range name {
		if c == '/' || c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
}

func noContent(w http.ResponseWriter, status int) error {
	w.Header().Set("Content-Length", "0")
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.WriteHeader(status)
	return nil
}

func maps(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func equalMeta(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// unquote URL-decodes a header value, keeping it as sent if it is not
// valid encoding.
func unquote(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}
