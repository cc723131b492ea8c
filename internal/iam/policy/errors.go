package policy

import (
	"fmt"

	"github.com/strata-storage/strata/internal/strata"
)

// CodeMalformed is the IAM error code of a document that fails to parse or
// validate. The S3 bucket-policy API spells it "MalformedPolicy"; the
// gateway maps it.
const CodeMalformed = "MalformedPolicyDocument"

// Error is a parse or validation error. Message follows the wording of AWS
// where AWS has one, so that clients see familiar text.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Unwrap gives the error the strata kind Invalid, so that strata.KindOf
// classifies it without knowing this package.
func (e *Error) Unwrap() error {
	return &strata.Error{Op: "policy", Kind: strata.Invalid}
}

func malformed(format string, args ...any) *Error {
	return &Error{Code: CodeMalformed, Message: fmt.Sprintf(format, args...)}
}
