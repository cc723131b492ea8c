package strata

import (
	"errors"
	"fmt"
)

// Kind classifies an error so that each protocol can map it to its own
// codes (S3 error codes, errno, HTTP status) through one table.
type Kind uint8

// The error kinds. Keep the list short: a protocol maps each one.
const (
	Other        Kind = iota // unclassified; treated as Internal by protocols
	NotExist                 // the named thing does not exist
	Exist                    // the named thing already exists
	Invalid                  // the request is malformed or out of range
	Permission               // the caller may not do this
	Conflict                 // a precondition or a concurrent change got in the way
	NoSpace                  // no volume or service can take the data
	Unavailable              // a service needed for the request is down; retry may help
	Corrupt                  // stored data failed its checksum
	Internal                 // a broken invariant or unexpected failure
	NotEmpty                 // a container that must be empty is not
	Precondition             // a conditional request (If-Match, ...) failed
)

var kindNames = [...]string{"other", "not exist", "exist", "invalid", "permission",
	"conflict", "no space", "unavailable", "corrupt", "internal", "not empty", "precondition"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Error is the error type of Strata: an operation, a kind and a cause.
type Error struct {
	Op   string // the operation, e.g. "blob.Put"
	Kind Kind
	Err  error // the cause; may be nil
}

func (e *Error) Error() string {
	switch {
	case e.Err == nil:
		return e.Op + ": " + e.Kind.String()
	case e.Op == "":
		return e.Err.Error()
	default:
		return e.Op + ": " + e.Err.Error()
	}
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an *Error. A nil cause gets the kind's name as its text. A cause
// that already carries a kind keeps it when kind is Other.
func E(op string, kind Kind, cause error) error {
	if kind == Other {
		kind = KindOf(cause)
	}
	return &Error{Op: op, Kind: kind, Err: cause}
}

// Errorf builds an *Error with a formatted cause.
func Errorf(op string, kind Kind, format string, args ...any) error {
	return &Error{Op: op, Kind: kind, Err: fmt.Errorf(format, args...)}
}

// KindOf returns the kind of the outermost classified error in err's chain,
// or Other.
func KindOf(err error) Kind {
	var e *Error
	for err != nil {
		if !errors.As(err, &e) {
			return Other
		}
		if e.Kind != Other {
			return e.Kind
		}
		err = e.Err
	}
	return Other
}

// Is reports whether err has the given kind.
func Is(err error, kind Kind) bool { return err != nil && KindOf(err) == kind }
