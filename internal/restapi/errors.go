package restapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/strata-storage/strata/internal/audit"
	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// Error is an API error as it goes on the wire: a stable code, a message
// for people, and the request's id for the logs.
type Error struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"request_id"`
	status    int
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Status is the HTTP status the error is answered with.
func (e *Error) Status() int { return e.status }

// apiErr builds an Error; handlers return it when no strata kind fits.
func apiErr(status int, code, msg string) *Error {
	return &Error{Code: code, Message: msg, status: status}
}

// kindStatus is the one table from strata kinds to HTTP: every other
// error reaches the wire through it.
var kindStatus = map[strata.Kind]struct {
	status int
	code   string
}{
	strata.Invalid:      {http.StatusBadRequest, "InvalidRequest"},
	strata.NotExist:     {http.StatusNotFound, "NotFound"},
	strata.Exist:        {http.StatusConflict, "AlreadyExists"},
	strata.Conflict:     {http.StatusConflict, "Conflict"},
	strata.Permission:   {http.StatusForbidden, "AccessDenied"},
	strata.NoSpace:      {http.StatusInsufficientStorage, "NoSpace"},
	strata.Unavailable:  {http.StatusServiceUnavailable, "Unavailable"},
	strata.Corrupt:      {http.StatusInternalServerError, "Corrupt"},
	strata.Internal:     {http.StatusInternalServerError, "InternalError"},
	strata.NotEmpty:     {http.StatusConflict, "NotEmpty"},
	strata.Precondition: {http.StatusPreconditionFailed, "PreconditionFailed"},
}

// toError maps any error to its wire form. IAM and signature errors keep
// their AWS codes and statuses, so a client sees the same code over every
// door.
func toError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var ie *iam.Error
	if errors.As(err, &ie) {
		return apiErr(ie.Status, ie.Code, ie.Message)
	}
	var ae *auth.Error
	if errors.As(err, &ae) {
		return apiErr(ae.Status, ae.Code, ae.Message)
	}
	kind := strata.KindOf(err)
	if kind == strata.Other && errors.Is(err, context.DeadlineExceeded) {
		// A step that ran out of time (a store or bus busy electing a
		// leader) is worth a retry: 503, not a fault of the server.
		kind = strata.Unavailable
	}
	ks, ok := kindStatus[kind]
	if !ok {
		ks = kindStatus[strata.Internal]
	}
	return apiErr(ks.status, ks.code, err.Error())
}

// writeError answers err as JSON.
func writeError(w http.ResponseWriter, reqID string, err error) {
	e := *toError(err)
	e.RequestID = reqID
	if e.status == 0 {
		e.status = http.StatusInternalServerError
	}
	if aw, ok := w.(*audit.Writer); ok {
		aw.ErrorCode = e.Code // the audit log records the API's code
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.status)
	json.NewEncoder(w).Encode(&e)
}

// writeJSON answers v with status 200.
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
