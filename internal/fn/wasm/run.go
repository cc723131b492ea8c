package wasm

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/sys"

	"github.com/strata-storage/strata/internal/fn/invoke"
)

// instantiate runs one fresh instance of cm to completion and returns
// its exit code, its capped stdout and the classified error.
func (r *Runtime) instantiate(ctx context.Context, rt wazero.Runtime, cm wazero.CompiledModule,
	inv invoke.Invocation, lim invoke.Limits, host invoke.Host) (int, []byte, error) {
	// The cause tells the function's own limit apart from a deadline of
	// the caller's, which tctx inherits when it is the earlier one.
	tctx, cancel := context.WithTimeoutCause(ctx, lim.Timeout, errOwnLimit)
	defer cancel()

	sink := &logSink{host: host, left: lim.LogBytes}
	stdout := &lineWriter{sink: sink, maxLine: lim.LogBytes, keep: &capBuffer{max: lim.LogBytes}}
	stderr := &lineWriter{sink: sink, maxLine: lim.LogBytes}
	in := &instance{host: host, limits: lim, sink: sink, handles: make(map[int32]*handle)}
	defer in.closeAll()

	mod, err := rt.InstantiateModule(tctx, cm, guestConfig(tctx, inv, stdout, stderr))
	if err != nil {
		if serr := r.stopped(ctx, tctx, inv.Function, lim, err); serr != nil {
			return -1, nil, serr
		}
		return -1, nil, fmt.Errorf("%w: %w: instantiate: %v", invoke.ErrFailed, ErrInvalidModule, err)
	}
	defer mod.Close(context.WithoutCancel(ctx))
	start := mod.ExportedFunction("_start")
	if start == nil {
		return -1, nil, fmt.Errorf("%w: %w: no _start export (build a command with GOOS=wasip1)", invoke.ErrFailed, ErrInvalidModule)
	}
	_, err = start.Call(context.WithValue(tctx, instanceKey{}, in))
	stdout.flush()
	stderr.flush()
	out := stdout.keep.Bytes()
	if err == nil {
		return 0, out, nil
	}
	var exit *sys.ExitError
	isExit := errors.As(err, &exit)
	if isExit && exit.ExitCode() == 0 {
		return 0, out, nil
	}
	if serr := r.stopped(ctx, tctx, inv.Function, lim, err); serr != nil {
		return -1, out, serr
	}
	code := -1
	detail := err.Error()
	if isExit {
		code = int(exit.ExitCode())
		detail = fmt.Sprintf("exit code %d", code)
	}
	if last := stderr.detail(); last != "" {
		detail += ": " + last
	}
	if stderr.oom || strings.Contains(err.Error(), "out of memory") {
		return code, out, fmt.Errorf("%w: %s (limit %d MiB): %s", invoke.ErrMemoryLimit, inv.Function, lim.MemoryMiB, detail)
	}
	return code, out, fmt.Errorf("%w: %s: %s", invoke.ErrFailed, inv.Function, detail)
}

// errOwnLimit is the cause of an instance's context when the function's
// own time limit ends it.
var errOwnLimit = errors.New("wasm: function time limit")

// stopped returns the error of a run that failed with err because it was
// stopped: by Close, by the function's own time limit, or by the caller's
// context; nil if it was not. The limit counts wherever it fired: in
// instantiation, in a host call (the guest then fails on the error it
// got) or in the guest's code. Only the context's state is looked at,
// never the shape of err, which differs between those places.
func (r *Runtime) stopped(ctx, tctx context.Context, fn string, lim invoke.Limits, err error) error {
	var exit *sys.ExitError
	byClose := errors.As(err, &exit) && exit.ExitCode() == closeExit
	switch {
	case byClose && r.isClosed():
		return fmt.Errorf("wasm: %s: %w", fn, ErrClosed)
	case errors.Is(context.Cause(tctx), errOwnLimit):
		// Checked before ctx: the first cause sticks, so the limit had
		// fired before any later end of the caller's context.
		return fmt.Errorf("%w: %s ran for more than %v", invoke.ErrTimeLimit, fn, lim.Timeout)
	case ctx.Err() != nil:
		// The caller gave up or its own deadline passed: not the
		// function's fault, and not its limit.
		return fmt.Errorf("wasm: %s: %w", fn, ctx.Err())
	case r.isClosed():
		return fmt.Errorf("wasm: %s: %w", fn, ErrClosed)
	}
	return nil
}
