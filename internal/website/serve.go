package website

import (
	"io"
	"net/http"
	"strings"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// hdrRedirect is the object metadata that turns a GET into a redirect.
const hdrRedirect = "X-Amz-Website-Redirect-Location"

// serveKey answers the request's key: the object, the folder's index
// document, a redirect, or the error (document) the lookup ends in.
func (rq *request) serveKey() error {
	name := rq.key
	folder := name == "" || strings.HasSuffix(name, "/")
	if folder {
		name += rq.doc.Index.Suffix
	}
	info, err := rq.lookup(name)
	if err == nil {
		if loc := info.Headers[hdrRedirect]; loc != "" {
			rq.redirect(loc, http.StatusMovedPermanently)
			return nil
		}
		return rq.serveObject(info, http.StatusOK)
	}
	if !strata.Is(err, strata.NotExist) {
		return err
	}
	if !folder {
		// "KEY" with no object but a "KEY/" folder with an index: the
		// folder, so that its relative links resolve.
		if _, ierr := rq.lookup(name + "/" + rq.doc.Index.Suffix); ierr == nil {
			rq.redirect(redirectURL("", "", name+"/", rq.from), http.StatusFound)
			return nil
		}
	}
	if !rq.h.cfg.Authz.MayList(rq.r, nil, rq.bucket, name) {
		return errAccessDenied
	}
	return pageError(http.StatusNotFound, "NoSuchKey", "The specified key does not exist.").withKey(name)
}

// lookup reads the latest version of key and decides an anonymous
// GetObject on it. Missing (or a delete marker): strata.NotExist.
func (rq *request) lookup(key string) (object.ObjectInfo, error) {
	info, err := rq.h.cfg.Objects.HeadObject(rq.r.Context(), rq.bucket, key, object.GetOptions{})
	if err != nil {
		return info, err
	}
	if info.Bucket == "" {
		info.Bucket, info.Key = rq.bucket, key
	}
	if err := rq.h.cfg.Authz.AuthorizeObject(rq.r, nil, "s3:GetObject", info, "READ"); err != nil {
		if strata.Is(err, strata.Permission) {
			return info, errAccessDenied
		}
		return info, err
	}
	return info, nil
}

// serveObject sends an object with status: for 200, conditional
// requests and ranges as an S3 GET (http.ServeContent); for an error
// document, the whole body with the error's status.
func (rq *request) serveObject(info object.ObjectInfo, status int) error {
	h := rq.w.Header()
	for k, v := range info.Headers {
		if k != hdrRedirect {
			h.Set(k, v)
		}
	}
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", "binary/octet-stream")
	}
	for k, v := range info.UserMeta {
		h["X-Amz-Meta-"+k] = []string{v}
	}
	h.Set("ETag", `"`+info.ETag+`"`)
	body := &objectReader{ctx: rq.r.Context(), svc: rq.h.cfg.Objects, info: info}
	defer body.Close()
	if status == http.StatusOK {
		if strings.Contains(rq.r.Header.Get("Range"), ",") {
			// S3 serves no multi-range request: the whole object instead,
			// as the S3 GET does.
			rq.r.Header.Del("Range")
		}
		if rq.r.Method == http.MethodGet && rq.r.Header.Get("Range") == "" {
			// Read the first bytes before committing to a status, as the
			// S3 GET does: an object whose data cannot be reached (archived,
			// fragments lost) gets an error page, not a cut "200 OK".
			if err := body.peek(peekSize); err != nil {
				return err
			}
		}
		http.ServeContent(rq.w, rq.r, "", info.Modified, body)
		return nil
	}
	h.Set("Last-Modified", info.Modified.UTC().Format(http.TimeFormat))
	h.Del("ETag") // not the answer's: conditional requests must not match it
	if rq.r.Method == http.MethodHead {
		rq.w.WriteHeader(status)
		return nil
	}
	// Read before the status goes out: a document that cannot be read
	// gets the HTML page instead of a cut answer.
	if err := body.peek(peekSize); err != nil {
		return err
	}
	rq.w.WriteHeader(status)
	io.Copy(rq.w, body)
	return nil
}
