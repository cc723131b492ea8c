package website

import (
	"errors"
	"fmt"
	"html"
	"net/http"
	"strings"

	"github.com/strata-storage/strata/internal/strata"
)

// pageErr is an error answered as S3's website endpoint does: an HTML
// page with the S3 code, or the bucket's error document.
type pageErr struct {
	status  int
	code    string
	message string
	key     string
}

func (e *pageErr) Error() string { return e.code + ": " + e.message }

func pageError(status int, code, message string) *pageErr {
	return &pageErr{status: status, code: code, message: message}
}

func (e *pageErr) withKey(key string) *pageErr {
	c := *e
	c.key = key
	return &c
}

var errAccessDenied = pageError(http.StatusForbidden, "AccessDenied", "Access Denied")

// asPage maps any error to the page answering it.
func asPage(err error) *pageErr {
	var pe *pageErr
	if errors.As(err, &pe) {
		return pe
	}
	switch strata.KindOf(err) {
	case strata.NotExist:
		return pageError(http.StatusNotFound, "NoSuchKey", "The specified key does not exist.")
	case strata.Permission:
		return errAccessDenied
	case strata.Invalid:
		return pageError(http.StatusBadRequest, "InvalidRequest", err.Error())
	case strata.Unavailable:
		return pageError(http.StatusServiceUnavailable, "ServiceUnavailable", "Please reduce your request rate.")
	}
	return pageError(http.StatusInternalServerError, "InternalError", "We encountered an internal error. Please try again.")
}

// fail answers err: a routing rule on its status redirects; a 4XX with an
// error document serves that document with the status; otherwise, and
// when the document itself cannot be served, an HTML page.
func (rq *request) fail(err error) {
	pe := asPage(err)
	if pe.status >= 500 {
		rq.h.cfg.Log.Warn("website request failed", "bucket", rq.bucket, "key", rq.key, "err", err)
	}
	var docErr *pageErr
	if rq.doc != nil && pe.code != "NoSuchWebsiteConfiguration" {
		if rule := rq.doc.Match(rq.key, pe.status); rule != nil {
			rq.redirect(rule.location(rq.key, rq.from))
			return
		}
		if ed := rq.doc.Error; ed != nil && pe.status >= 400 && pe.status < 500 {
			if rq.aw != nil {
				rq.aw.ErrorCode = pe.code
			}
			docErr = rq.serveErrorDocument(ed.Key, pe.status)
			if docErr == nil {
				return
			}
		}
	}
	rq.page(pe, docErr)
}

// serveErrorDocument serves the error document with status, or says
// why it could not.
func (rq *request) serveErrorDocument(key string, status int) *pageErr {
	info, err := rq.lookup(key)
	if err == nil {
		err = rq.serveObject(info, status)
	}
	if err == nil {
		return nil
	}
	return asPage(err).withKey(key)
}

// page writes the HTML error page S3's website endpoint sends.
func (rq *request) page(pe *pageErr, docErr *pageErr) {
	h := rq.w.Header()
	for _, k := range []string{"Etag", "Last-Modified", "Content-Range", "Accept-Ranges", "Content-Encoding", "Content-Disposition", "Content-Language", "Cache-Control", "Expires"} {
		h.Del(k)
	}
	for k := range h {
		if strings.HasPrefix(k, "X-Amz-Meta-") {
			delete(h, k)
		}
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	title := fmt.Sprintf("%d %s", pe.status, http.StatusText(pe.status))
	var b strings.Builder
	fmt.Fprintf(&b, "<html>\n<head><title>%s</title></head>\n<body>\n<h1>%s</h1>\n", title, title)
	rq.writeItems(&b, pe)
	if docErr != nil {
		b.WriteString("<h3>An Error Occurred While Attempting to Retrieve a Custom Error Document</h3>\n")
		rq.writeItems(&b, docErr)
	}
	b.WriteString("<hr/>\n</body>\n</html>\n")
	if rq.aw != nil {
		rq.aw.ErrorCode = pe.code
	}
	h.Set("Content-Length", fmt.Sprint(b.Len()))
	rq.w.WriteHeader(pe.status)
	if rq.r.Method != http.MethodHead {
		rq.w.Write([]byte(b.String()))
	}
}

func (rq *request) writeItems(b *strings.Builder, pe *pageErr) {
	fmt.Fprintf(b, "<ul>\n<li>Code: %s</li>\n<li>Message: %s</li>\n", html.EscapeString(pe.code), html.EscapeString(pe.message))
	if pe.code == "NoSuchBucket" || pe.code == "NoSuchWebsiteConfiguration" {
		fmt.Fprintf(b, "<li>BucketName: %s</li>\n", html.EscapeString(rq.bucket))
	}
	if pe.key != "" {
		fmt.Fprintf(b, "<li>Key: %s</li>\n", html.EscapeString(pe.key))
	}
	fmt.Fprintf(b, "<li>RequestId: %s</li>\n<li>HostId: %s</li>\n</ul>\n", rq.id, rq.h.hostID)
}
