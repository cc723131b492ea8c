package fn

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/strata-storage/strata/internal/fn/invoke"
)

// backstopMargin is how long past its limit a run may go before the
// agent's own deadline stops it. The runtimes enforce the limit; the
// backstop only catches a runtime that failed to.
const backstopMargin = 10 * time.Second

// errBackstop is the cause of a run's context when the backstop ends it.
var errBackstop = errors.New("fn: agent backstop deadline")

// runBounded runs inv under the backstop. Code is prepared first, outside
// it: compiling is the node's work (slow on a cold cache or a loaded
// node, tens of seconds under the race detector), and counting it would
// stop a function before its own limit had even started.
func runBounded(ctx context.Context, rt invoke.Runtime, code invoke.Code, inv invoke.Invocation, h invoke.Host) (invoke.Result, error) {
	cold := false
	if p, ok := rt.(invoke.Preparer); ok {
		var err error
		if cold, err = p.Prepare(ctx, code, inv.Limits); err != nil {
			return invoke.Result{ExitCode: -1, Cold: cold}, err
		}
	}
	rctx, cancel := context.WithTimeoutCause(ctx, inv.Limits.Timeout+backstopMargin, errBackstop)
	defer cancel()
	res, err := rt.Run(rctx, code, inv, h)
	res.Cold = res.Cold || cold
	return res, backstopped(rctx, err)
}

// backstopped classifies the error of a run whose context the backstop
// may have ended. A run it stopped went over its time, whatever shape
// the runtime's error has (to the runtime, the backstop is the caller's
// deadline). The caller's own context ending is not a time limit: rctx
// then carries the caller's cause, not errBackstop.
func backstopped(rctx context.Context, err error) error {
	if err == nil || errors.Is(err, invoke.ErrTimeLimit) || errors.Is(err, invoke.ErrMemoryLimit) ||
		!errors.Is(context.Cause(rctx), errBackstop) {
		return err
	}
	return fmt.Errorf("%w: stopped by the agent %v after the limit: %w", invoke.ErrTimeLimit, backstopMargin, err)
}
