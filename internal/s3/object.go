package s3

import (
	"fmt"
	"github.com/strata-storage/strata/internal/event"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

func (rq *request) putObject() error {
	if err := rq.allow(permWrite, nil); err != nil {
		return err
	}
	opts, err := rq.putOptions()
	if err != nil {
		return err
	}
	size := rq.bodySize()
	if (size < 0 || !rq.lengthAnnounced()) && len(rq.r.TransferEncoding) == 0 {
		return errorf("MissingContentLength", 411, "You must provide the Content-Length HTTP header.")
	}
	if size > rq.h.cfg.MaxObjectSize {
		return errorf("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed object size.")
	}
	opts.Size = size
	opts.IfNoneMatch = rq.r.Header.Get("If-None-Match")
	opts.IfMatch = rq.r.Header.Get("If-Match")
	opts.FinalChecksums = rq.body.Checksums
	info, err := rq.h.svc.PutObject(rq.r.Context(), rq.bucket, rq.key, rq.body, opts)
	if err != nil {
		return err
	}
	rq.writePutHeaders(info)
	rq.w.WriteHeader(http.StatusOK)
	return nil
}

func (rq *request) writePutHeaders(info object.ObjectInfo) {
	h := rq.w.Header()
	h.Set("ETag", `"`+info.ETag+`"`)
	if info.VersionID != "" && info.VersionID != strata.NullVersion {
		h.Set("X-Amz-Version-Id", info.VersionID)
	}
	for alg, v := range rq.body.Checksums() {
		h.Set("X-Amz-Checksum-"+alg, v)
		h.Set("X-Amz-Checksum-Type", checksumFullObject)
	}
	rq.setSSEHeaders(info)
	rq.setExpirationHeader(info)
}

// parseRange reads a single "bytes=a-b" range against size; ok=false
// means the header is absent or not a single byte range (S3 then serves
// the whole object).
func parseRange(h string, size int64) (r object.Range, ok bool, err error) {
	spec, found := strings.CutPrefix(h, "bytes=")
	if !found || strings.Contains(spec, ",") {
		return r, false, nil
	}
	a, b, found := strings.Cut(spec, "-")
	if !found {
		return r, false, nil
	}
	invalid := errorf("InvalidRange", 416, "The requested range is not satisfiable")
	switch {
	case a == "":
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil {
			return r, false, nil
		}
		if n == 0 || size == 0 {
			return r, false, invalid
		}
		return object.Range{Start: max(0, size-n), End: size - 1}, true, nil
	default:
		start, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			return r, false, nil
		}
		end := size - 1
		if b != "" {
			if end, err = strconv.ParseInt(b, 10, 64); err != nil {
				return r, false, nil
			}
			if end < start {
				return r, false, nil
			}
		}
		if start >= size {
			return r, false, invalid
		}
		return object.Range{Start: start, End: min(end, size-1)}, true, nil
	}
}

func (rq *request) getOptions() (object.GetOptions, error) {
	o := object.GetOptions{VersionID: rq.get("versionId")}
	var err error
	if o.SSE, err = readSSE(rq.r.Header); err != nil {
		return o, err
	}
	if pn := rq.get("partNumber"); pn != "" {
		n, err := strconv.Atoi(pn)
		if err != nil || n < 1 || n > object.MaxParts {
			return o, errInvalidArg("Part number must be an integer between 1 and 10000, inclusive")
		}
		o.PartNumber = n
	}
	return o, nil
}

func (rq *request) getObject(head bool) error {
	ctx := rq.r.Context()
	opts, err := rq.getOptions()
	if err != nil {
		return err
	}
	// A plain GET reads the directory once: the reader opens chunks only
	// when read, so it is dropped at no cost if a check below fails.
	var rc io.ReadCloser
	var info object.ObjectInfo
	if !head && opts.PartNumber == 0 && rq.r.Header.Get("Range") == "" {
		info, rc, err = rq.h.svc.GetObject(ctx, rq.bucket, rq.key, opts)
	} else {
		info, err = rq.h.svc.HeadObject(ctx, rq.bucket, rq.key, opts)
	}
	if err != nil {
		if strata.Is(err, strata.NotExist) && !rq.mayList() {
			return errAccessDenied // as S3: a missing key is no one's business without s3:ListBucket
		}
		return rq.objectError(info, err)
	}
	if rc != nil {
		defer rc.Close()
	}
	rq.objTags = info.Tags
	if err := rq.allow(permRead, aclOrOwner(info)); err != nil {
		return err
	}
	if err := checkConditions(rq.r.Header, "", info); err != nil {
		if err == errNotModified {
			rq.setObjectHeaders(info)
			dropChecksumHeaders(rq.w.Header())
		}
		return err
	}
	size := info.Size
	if opts.PartNumber > 0 {
		size = partSize(info, opts.PartNumber)
	}
	rng, partial, err := parseRange(rq.r.Header.Get("Range"), size)
	if err != nil {
		rq.w.Header().Set("Content-Range", fmt.Sprintf("bytes */%d", size))
		return err
	}
	rq.setObjectHeaders(info)
	rq.setExpirationHeader(info)
	h := rq.w.Header()
	length := size
	if partial {
		opts.Range = &rng
		length = rng.End - rng.Start + 1
		h.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", rng.Start, rng.End, size))
	} else if opts.PartNumber > 0 {
		if n := len(info.PartSizes); n > 0 {
			start := partStart(info, opts.PartNumber)
			h.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, start+size-1, info.Size))
		}
	}
	h.Set("Content-Length", strconv.FormatInt(length, 10))
	status := http.StatusOK
	if partial || (opts.PartNumber > 0 && len(info.PartSizes) > 0) {
		status = http.StatusPartialContent
	}
	if head {
		rq.w.WriteHeader(status)
		return nil
	}
	if rc == nil {
		opts.VersionID = info.VersionID
		_, rc, err = rq.h.svc.GetObject(ctx, rq.bucket, rq.key, opts)
		if err != nil {
			h.Del("Content-Length")
			h.Del("Content-Range")
			return err
		}
		defer rc.Close()
	}
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	// Read the first bytes before committing to a status: an object whose
	// data cannot be reached (too many fragments lost) gets a proper
	// error response instead of a connection cut after "200 OK".
	n, err := io.ReadAtLeast(rc, *bp, 1)
	if err != nil && err != io.EOF {
		h.Del("Content-Length")
		h.Del("Content-Range")
		return err
	}
	rq.w.WriteHeader(status)
	if _, err := rq.w.Write((*bp)[:n]); err != nil {
		return nil // the client went away
	}
	if _, err := io.CopyBuffer(rq.w, rc, *bp); err != nil {
		// Headers are gone: abort the connection so the client sees a
		// short body, never wrong bytes.
		rq.h.log.Warn("object read failed mid-stream", "bucket", rq.bucket, "key", rq.key, "err", err)
		panic(http.ErrAbortHandler)
	}
	return nil
}

var bufPool = sync.Pool{New: func() any { b := make([]byte, 1<<20); return &b }}

func partSize(info object.ObjectInfo, n int) int64 {
	if len(info.PartSizes) == 0 {
		return info.Size
	}
	return info.PartSizes[n-1]
}

func partStart(info object.ObjectInfo, n int) int64 {
	var off int64
	for _, s := range info.PartSizes[:n-1] {
		off += s
	}
	return off
}

// aclOrOwner returns the object's ACL document, or an owner-only one.
func aclOrOwner(info object.ObjectInfo) []byte {
	if info.ACL != nil {
		return info.ACL
	}
	return encodeACL(acl{Owner: info.Owner, Grants: []grant{{ID: info.Owner, Perm: permFull}}})
}

// objectError adds the delete-marker headers S3 sends with 404 and 405.
func (rq *request) objectError(info object.ObjectInfo, err error) error {
	if info.DeleteMarker {
		rq.w.Header().Set("X-Amz-Delete-Marker", "true")
		rq.w.Header().Set("X-Amz-Version-Id", info.VersionID)
		if rq.get("versionId") != "" {
			rq.w.Header().Set("Allow", "DELETE")
			rq.w.Header().Set("Last-Modified", info.Modified.UTC().Format(http.TimeFormat))
		}
	}
	rq.unversionedMissHeader(info, err)
	if strata.Is(err, strata.NotExist) && rq.get("versionId") != "" && !strings.Contains(err.Error(), "NoSuchKey") {
		return errorf("NoSuchVersion", 404, "The specified version does not exist.")
	}
	return err
}

func (rq *request) deleteObject() error {
	if err := rq.allow(permWrite, nil); err != nil {
		return err
	}
	vid := rq.get("versionId")
	res, err := rq.h.svc.DeleteObject(rq.governanceContext(), rq.bucket, rq.key, vid)
	if err != nil {
		if strata.Is(err, strata.NotExist) && !strings.Contains(err.Error(), "bucket") {
			// Deleting what is not there succeeds, as in S3.
			rq.w.WriteHeader(http.StatusNoContent)
			return nil
		}
		return err
	}
	if res.DeleteMarker {
		rq.w.Header().Set("X-Amz-Delete-Marker", "true")
	}
	if res.VersionID != "" && (res.VersionID != strata.NullVersion || vid != "") {
		rq.w.Header().Set("X-Amz-Version-Id", res.VersionID)
	}
	rq.w.WriteHeader(http.StatusNoContent)
	return nil
}

func (rq *request) deleteObjects() error {
	if rq.h.cfg.IAM == nil {
		if err := rq.allow(permWrite, nil); err != nil {
			return err
		}
	}
	var req deleteRequest
	if err := rq.readXML(&req, 2<<20); err != nil {
		return err
	}
	if len(req.Objects) == 0 || len(req.Objects) > 1000 {
		return errMalformedXML
	}
	out := deleteResult{XMLNS: s3NS}
	dctx := rq.governanceContext()
	for _, o := range req.Objects {
		if err := rq.allowDeleteEntry(o.Key, o.VersionID); err != nil {
			out.Errors = append(out.Errors, deleteError{Key: o.Key, VersionID: o.VersionID, Code: "AccessDenied", Message: "Access Denied"})
			continue
		}
		res, err := rq.h.svc.DeleteObject(dctx, rq.bucket, o.Key, o.VersionID)
		if err != nil && !(strata.Is(err, strata.NotExist) && !strings.Contains(err.Error(), "bucket")) {
			ae := toAPIError(err)
			out.Errors = append(out.Errors, deleteError{Key: o.Key, VersionID: o.VersionID, Code: ae.Code, Message: ae.Message})
			continue
		}
		if req.Quiet {
			continue
		}
		d := deletedEntry{Key: o.Key, VersionID: o.VersionID}
		if res.DeleteMarker {
			d.DeleteMarker = true
			if o.VersionID == "" {
				d.DeleteMarkerVersionID = res.VersionID
			}
		}
		out.Deleted = append(out.Deleted, d)
	}
	return rq.writeXML(http.StatusOK, out)
}

// copySource parses x-amz-copy-source: "bucket/key[?versionId=v]".
func (rq *request) copySource() (bucket, key, version string, err error) {
	src := rq.r.Header.Get("X-Amz-Copy-Source")
	path, query, _ := strings.Cut(src, "?")
	if p, uerr := url.PathUnescape(path); uerr == nil {
		path = p
	}
	path = strings.TrimPrefix(path, "/")
	bucket, key, ok := strings.Cut(path, "/")
	if !ok || bucket == "" || key == "" {
		return "", "", "", errInvalidArg("Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
	}
	if query != "" {
		q, _ := url.ParseQuery(query)
		version = q.Get("versionId")
	}
	return bucket, key, version, nil
}

// openSource checks access and conditions on a copy source and opens it.
func (rq *request) openSource(rng *object.Range) (object.ObjectInfo, io.ReadCloser, error) {
	sb, sk, sv, err := rq.copySource()
	if err != nil {
		return object.ObjectInfo{}, nil, err
	}
	ctx := rq.r.Context()
	srcBucket, err := rq.h.svc.GetBucket(ctx, sb)
	if err != nil {
		return object.ObjectInfo{}, nil, errNoSuchBucket
	}
	srcKey, err := customerKey(rq.r.Header, copySSECPrefix)
	if err != nil {
		return object.ObjectInfo{}, nil, err
	}
	info, err := rq.h.svc.HeadObject(ctx, sb, sk, object.GetOptions{VersionID: sv, SSE: srcKey})
	if err != nil {
		if info.DeleteMarker && sv != "" {
			return info, nil, errInvalidRequest("The source of a copy request may not specifically refer to a delete marker by version id.")
		}
		return info, nil, err
	}
	src := *rq
	src.bucket, src.key, src.account, src.act, src.objTags = sb, sk, srcBucket.Account, "s3:GetObject", info.Tags
	if sv != "" {
		src.act = "s3:GetObjectVersion"
	}
	if err := src.allow(permRead, aclOrOwner(info)); err != nil {
		return info, nil, err
	}
	if err := checkConditions(rq.r.Header, "X-Amz-Copy-Source-", info); err != nil {
		return info, nil, err
	}
	_, rc, err := rq.h.svc.GetObject(ctx, sb, sk, object.GetOptions{VersionID: info.VersionID, Range: rng, SSE: srcKey})
	return info, rc, err
}

func (rq *request) copyObject() error {
	if err := rq.allow(permWrite, nil); err != nil {
		return err
	}
	sb, sk, sv, err := rq.copySource()
	if err != nil {
		return err
	}
	directive := rq.r.Header.Get("X-Amz-Metadata-Directive")
	if directive != "" && directive != "COPY" && directive != "REPLACE" {
		return errInvalidArg("Unknown metadata directive.")
	}
	opts, err := rq.putOptions()
	if err != nil {
		return err
	}
	info, rc, err := rq.openSource(nil)
	if err != nil {
		return err
	}
	defer rc.Close()
	if sb == rq.bucket && sk == rq.key && (sv == "" || sv == info.VersionID) && directive != "REPLACE" &&
		opts.StorageClass == "" && rq.r.Header.Get("X-Amz-Tagging-Directive") != "REPLACE" && !rq.versioned() && !sseExplicit(rq.r.Header) {
		return errInvalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.")
	}
	if directive != "REPLACE" {
		opts.Headers, opts.UserMeta = info.Headers, info.UserMeta
	}
	if rq.r.Header.Get("X-Amz-Tagging-Directive") != "REPLACE" {
		opts.Tags = info.Tags
	}
	opts.Size = info.Size
	opts.Event = event.ObjectCreatedCopy
	src, err := copyChecksums(rq.r.Header, info, rc, &opts)
	if err != nil {
		return err
	}
	out, err := rq.h.svc.PutObject(rq.r.Context(), rq.bucket, rq.key, src, opts)
	if err != nil {
		return err
	}
	if info.VersionID != "" && info.VersionID != strata.NullVersion {
		rq.w.Header().Set("X-Amz-Copy-Source-Version-Id", info.VersionID)
	}
	if out.VersionID != "" && out.VersionID != strata.NullVersion {
		rq.w.Header().Set("X-Amz-Version-Id", out.VersionID)
	}
	rq.setSSEHeaders(out)
	return rq.writeXML(http.StatusOK, copyObjectResult{XMLNS: s3NS, LastModified: isoTime(out.Modified), ETag: `"` + out.ETag + `"`,
		checksumFields: newChecksumFields(out.Checksums), ChecksumType: checksumType(out)})
}

func (rq *request) objectTagging() error {
	ctx := rq.r.Context()
	vid := rq.get("versionId")
	switch rq.r.Method {
	case http.MethodGet:
		info, err := rq.h.svc.HeadObject(ctx, rq.bucket, rq.key, object.GetOptions{VersionID: vid})
		if err != nil {
			return rq.objectError(info, err)
		}
		if err := rq.allow(permRead, aclOrOwner(info)); err != nil {
			return err
		}
		t := tagging{XMLNS: s3NS, TagSet: []xmlTag{}}
		for _, k := range sortedKeys(info.Tags) {
			t.TagSet = append(t.TagSet, xmlTag{Key: k, Value: info.Tags[k]})
		}
		if info.VersionID != "" && info.VersionID != strata.NullVersion {
			rq.w.Header().Set("X-Amz-Version-Id", info.VersionID)
		}
		return rq.writeXML(http.StatusOK, t)
	case http.MethodPut, http.MethodDelete:
		if err := rq.allow(permWrite, nil); err != nil {
			return err
		}
		tags := map[string]string{}
		if rq.r.Method == http.MethodPut {
			var t tagging
			if err := rq.readXML(&t, 64<<10); err != nil {
				return err
			}
			var err error
			if tags, err = tagsFromXML(t); err != nil {
				return err
			}
			if err := checkTags(tags); err != nil {
				return err
			}
		}
		info, err := rq.h.svc.UpdateObjectMeta(ctx, rq.bucket, rq.key, vid, func(oi *object.ObjectInfo) error {
			oi.Tags = tags
			return nil
		})
		if err != nil {
			return err
		}
		if info.VersionID != "" && info.VersionID != strata.NullVersion {
			rq.w.Header().Set("X-Amz-Version-Id", info.VersionID)
		}
		if rq.r.Method == http.MethodDelete {
			rq.w.WriteHeader(http.StatusNoContent)
		} else {
			rq.w.WriteHeader(http.StatusOK)
		}
		return nil
	}
	return errorf("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
}

func (rq *request) objectACL() error {
	ctx := rq.r.Context()
	vid := rq.get("versionId")
	info, err := rq.h.svc.HeadObject(ctx, rq.bucket, rq.key, object.GetOptions{VersionID: vid})
	if err != nil {
		return rq.objectError(info, err)
	}
	switch rq.r.Method {
	case http.MethodGet:
		if err := rq.allow(permReadACP, aclOrOwner(info)); err != nil {
			return err
		}
		return rq.writeXML(http.StatusOK, decodeACL(aclOrOwner(info), info.Owner).toXML())
	case http.MethodPut:
		if err := rq.allow(permWriteACP, aclOrOwner(info)); err != nil {
			return err
		}
		a, ok, err := aclFromHeaders(rq.r.Header, info.Owner, rq.account)
		if err != nil {
			return err
		}
		if !ok {
			if a, err = parseACL(rq.body, info.Owner); err != nil {
				return err
			}
		}
		if err := rq.checkNewACL(a, true); err != nil {
			return err
		}
		_, err = rq.h.svc.UpdateObjectMeta(ctx, rq.bucket, rq.key, vid, func(oi *object.ObjectInfo) error {
			oi.ACL = encodeACL(a)
			return nil
		})
		if err != nil {
			return err
		}
		rq.w.WriteHeader(http.StatusOK)
		return nil
	}
	return errorf("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
}
