package iam

import (
	"fmt"
	"net/http"

	"github.com/strata-storage/strata/internal/strata"
)

// Error is an IAM or STS error: the AWS code and message the APIs send,
// and the strata kind the other doors map.
type Error struct {
	Code    string
	Message string
	Status  int
	Kind    strata.Kind
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Is lets strata.KindOf see through: strata.Is(err, strata.NotExist).
func (e *Error) Unwrap() error { return strata.Errorf("iam", e.Kind, "%s", e.Message) }

func newErr(code string, status int, kind strata.Kind, format string, args ...any) *Error {
	return &Error{Code: code, Status: status, Kind: kind, Message: fmt.Sprintf(format, args...)}
}

func noSuchEntity(format string, args ...any) *Error {
	return newErr("NoSuchEntity", http.StatusNotFound, strata.NotExist, format, args...)
}

func alreadyExists(format string, args ...any) *Error {
	return newErr("EntityAlreadyExists", http.StatusConflict, strata.Exist, format, args...)
}

func deleteConflict(format string, args ...any) *Error {
	return newErr("DeleteConflict", http.StatusConflict, strata.Conflict, format, args...)
}

func invalidInput(format string, args ...any) *Error {
	return newErr("InvalidInput", http.StatusBadRequest, strata.Invalid, format, args...)
}

func validationError(format string, args ...any) *Error {
	return newErr("ValidationError", http.StatusBadRequest, strata.Invalid, format, args...)
}

func limitExceeded(format string, args ...any) *Error {
	return newErr("LimitExceeded", http.StatusConflict, strata.Conflict, format, args...)
}

func malformedPolicy(format string, args ...any) *Error {
	return newErr("MalformedPolicyDocument", http.StatusBadRequest, strata.Invalid, format, args...)
}

// AccessDenied is the error of a refused IAM or STS call.
func AccessDenied(format string, args ...any) *Error {
	return newErr("AccessDenied", http.StatusForbidden, strata.Permission, format, args...)
}

func passwordPolicy(format string, args ...any) *Error {
	return newErr("PasswordPolicyViolation", http.StatusBadRequest, strata.Invalid, format, args...)
}
