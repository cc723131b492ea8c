package swift

import (
	"encoding/hex"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// Object headers Swift keeps in the object's system headers (returned by
// S3 GETs as well).
const (
	hdrDeleteAt  = "X-Delete-At"
	hdrManifest  = "X-Object-Manifest"     // DLO: container/prefix
	hdrSLO       = "X-Static-Large-Object" // "True" on an SLO manifest
	hdrSLOSize   = "X-Object-Sysmeta-Slo-Size"
	hdrSLOEtag   = "X-Object-Sysmeta-Slo-Etag"
	maxNameBytes = 1024
)

// storedHeaders are the request headers kept with an object as they came.
var storedHeaders = []string{"Content-Type", "Content-Encoding", "Content-Disposition",
	"Content-Language", "Cache-Control", "Expires", hdrManifest}

func (rq *request) objectOp() error {
	if len(rq.object) > maxNameBytes {
		return herr(http.StatusBadRequest, "Object name length exceeds the limit")
	}
	if !rq.tempURL {
		if err := rq.checkTempURL(); err != nil {
			return err
		}
	}
	switch rq.r.Method {
	case http.MethodGet, http.MethodHead:
		return rq.getObject()
	case http.MethodPut:
		return rq.putObject()
	case http.MethodPost:
		return rq.postObject()
	case http.MethodDelete:
		return rq.deleteObject()
	case "COPY":
		return rq.copyMethod()
	}
	return errNotAllowed
}

// head reads an object's description, enforcing expiry: an object past
// its X-Delete-At is removed on sight and does not exist.
func (rq *request) head(bucket, key string) (object.ObjectInfo, error) {
	info, err := rq.h.cfg.Objects.HeadObject(rq.ctx, bucket, key, object.GetOptions{})
	if err != nil {
		return info, err
	}
	if expired(info) {
		rq.h.cfg.Objects.DeleteObject(rq.ctx, bucket, key, "")
		return info, errNotFound
	}
	return info, nil
}

func expired(info object.ObjectInfo) bool {
	s, ok := info.Headers[hdrDeleteAt]
	if !ok {
		return false
	}
	at, err := strconv.ParseInt(s, 10, 64)
	return err == nil && time.Now().Unix() >= at
}

func (rq *request) getObject() error {
	if _, err := rq.bucket(rq.container); err != nil {
		return err
	}
	if err := rq.allow("s3:GetObject", rq.container, rq.object, "READ", aclRead); err != nil {
		return err
	}
	info, err := rq.head(rq.container, rq.object)
	if err != nil {
		return err
	}
	mm := rq.r.URL.Query().Get("multipart-manifest")
	if info.Headers[hdrSLO] != "" && mm == "get" {
		return rq.serveManifest(info)
	}
	var lo *largeObject
	if mm != "get" {
		if lo, err = rq.largeObject(info); err != nil {
			return err
		}
	}
	size, etag := info.Size, info.ETag
	if lo != nil {
		size, etag = lo.size, lo.etag
	}
	h := rq.w.Header()
	writeObjectHeaders(h, info, etag, lo)
	h.Set("Accept-Ranges", "bytes")
	if done, err := rq.conditions(etag, info.Modified); done || err != nil {
		if err == nil {
			h.Del("Content-Type")
			h.Set("Content-Length", "0")
			rq.w.WriteHeader(http.StatusNotModified)
		}
		return err
	}
	rs, err := parseRanges(rq.r.Header.Get("Range"), size)
	if err != nil {
		h.Set("Content-Range", "bytes */"+strconv.FormatInt(size, 10))
		return err
	}
	if len(rs) > 1 && (lo == nil || lo.slo) {
		ctype := h.Get("Content-Type")
		return rq.writeMultiRange(rs, size, ctype, func(start, end int64) (io.ReadCloser, error) {
			if lo != nil {
				return lo.reader(rq, start, end), nil
			}
			_, body, err := rq.h.cfg.Objects.GetObject(rq.ctx, rq.container, rq.object,
				object.GetOptions{Range: &object.Range{Start: start, End: end}})
			return body, err
		})
	}
	var rng *object.Range
	if len(rs) == 1 {
		rng = &rs[0]
	}
	status, start, end := http.StatusOK, int64(0), size-1
	if rng != nil {
		status, start, end = http.StatusPartialContent, rng.Start, rng.End
		h.Set("Content-Range", "bytes "+strconv.FormatInt(start, 10)+"-"+strconv.FormatInt(end, 10)+"/"+strconv.FormatInt(size, 10))
	}
	h.Set("Content-Length", strconv.FormatInt(end-start+1, 10))
	if rq.r.Method == http.MethodHead {
		rq.w.WriteHeader(status)
		return nil
	}
	var body io.ReadCloser
	if lo != nil {
		body = lo.reader(rq, start, end)
	} else if size > 0 {
		_, body, err = rq.h.cfg.Objects.GetObject(rq.ctx, rq.container, rq.object,
			object.GetOptions{Range: &object.Range{Start: start, End: end}})
		if err != nil {
			return err
		}
	} else {
		body = io.NopCloser(strings.NewReader(""))
	}
	defer body.Close()
	rq.w.WriteHeader(status)
	if _, err := io.Copy(rq.w, body); err != nil {
		rq.h.log.Debug("swift read ended early", "bucket", rq.container, "key", rq.object, "err", err)
	}
	return nil
}

// writeObjectHeaders sets the headers of an object response.
func writeObjectHeaders(h http.Header, info object.ObjectInfo, etag string, lo *largeObject) {
	for k, v := range info.Headers {
		switch k {
		case hdrSLOSize, hdrSLOEtag:
		default:
			h.Set(k, v)
		}
	}
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", "application/octet-stream")
	}
	if lo != nil {
		etag = `"` + etag + `"`
	}
	h.Set("Etag", etag)
	h.Set("Last-Modified", info.Modified.UTC().Format(http.TimeFormat))
	h.Set("X-Timestamp", swiftTimestamp(info.Modified))
	writeMeta(h, "Object", info.UserMeta)
}

// swiftTimestamp is a Unix time with five decimals, as X-Timestamp.
func swiftTimestamp(t time.Time) string {
	return strconv.FormatFloat(float64(t.UnixNano())/1e9, 'f', 5, 64)
}

// conditions applies If-Match, If-None-Match, If-Modified-Since and
// If-Unmodified-Since: done means 304 Not Modified.
func (rq *request) conditions(etag string, mod time.Time) (done bool, err error) {
	h := rq.r.Header
	if v := h.Get("If-Match"); v != "" && !etagMatches(v, etag) {
		return false, errPrecondition
	}
	if v := h.Get("If-None-Match"); v != "" && etagMatches(v, etag) {
		if rq.r.Method == http.MethodGet || rq.r.Method == http.MethodHead {
			return true, nil
		}
		return false, errPrecondition
	}
	mod = mod.Truncate(time.Second)
	if v := h.Get("If-Unmodified-Since"); v != "" {
		if t, err := http.ParseTime(v); err == nil && mod.After(t) {
			return false, errPrecondition
		}
	}
	if v := h.Get("If-Modified-Since"); v != "" && h.Get("If-None-Match") == "" {
		if t, err := http.ParseTime(v); err == nil && !mod.After(t) {
			return true, nil
		}
	}
	return false, nil
}

func etagMatches(list, etag string) bool {
	for _, e := range strings.Split(list, ",") {
		e = strings.Trim(strings.TrimSpace(e), `"`)
		if e == "*" || e == etag {
			return true
		}
	}
	return false
}

// parseRange reads a single bytes= range against size (nil: none, or a
// header that is not a byte range). Of several ranges the first is served.
func parseRange(s string, size int64) (*object.Range, error) {
	s = strings.Join(strings.Fields(s), "")
	spec, ok := strings.CutPrefix(strings.ToLower(s), "bytes=")
	if !ok {
		return nil, nil
	}
	first, _, _ := strings.Cut(spec, ",")
	a, b, ok := strings.Cut(strings.TrimSpace(first), "-")
	if !ok {
		return nil, nil
	}
	var r object.Range
	switch {
	case a == "":
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n < 0 {
			return nil, nil
		}
		if n == 0 || size == 0 {
			return nil, errRange
		}
		r = object.Range{Start: max(size-n, 0), End: size - 1}
	default:
		st, err := strconv.ParseInt(a, 10, 64)
		if err != nil || st < 0 {
			return nil, nil
		}
		end := size - 1
		if b != "" {
			e, err := strconv.ParseInt(b, 10, 64)
			if err != nil || e < st {
				return nil, nil
			}
			end = min(e, size-1)
		}
		if st >= size {
			return nil, errRange
		}
		r = object.Range{Start: st, End: end}
	}
	return &r, nil
}

// putOptions reads the object headers and metadata of a PUT.
func (rq *request) putOptions(name string) (object.PutOptions, error) {
	h := rq.r.Header
	o := object.PutOptions{Size: -1, Headers: map[string]string{}, UserMeta: map[string]string{}, Owner: rq.account}
	for _, n := range storedHeaders {
		if v := h.Get(n); v != "" {
			o.Headers[n] = v
		}
	}
	if o.Headers["Content-Type"] == "" || strings.EqualFold(h.Get("X-Detect-Content-Type"), "true") {
		o.Headers["Content-Type"] = guessType(name)
	}
	if _, blank := h["X-Object-Meta-"]; blank {
		return o, herr(http.StatusBadRequest, "Metadata name cannot be empty")
	}
	applyMeta(o.UserMeta, h, "Object")
	if metaTooLarge(o.UserMeta) {
		return o, errBadRequest
	}
	at, err := deleteAt(h)
	if err != nil {
		return o, err
	}
	if at != "" {
		o.Headers[hdrDeleteAt] = at
	}
	if v := h.Get("If-None-Match"); v == "*" {
		o.IfNoneMatch = "*"
	}
	return o, nil
}

// deleteAt reads X-Delete-At or X-Delete-After as a Unix time.
func deleteAt(h http.Header) (string, error) {
	if v := h.Get("X-Delete-After"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return "", herr(http.StatusBadRequest, "Non-integer X-Delete-After")
		}
		return strconv.FormatInt(time.Now().Unix()+n, 10), nil
	}
	if v := h.Get("X-Delete-At"); v != "" {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return "", herr(http.StatusBadRequest, "Non-integer X-Delete-At")
		}
		if int64(n) <= time.Now().Unix() {
			return "", herr(http.StatusBadRequest, "X-Delete-At in past")
		}
		return strconv.FormatInt(int64(n), 10), nil
	}
	return "", nil
}

// typeOverrides are where Go's MIME table differs from Python's, which
// Swift uses to guess.
var typeOverrides = map[string]string{".wav": "audio/x-wav"}

func guessType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := typeOverrides[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		t, _, _ = strings.Cut(t, ";")
		return t
	}
	return "application/octet-stream"
}

func (rq *request) putObject() error {
	if _, err := rq.bucket(rq.container); err != nil {
		return err
	}
	if err := rq.allow("s3:PutObject", rq.container, rq.object, "WRITE", aclWrite); err != nil {
		return err
	}
	q := rq.r.URL.Query()
	if q.Get("multipart-manifest") == "put" {
		return rq.putSLO()
	}
	if src := rq.r.Header.Get("X-Copy-From"); src != "" {
		return rq.copyFrom(src)
	}
	opts, err := rq.putOptions(rq.object)
	if err != nil {
		return err
	}
	if m := opts.Headers[hdrManifest]; m != "" && rq.tempURL {
		// A TempURL reaches one container: its manifests may not
		// reach further.
		if c, _, _ := strings.Cut(strings.TrimPrefix(m, "/"), "/"); c != rq.container {
			return herr(http.StatusBadRequest, "X-Object-Manifest outside the TempURL's container")
		}
	}
	if cl := rq.r.Header.Get("Content-Length"); !chunked(rq.r) && cl == "" {
		return errLengthReq
	}
	if rq.r.ContentLength > rq.h.cfg.MaxObjectSize {
		return errTooLarge
	}
	opts.Size = rq.r.ContentLength
	if e := strings.Trim(rq.r.Header.Get("Etag"), `"`); e != "" {
		md, err := hex.DecodeString(e)
		if err != nil || len(md) != 16 {
			return errUnprocessable
		}
		opts.ContentMD5 = md
	}
	body := io.Reader(rq.r.Body)
	if opts.Size < 0 {
		body = io.LimitReader(body, rq.h.cfg.MaxObjectSize+1)
	}
	info, err := rq.store(rq.container, rq.object, body, opts)
	if err != nil {
		return err
	}
	rq.w.Header().Set("Etag", info.ETag)
	rq.w.Header().Set("Last-Modified", info.Modified.UTC().Format(http.TimeFormat))
	return noContent(rq.w, http.StatusCreated)
}

// store writes an object, first archiving the version it replaces when
// the container keeps versions.
func (rq *request) store(bucket, key string, body io.Reader, opts object.PutOptions) (object.ObjectInfo, error) {
	if err := rq.archive(bucket, key, false); err != nil {
		return object.ObjectInfo{}, err
	}
	info, err := rq.h.cfg.Objects.PutObject(rq.ctx, bucket, key, body, opts)
	if err != nil && opts.ContentMD5 != nil && strata.Is(err, strata.Invalid) && strings.Contains(err.Error(), "BadDigest") {
		return info, errUnprocessable
	}
	if err != nil && strata.Is(err, strata.Precondition) {
		return info, errPrecondition
	}
	return info, err
}

func chunked(r *http.Request) bool {
	for _, te := range r.TransferEncoding {
		if te == "chunked" {
			return true
		}
	}
	return false
}

// postObject replaces an object's metadata (Swift's POST semantics: the
// X-Object-Meta-* sent are the new set), rewriting it in place.
func (rq *request) postObject() error {
	if _, err := rq.bucket(rq.container); err != nil {
		return err
	}
	if err := rq.allow("s3:PutObject", rq.container, rq.object, "WRITE", aclWrite); err != nil {
		return err
	}
	info, err := rq.head(rq.container, rq.object)
	if err != nil {
		return err
	}
	opts, err := rq.putOptions(rq.object)
	if err != nil {
		return err
	}
	if rq.r.Header.Get("Content-Type") == "" {
		opts.Headers["Content-Type"] = info.Headers["Content-Type"]
	}
	for _, k := range []string{hdrSLO, hdrSLOSize, hdrSLOEtag} {
		if v, ok := info.Headers[k]; ok {
			opts.Headers[k] = v
		}
	}
	if _, ok := rq.r.Header[hdrDeleteAt]; !ok && rq.r.Header.Get("X-Delete-After") == "" {
		if v, ok := info.Headers[hdrDeleteAt]; ok && rq.r.Header.Get("X-Remove-Delete-At") == "" {
			opts.Headers[hdrDeleteAt] = v
		}
	}
	opts.IfNoneMatch = ""
	opts.IfMatch = info.ETag
	opts.Event = "ObjectCreated:Copy"
	_, body, err := rq.h.cfg.Objects.GetObject(rq.ctx, rq.container, rq.object, object.GetOptions{})
	if err != nil {
		return err
	}
	defer body.Close()
	opts.Size = info.Size
	if _, err := rq.h.cfg.Objects.PutObject(rq.ctx, rq.container, rq.object, body, opts); err != nil {
		return err
	}
	return noContent(rq.w, http.StatusAccepted)
}

func (rq *request) deleteObject() error {
	if _, err := rq.bucket(rq.container); err != nil {
		return err
	}
	if err := rq.allow("s3:DeleteObject", rq.container, rq.object, "WRITE", aclWrite); err != nil {
		return err
	}
	info, err := rq.head(rq.container, rq.object)
	if err != nil {
		if isNotFound(err) {
			if merr := rq.deleteMarker(rq.container, rq.object); merr != nil {
				return merr
			}
			if restored, rerr := rq.restoreVersion(); rerr != nil || restored {
				if rerr != nil {
					return rerr
				}
				return noContent(rq.w, http.StatusNoContent)
			}
		}
		return err
	}
	if rq.r.URL.Query().Get("multipart-manifest") == "delete" && info.Headers[hdrSLO] != "" {
		return rq.deleteSLO(info)
	}
	if err := rq.archive(rq.container, rq.object, true); err != nil {
		return err
	}
	if err := rq.deleteMarker(rq.container, rq.object); err != nil {
		return err
	}
	if _, err := rq.h.cfg.Objects.DeleteObject(rq.ctx, rq.container, rq.object, ""); err != nil {
		return err
	}
	if _, err := rq.restoreVersion(); err != nil {
		return err
	}
	return noContent(rq.w, http.StatusNoContent)
}

// copyMethod is COPY with a Destination header.
func (rq *request) copyMethod() error {
	dst := rq.r.Header.Get("Destination")
	if dst == "" {
		return herr(http.StatusPreconditionFailed, "You must provide a Destination header")
	}
	dc, dk, ok := splitCopyPath(dst)
	if !ok {
		return herr(http.StatusPreconditionFailed, "Destination header must be of the form <container name>/<object name>")
	}
	dacct := rq.account
	if a := rq.r.Header.Get("Destination-Account"); a != "" {
		a, _ = url.PathUnescape(a)
		dacct = strings.TrimPrefix(a, "AUTH_")
	}
	if _, err := rq.bucketIn(dacct, dc); err != nil {
		if isNotFound(err) && rq.allow("s3:PutObject", dc, dk, "WRITE", aclWrite) != nil && dacct != rq.account {
			return rq.denied()
		}
		return err
	}
	if err := rq.allow("s3:PutObject", dc, dk, "WRITE", aclWrite); err != nil {
		return err
	}
	return rq.copyObject(rq.account, rq.container, rq.object, dc, dk)
}

// splitCopyPath reads a Destination or X-Copy-From value
// ("[/]container/object", URL-encoded).
func splitCopyPath(v string) (c, o string, ok bool) {
	v, err := url.PathUnescape(v)
	if err != nil {
		return "", "", false
	}
	c, o, ok = strings.Cut(strings.TrimPrefix(v, "/"), "/")
	return c, o, ok && c != "" && o != ""
}

// copyFrom is a PUT with X-Copy-From (and X-Copy-From-Account).
func (rq *request) copyFrom(src string) error {
	sc, sk, ok := splitCopyPath(src)
	if !ok {
		return herr(http.StatusPreconditionFailed, "X-Copy-From header must be of the form <container name>/<object name>")
	}
	sacct := rq.account
	if a := rq.r.Header.Get("X-Copy-From-Account"); a != "" {
		a, _ = url.PathUnescape(a)
		sacct = strings.TrimPrefix(a, "AUTH_")
	}
	return rq.copyObject(sacct, sc, sk, rq.container, rq.object)
}

// copyObject copies a source object of account sacct to dc/dk, the
// metadata sent merged over the source's (unless X-Fresh-Metadata).
func (rq *request) copyObject(sacct, sc, sk, dc, dk string) error {
	if _, err := rq.bucketIn(sacct, sc); err != nil {
		if isNotFound(err) && rq.p != nil && sacct != rq.p.Account.Name {
			return rq.denied()
		}
		return err
	}
	if err := rq.allow("s3:GetObject", sc, sk, "READ", aclRead); err != nil {
		return err
	}
	info, err := rq.head(sc, sk)
	if err != nil {
		return err
	}
	opts, err := rq.putOptions(dk)
	if err != nil {
		return err
	}
	if rq.r.Header.Get("Content-Type") == "" {
		opts.Headers["Content-Type"] = info.Headers["Content-Type"]
	}
	if !strings.EqualFold(rq.r.Header.Get("X-Fresh-Metadata"), "true") {
		for k, v := range info.UserMeta {
			if _, set := opts.UserMeta[k]; !set && rq.r.Header.Get("X-Remove-Object-Meta-"+k) == "" {
				opts.UserMeta[k] = v
			}
		}
		for _, k := range []string{"Content-Encoding", "Content-Disposition", "Content-Language", "Cache-Control", "Expires"} {
			if v, ok := info.Headers[k]; ok && opts.Headers[k] == "" {
				opts.Headers[k] = v
			}
		}
	}
	opts.Event = "ObjectCreated:Copy"
	var body io.ReadCloser
	lo, err := rq.largeObject(info)
	if err != nil {
		return err
	}
	manifest := rq.r.URL.Query().Get("multipart-manifest") == "get"
	switch {
	case lo != nil && !manifest:
		opts.Size = lo.size
		body = lo.reader(rq, 0, lo.size-1)
		delete(opts.Headers, hdrManifest)
	default:
		if manifest {
			for _, k := range []string{hdrSLO, hdrSLOSize, hdrSLOEtag, hdrManifest} {
				if v, ok := info.Headers[k]; ok {
					opts.Headers[k] = v
				}
			}
		}
		opts.Size = info.Size
		var gopts object.GetOptions
		if v := rq.r.Header.Get("Range"); v != "" {
			rng, err := parseRange(v, info.Size)
			if err != nil {
				return err
			}
			if rng != nil {
				gopts.Range, opts.Size = rng, rng.End-rng.Start+1
			}
		}
		if info.Size == 0 {
			body = io.NopCloser(strings.NewReader(""))
		} else if _, body, err = rq.h.cfg.Objects.GetObject(rq.ctx, sc, sk, gopts); err != nil {
			return err
		}
	}
	defer body.Close()
	out, err := rq.store(dc, dk, body, opts)
	if err != nil {
		return err
	}
	h := rq.w.Header()
	h.Set("Etag", out.ETag)
	h.Set("X-Copied-From", url.PathEscape(sc)+"/"+url.PathEscape(sk))
	h.Set("X-Copied-From-Last-Modified", info.Modified.UTC().Format(http.TimeFormat))
	h.Set("Last-Modified", out.Modified.UTC().Format(http.TimeFormat))
	return noContent(rq.w, http.StatusCreated)
}
