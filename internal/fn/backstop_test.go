package fn

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"
	"testing/synctest"
	"time"

	"github.com/strata-storage/strata/internal/fn/invoke"
)

// stuckRuntime ignores the limit it was given: a run lasts until its
// context ends (or for runFor, if set) and then fails with the context's
// error, as a runtime does when its caller's context ends it.
type stuckRuntime struct {
	prepare  time.Duration // how long Prepare takes (wrapped in preparingRuntime)
	runFor   time.Duration // 0: until the context ends
	deadline time.Duration // the run context's time left when Run started
}

func (s *stuckRuntime) Run(ctx context.Context, _ invoke.Code, _ invoke.Invocation, _ invoke.Host) (invoke.Result, error) {
	if d, ok := ctx.Deadline(); ok {
		s.deadline = time.Until(d)
	}
	var after <-chan time.Time
	if s.runFor > 0 {
		after = time.After(s.runFor)
	}
	select {
	case <-ctx.Done():
		return invoke.Result{ExitCode: -1}, fmt.Errorf("stuck: %w", ctx.Err())
	case <-after:
		return invoke.Result{}, nil
	}
}

type preparingRuntime struct{ *stuckRuntime }

func (p preparingRuntime) Prepare(ctx context.Context, _ invoke.Code, _ invoke.Limits) (bool, error) {
	time.Sleep(p.prepare)
	return true, nil
}

type nopHost struct{}

func (nopHost) ReadObject(context.Context, string, string) (io.ReadCloser, error) { return nil, nil }
func (nopHost) WriteObject(context.Context, string, string, io.Reader, int64, string) error {
	return nil
}
func (nopHost) Log(string) {}

// TestBackstop: a run the agent's backstop stops is a timeout whatever
// error the runtime gives; the caller's context ending is not; the code's
// preparation is not charged to the run. Time is synctest's, so nothing
// depends on the machine's speed.
func TestBackstop(t *testing.T) {
	const limit = time.Second
	inv := invoke.Invocation{Function: "f", Limits: invoke.Limits{Timeout: limit}.WithDefaults()}
	run := func(ctx context.Context, rt invoke.Runtime) (invoke.Result, error) {
		return runBounded(ctx, rt, invoke.Code{}, inv, nopHost{})
	}

	t.Run("runtime ignores its limit", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			_, err := run(t.Context(), &stuckRuntime{})
			if !errors.Is(err, invoke.ErrTimeLimit) || result(err) != ResultTimeout {
				t.Fatalf("err %v, result %s; want %s", err, result(err), ResultTimeout)
			}
		})
	})

	t.Run("slow preparation", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			// Preparing takes far longer than limit and margin together;
			// the run then gets its whole time and succeeds.
			rt := &stuckRuntime{prepare: time.Minute, runFor: limit / 2}
			res, err := run(t.Context(), preparingRuntime{rt})
			if err != nil || !res.Cold {
				t.Fatalf("err %v, cold %v", err, res.Cold)
			}
			if rt.deadline != limit+backstopMargin {
				t.Fatalf("run had %v left, want %v", rt.deadline, limit+backstopMargin)
			}
		})
	})

	t.Run("caller cancels", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			time.AfterFunc(limit/2, cancel)
			_, err := run(ctx, &stuckRuntime{})
			if !errors.Is(err, context.Canceled) || result(err) != ResultFailed {
				t.Fatalf("err %v, result %s; want canceled, %s", err, result(err), ResultFailed)
			}
		})
	})

	t.Run("caller deadline", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), limit/2)
			defer cancel()
			_, err := run(ctx, &stuckRuntime{})
			if errors.Is(err, invoke.ErrTimeLimit) || !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("err %v; the caller's deadline is not the function's limit", err)
			}
		})
	})

	t.Run("runtime's own verdict kept", func(t *testing.T) {
		err := fmt.Errorf("%w: 32 MiB", invoke.ErrMemoryLimit)
		ctx, cancel := context.WithTimeoutCause(context.Background(), 0, errBackstop)
		defer cancel()
		if got := backstopped(ctx, err); got != err {
			t.Fatalf("got %v, want %v", got, err)
		}
	})
}
