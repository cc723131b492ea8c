package fn

import (
	"errors"
	"fmt"
)

// Errors the host reports. The host returns them to the guest as
// negative numbers; keep the table in step with internal/fn/wasm.
var (
	ErrInvalid     = errors.New("sdk/fn: invalid argument")
	ErrNotExist    = errors.New("sdk/fn: object does not exist")
	ErrPermission  = errors.New("sdk/fn: permission denied")
	ErrTooLarge    = errors.New("sdk/fn: object too large")
	ErrBadHandle   = errors.New("sdk/fn: bad object handle")
	ErrIO          = errors.New("sdk/fn: i/o error")
	ErrTooMany     = errors.New("sdk/fn: too many open objects")
	ErrUnavailable = errors.New("sdk/fn: service unavailable")
	ErrUnsupported = errors.New("sdk/fn: only available inside a Strata function (GOOS=wasip1)")
)

// errnoErr maps a negative host result to an error; r >= 0 is nil.
func errnoErr(r int64) error {
	switch r {
	case -1:
		return ErrInvalid
	case -2:
		return ErrNotExist
	case -3:
		return ErrPermission
	case -4:
		return ErrTooLarge
	case -5:
		return ErrBadHandle
	case -6:
		return ErrIO
	case -7:
		return ErrTooMany
	case -8:
		return ErrUnavailable
	}
	if r < 0 {
		return fmt.Errorf("sdk/fn: host error %d", r)
	}
	return nil
}
