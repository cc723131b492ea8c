package s3

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// apiError is an S3 error: its code, HTTP status and message.
type apiError struct {
	Code    string
	Status  int
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func errorf(code string, status int, msg string) *apiError {
	return &apiError{Code: code, Status: status, Message: msg}
}

// Common errors.
var (
	errNoSuchBucket   = awsError("NoSuchBucket", 404)
	errNoSuchKey      = awsError("NoSuchKey", 404)
	errAccessDenied   = awsError("AccessDenied", 403)
	errNotImplemented = awsError("NotImplemented", 501)
	errMalformedXML   = errorf("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema.")
	errInvalidArg     = func(msg string) *apiError { return errorf("InvalidArgument", 400, msg) }
	errInvalidRequest = func(msg string) *apiError { return errorf("InvalidRequest", 400, msg) }
)

// codeStatus maps S3 codes found at the start of a cause's text to their
// HTTP status: the object service names the S3 code where one fits.
var codeStatus = map[string]int{
	"BadDigest": 400, "InvalidPart": 400, "InvalidPartOrder": 400, "EntityTooSmall": 400,
	"InvalidStorageClass": 400, "InvalidArgument": 400, "InvalidRange": 416, "MalformedXML": 400,
	"IncompleteBody": 400, "KeyTooLongError": 400, "NoSuchKey": 404, "NoSuchVersion": 404,
	"NoSuchUpload": 404, "BucketAlreadyOwnedByYou": 409, "BucketAlreadyExists": 409,
	"InvalidPartNumber": 400, "InvalidBucketState": 409, "InvalidRequest": 400,
	"QuotaExceeded": 403, // as Ceph RGW answers (internal/quota)
}

// toAPIError maps any error to an S3 error through one table.
func toAPIError(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	var au *auth.Error
	if errors.As(err, &au) {
		return &apiError{Code: au.Code, Status: au.Status, Message: au.Message}
	}
	if errors.Is(err, object.ErrDeleteMarker) {
		return errorf("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
	}
	msg := err.Error()
	var se *strata.Error
	if errors.As(err, &se) && se.Err != nil {
		msg = se.Err.Error()
	}
	if code, rest, ok := strings.Cut(msg, ": "); ok {
		if st, known := codeStatus[code]; known {
			return errorf(code, st, causeMessage(code, rest))
		}
	}
	switch strata.KindOf(err) {
	case strata.NotExist:
		if se != nil && strings.HasSuffix(se.Op, "bucket") {
			return errNoSuchBucket
		}
		return errNoSuchKey
	case strata.Exist:
		return awsError("BucketAlreadyExists", 409)
	case strata.NotEmpty:
		return awsError("BucketNotEmpty", 409)
	case strata.Precondition:
		return awsError("PreconditionFailed", 412)
	case strata.Invalid:
		return errInvalidArg(msg)
	case strata.Permission:
		return errAccessDenied
	case strata.Conflict:
		return errorf("OperationAborted", 409, msg)
	case strata.NoSpace:
		return errorf("ServiceUnavailable", 503, "No storage is available for the request: "+msg)
	case strata.Unavailable:
		return errorf("ServiceUnavailable", 503, msg)
	case strata.Corrupt:
		return errorf("InternalError", 500, "Stored data failed its checksum: "+msg)
	}
	return errorf("InternalError", 500, "We encountered an internal error. Please try again.")
}

type errorBody struct {
	XMLName    xml.Name `xml:"Error"`
	Code       string
	Message    string
	Resource   string `xml:",omitempty"`
	Key        string `xml:",omitempty"`
	BucketName string `xml:",omitempty"`
	RequestID  string `xml:"RequestId"`
	HostID     string `xml:"HostId"`
}

// writeError sends an S3 error; HEAD requests get no body.
func (rq *request) writeError(err error) {
	ae := toAPIError(err)
	noteError(rq.w, ae.Code)
	if ae.Status >= 500 && ae != errSlowDown { // SlowDown is QoS at work, not a failure
		rq.h.log.Error("request failed", "method", rq.r.Method, "path", rq.r.URL.Path, "err", err, "request_id", rq.id)
	}
	rq.drainBody()
	w := rq.w
	if ae.Status == http.StatusNotModified {
		w.WriteHeader(ae.Status)
		return
	}
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(ae.Status)
	if rq.r.Method == http.MethodHead {
		return
	}
	body := errorBody{Code: ae.Code, Message: ae.Message, Resource: rq.r.URL.Path, Key: rq.key,
		BucketName: rq.bucket, RequestID: rq.id, HostID: rq.h.hostID}
	w.Write([]byte(xml.Header))
	xml.NewEncoder(w).Encode(body)
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// maxDrain is the most of an unread request body read away before an
// error answer. A client still sending its body when the server answers
// and closes gets "connection reset" instead of the error; reading a
// modest body first lets it read the answer (larger bodies are cut off,
// as S3 does).
const maxDrain = 16 << 20

func (rq *request) drainBody() {
	if rq.r.Body == nil || rq.r.ContentLength > maxDrain || rq.r.Method == http.MethodGet || rq.r.Method == http.MethodHead {
		return
	}
	io.Copy(io.Discard, io.LimitReader(rq.r.Body, maxDrain))
}
