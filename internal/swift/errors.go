package swift

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// httpError is an answer with a status and a short plain-text body, as
// Swift's proxy sends them.
type httpError struct {
	status int
	msg    string
	html   bool // the proxy's standard HTML page; else the message alone
}

func (e *httpError) Error() string { return fmt.Sprintf("%d %s", e.status, e.msg) }

func herr(status int, msg string) error { return &httpError{status: status, msg: msg} }

// page is a standard error, answered as an HTML page.
func page(status int, msg string) error { return &httpError{status: status, msg: msg, html: true} }

var (
	errNotFound      = page(http.StatusNotFound, "The resource could not be found.")
	errUnauthorized  = page(http.StatusUnauthorized, "This server could not verify that you are authorized to access the document you requested.")
	errForbidden     = page(http.StatusForbidden, "Access was denied to this resource.")
	errBadRequest    = page(http.StatusBadRequest, "Bad request.")
	errConflict      = page(http.StatusConflict, "There was a conflict when trying to complete your request.")
	errPrecondition  = page(http.StatusPreconditionFailed, "A precondition for this request was not met.")
	errNotAllowed    = page(http.StatusMethodNotAllowed, "The method is not allowed for this resource.")
	errLengthReq     = page(http.StatusLengthRequired, "Length Required.")
	errTooLarge      = page(http.StatusRequestEntityTooLarge, "Your request is too large.")
	errUnprocessable = page(http.StatusUnprocessableEntity, "Unable to process the contained instructions")
	errRange         = page(http.StatusRequestedRangeNotSatisfiable, "The Range requested is not available.")
)

// statusOf maps an error to the HTTP status Swift answers (the one table
// from error kinds to this protocol's codes).
func statusOf(err error) (int, string) {
	var he *httpError
	if errors.As(err, &he) {
		return he.status, he.msg
	}
	return kindStatus(err)
}

func kindStatus(err error) (int, string) {
	switch strata.KindOf(err) {
	case strata.NotExist:
		return http.StatusNotFound, errNotFound.(*httpError).msg
	case strata.Exist, strata.Conflict, strata.NotEmpty:
		return http.StatusConflict, errConflict.(*httpError).msg
	case strata.Invalid:
		if errors.Is(err, errETag) {
			return http.StatusUnprocessableEntity, errUnprocessable.(*httpError).msg
		}
		return http.StatusBadRequest, err.Error()
	case strata.Permission:
		return http.StatusForbidden, errForbidden.(*httpError).msg
	case strata.Precondition:
		return http.StatusPreconditionFailed, errPrecondition.(*httpError).msg
	case strata.NoSpace:
		return http.StatusInsufficientStorage, "Insufficient storage."
	case strata.Unavailable:
		return http.StatusServiceUnavailable, "The server is currently unavailable."
	}
	return http.StatusInternalServerError, "An error occurred."
}

// errETag marks a body whose MD5 is not the ETag the client sent.
var errETag = errors.New("etag mismatch")

func writeError(w http.ResponseWriter, r *http.Request, err error) {
	st, msg := statusOf(err)
	body := "<html><h1>" + http.StatusText(st) + "</h1><p>" + msg + "</p></html>"
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	var he *httpError
	if errors.As(err, &he) && !he.html {
		body = msg
	}
	if r.Method == http.MethodHead {
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(st)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(st)
	w.Write([]byte(body))
}

// transID is a Swift-style transaction id.
func transID() string {
	b := make([]byte, 10)
	rand.Read(b)
	return "tx" + hex.EncodeToString(b) + "-" + strconv.FormatInt(time.Now().Unix(), 16)
}
