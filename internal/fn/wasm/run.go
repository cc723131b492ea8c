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
	tctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()

	sink := &logSink{host: host, left: lim.LogBytes}
	stdout := &lineWriter{sink: sink, maxLine: lim.LogBytes, keep: &capBuffer{max: lim.LogBytes}}
	stderr := &lineWriter{sink: sink, maxLine: lim.LogBytes}
	in := &instance{host: host, limits: lim, sink: sink, handles: make(map[int32]*handle)}
	defer in.closeAll()

	mod, err := rt.InstantiateModule(tctx, cm, guestConfig(tctx, inv, stdout, stderr))
	if err != nil {
		if ctx.Err() != nil {
			return -1, nil, fmt.Errorf("wasm: %s: %w", inv.Function, ctx.Err())
		}
		if r.isClosed() {
			return -1, nil, ErrClosed
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
	switch {
	case isExit && exit.ExitCode() == 0:
		return 0, out, nil
	case isExit && exit.ExitCode() == closeExit && r.isClosed():
		return -1, out, fmt.Errorf("wasm: %s: %w", inv.Function, ErrClosed)
	case ctx.Err() != nil:
		return -1, out, fmt.Errorf("wasm: %s: %w", inv.Function, ctx.Err())
	case errors.Is(tctx.Err(), context.DeadlineExceeded):
		return -1, out, fmt.Errorf("%w: %s ran for more than %v", invoke.ErrTimeLimit, inv.Function, lim.Timeout)
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
