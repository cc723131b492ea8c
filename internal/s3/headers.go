package s3

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/strata-storage/strata/internal/object"
)

// systemHeaders are the object headers stored and returned as they came.
var systemHeaders = []string{"Content-Type", "Content-Encoding", "Content-Disposition",
	"Content-Language", "Cache-Control", "Expires", hdrWebsiteRedirect}

// putOptions reads the object headers of a PUT, POST ?uploads or copy.
func (rq *request) putOptions() (object.PutOptions, error) {
	h := rq.r.Header
	o := object.PutOptions{Size: -1, Headers: map[string]string{}, UserMeta: map[string]string{},
		StorageClass: h.Get("X-Amz-Storage-Class"), Owner: rq.ident.Account}
	for _, name := range systemHeaders {
		if v := h.Get(name); v != "" {
			o.Headers[name] = v
		}
	}
	if ce, ok := o.Headers["Content-Encoding"]; ok {
		// aws-chunked describes the transfer, not the object.
		var kept []string
		for _, e := range strings.Split(ce, ",") {
			if e = strings.TrimSpace(e); e != "" && e != "aws-chunked" {
				kept = append(kept, e)
			}
		}
		if len(kept) == 0 {
			delete(o.Headers, "Content-Encoding")
		} else {
			o.Headers["Content-Encoding"] = strings.Join(kept, ", ")
		}
	}
	if err := checkWebsiteRedirect(o.Headers); err != nil {
		return o, err
	}
	if o.Headers["Content-Type"] == "" {
		o.Headers["Content-Type"] = "binary/octet-stream"
	}
	metaSize := 0
	for k, vs := range h {
		if m, ok := strings.CutPrefix(strings.ToLower(k), "x-amz-meta-"); ok {
			o.UserMeta[m] = strings.Join(vs, ",")
			metaSize += len(m) + len(o.UserMeta[m])
		}
	}
	if metaSize > 2048 {
		return o, errorf("MetadataTooLarge", 400, "Your metadata headers exceed the maximum allowed metadata size.")
	}
	if _, present := h["Content-Md5"]; present {
		md := h.Get("Content-Md5")
		raw, err := base64.StdEncoding.DecodeString(md)
		if err != nil || len(raw) != 16 {
			return o, errorf("InvalidDigest", 400, "The Content-MD5 you specified is not valid.")
		}
		o.ContentMD5 = raw
	}
	if t := h.Get("X-Amz-Tagging"); t != "" {
		tags, err := parseTagQuery(t)
		if err != nil {
			return o, err
		}
		o.Tags = tags
	}
	a, ok, err := aclFromHeaders(h, rq.ident.Account, rq.account)
	if err != nil {
		return o, err
	}
	if ok {
		if err := rq.checkNewACL(a, true); err != nil {
			return o, err
		}
		o.ACL = encodeACL(a)
	}
	rq.applyOwnership(&o, h.Get("X-Amz-Acl"))
	if o.ObjectLock, err = rq.lockFromHeaders(); err != nil {
		return o, err
	}
	if o.SSE, err = rq.sseOptions(); err != nil {
		return o, err
	}
	return o, nil
}

// bodySize is the payload length the client announced.
func (rq *request) bodySize() int64 {
	if n := rq.body.Size(); n >= 0 {
		return n
	}
	return rq.r.ContentLength
}

func parseTagQuery(s string) (map[string]string, error) {
	q, err := url.ParseQuery(s)
	if err != nil {
		return nil, errInvalidArg("invalid tagging header")
	}
	tags := map[string]string{}
	for k, v := range q {
		tags[k] = v[0]
	}
	return tags, checkTags(tags)
}

func checkTags(tags map[string]string) error {
	if len(tags) > 10 {
		return errorf("InvalidTag", 400, "Object tags cannot be greater than 10")
	}
	for k, v := range tags {
		if len(k) == 0 || len(k) > 128 {
			return errorf("InvalidTag", 400, "The TagKey you have provided is invalid")
		}
		if len(v) > 256 {
			return errorf("InvalidTag", 400, "The TagValue you have provided is invalid")
		}
	}
	return nil
}

func tagsFromXML(t tagging) (map[string]string, error) {
	tags := map[string]string{}
	for _, tg := range t.TagSet {
		if _, dup := tags[tg.Key]; dup {
			return nil, errorf("InvalidTag", 400, "Cannot provide multiple Tags with the same key")
		}
		tags[tg.Key] = tg.Value
	}
	if len(tags) > 50 {
		return nil, errorf("BadRequest", 400, "too many tags")
	}
	for k, v := range tags {
		if len(k) == 0 || len(k) > 128 || len(v) > 256 {
			return nil, errorf("InvalidTag", 400, "The tag you have provided is invalid")
		}
	}
	return tags, nil
}

// setObjectHeaders writes the headers describing an object version.
func (rq *request) setObjectHeaders(info object.ObjectInfo) {
	h := rq.w.Header()
	for k, v := range info.Headers {
		h.Set(k, v)
	}
	for k, v := range info.UserMeta {
		h["X-Amz-Meta-"+k] = []string{v}
	}
	h.Set("ETag", `"`+info.ETag+`"`)
	h.Set("Last-Modified", info.Modified.UTC().Format(http.TimeFormat))
	h.Set("Accept-Ranges", "bytes")
	rq.setSSEHeaders(info)
	if info.VersionID != "" && info.VersionID != "null" {
		h.Set("X-Amz-Version-Id", info.VersionID)
	} else if rq.versioned() {
		h.Set("X-Amz-Version-Id", "null")
	}
	if info.StorageClass != "" && info.StorageClass != "STANDARD" {
		h.Set("X-Amz-Storage-Class", info.StorageClass)
	}
	if len(info.Tags) > 0 {
		h.Set("X-Amz-Tagging-Count", strconv.Itoa(len(info.Tags)))
	}
	if len(info.PartSizes) > 0 {
		h.Set("X-Amz-Mp-Parts-Count", strconv.Itoa(len(info.PartSizes)))
	}
	setLockHeaders(h, info.ObjectLock)
	setRestoreHeader(h, info)
	if info.Replication != "" {
		h.Set("X-Amz-Replication-Status", info.Replication)
	}
	if strings.EqualFold(rq.r.Header.Get("X-Amz-Checksum-Mode"), "ENABLED") && rq.r.Header.Get("Range") == "" {
		sums := readChecksums(info, rq.get("partNumber"))
		for alg, v := range sums {
			h.Set("X-Amz-Checksum-"+alg, v)
		}
		if t := checksumType(info); t != "" && len(sums) > 0 {
			h.Set("X-Amz-Checksum-Type", t)
		}
	}
	// response-* query parameters override headers on GET.
	for q, name := range map[string]string{"response-content-type": "Content-Type", "response-content-language": "Content-Language",
		"response-expires": "Expires", "response-cache-control": "Cache-Control",
		"response-content-disposition": "Content-Disposition", "response-content-encoding": "Content-Encoding"} {
		if v := rq.get(q); v != "" {
			h.Set(name, v)
		}
	}
}

// versioned reports whether the bucket has ever had versioning on.
func (rq *request) versioned() bool {
	b, err := rq.h.svc.GetBucket(rq.r.Context(), rq.bucket)
	return err == nil && b.Versioning != ""
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
