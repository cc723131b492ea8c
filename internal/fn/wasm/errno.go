package wasm

import (
	"context"
	"errors"
	"io/fs"

	"github.com/strata-storage/strata/internal/strata"
)

// Error numbers returned (negated) to the guest. Keep in step with
// sdk/fn/errors.go: they are the wire contract of the host module.
const (
	errInvalid     = 1 // bad argument or memory range
	errNotExist    = 2
	errPermission  = 3
	errTooLarge    = 4 // over Limits.OutputMiB, or too big to size
	errBadHandle   = 5
	errIO          = 6
	errTooMany     = 7 // too many open handles
	errUnavailable = 8 // retry may help
)

// errno maps a host error to the negative number the guest sees.
func errno(err error) int32 {
	switch {
	case errors.Is(err, fs.ErrNotExist) || strata.Is(err, strata.NotExist):
		return -errNotExist
	case errors.Is(err, fs.ErrPermission) || strata.Is(err, strata.Permission):
		return -errPermission
	case strata.Is(err, strata.Invalid):
		return -errInvalid
	case strata.Is(err, strata.Unavailable) || errors.Is(err, context.DeadlineExceeded):
		return -errUnavailable
	}
	return -errIO
}
