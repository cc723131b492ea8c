package wasm

import (
	"context"
	"errors"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/fn/invoke"
)

// badImport is a module that compiles but cannot be instantiated: it
// imports strata.nope, which the host module does not have.
var badImport = []byte("\x00asm\x01\x00\x00\x00" +
	"\x01\x04\x01\x60\x00\x00" + // type section: func () -> ()
	"\x02\x0f\x01\x06strata\x04nope\x00\x00") // import section: strata.nope, func type 0

// blockingHost blocks every read until the invocation's context ends,
// then runs then (if set) and fails with the context's error: the time
// limit fires while the guest waits in a host call.
type blockingHost struct {
	*fakeHost
	entered chan struct{}
	once    sync.Once
	then    func()
}

func (h *blockingHost) ReadObject(ctx context.Context, bucket, key string) (io.ReadCloser, error) {
	h.once.Do(func() { close(h.entered) })
	<-ctx.Done()
	if h.then != nil {
		h.then()
	}
	return nil, ctx.Err()
}

// prepare compiles code before a test's run, so that no clock of the
// test covers compilation (tens of seconds under the race detector).
func prepare(t *testing.T, r *Runtime, code invoke.Code, lim invoke.Limits) {
	t.Helper()
	if _, err := r.Prepare(context.Background(), code, lim); err != nil {
		t.Fatal(err)
	}
}

// TestTimeLimitWherever: a function's own time limit is a time limit
// wherever it fires. The assertions are on the outcome only, never on
// how long anything took.
func TestTimeLimitWherever(t *testing.T) {
	r := newRuntime(t, Options{})
	ctx := context.Background()
	lim := invoke.Limits{Timeout: 200 * time.Millisecond}

	t.Run("instantiation", func(t *testing.T) {
		// Over before the instance exists: the instantiation error (or,
		// for a module that links, the first call) is seen with the
		// limit passed.
		tiny := invoke.Limits{Timeout: time.Nanosecond}
		bad := invoke.Code{Module: badImport}
		if _, err := r.Run(ctx, bad, invocation("bad", nil, invoke.Limits{}), newFakeHost()); !errors.Is(err, ErrInvalidModule) {
			t.Fatalf("bad import, no limit hit: err %v, want ErrInvalidModule", err)
		}
		if _, err := r.Run(ctx, bad, invocation("bad", nil, tiny), newFakeHost()); !errors.Is(err, invoke.ErrTimeLimit) {
			t.Errorf("bad import, limit passed: err %v, want ErrTimeLimit", err)
		}
		for _, name := range []string{"loop", "sleep"} {
			code := guest(t, testdataPkg+name)
			prepare(t, r, code, tiny)
			if _, err := r.Run(ctx, code, invocation(name, nil, tiny), newFakeHost()); !errors.Is(err, invoke.ErrTimeLimit) {
				t.Errorf("%s: err %v, want ErrTimeLimit", name, err)
			}
		}
	})

	t.Run("guest", func(t *testing.T) {
		code := guest(t, testdataPkg+"loop")
		prepare(t, r, code, lim)
		if _, err := r.Run(ctx, code, invocation("loop", nil, lim), newFakeHost()); !errors.Is(err, invoke.ErrTimeLimit) {
			t.Errorf("err %v, want ErrTimeLimit", err)
		}
	})

	// The guest must reach its host call before the limit ends it, and
	// how long that takes depends on the machine (the race detector, the
	// load). Each try must be a timeout; limits grow until one try was
	// stopped inside the host call.
	hostCall := func(t *testing.T, cancelAfter bool) {
		code := guest(t, indexerPkg)
		for _, d := range []time.Duration{200 * time.Millisecond, time.Second, 5 * time.Second, 30 * time.Second, 2 * time.Minute} {
			lim := invoke.Limits{Timeout: d}
			prepare(t, r, code, lim)
			cctx, cancel := context.WithCancel(ctx)
			h := &blockingHost{fakeHost: newFakeHost(), entered: make(chan struct{})}
			if cancelAfter {
				// The caller's context ends after the limit fired and
				// before the run returns: the limit was the cause.
				h.then = cancel
			}
			_, err := r.Run(cctx, code, invocation("indexer", s3Event("docs", "data/x", 1, ""), lim), h)
			cancel()
			if !errors.Is(err, invoke.ErrTimeLimit) {
				t.Fatalf("limit %v: err %v, want ErrTimeLimit", d, err)
			}
			select {
			case <-h.entered:
				return
			default:
				t.Logf("limit %v ended the guest before its host call; trying a longer one", d)
			}
		}
		t.Fatal("the guest never reached its host call")
	}
	t.Run("host call", func(t *testing.T) { hostCall(t, false) })
	t.Run("limit, then caller cancels", func(t *testing.T) { hostCall(t, true) })

	t.Run("caller cancels", func(t *testing.T) {
		// Not the function's limit: the caller gave up first.
		code := guest(t, indexerPkg)
		long := invoke.Limits{Timeout: time.Hour}
		prepare(t, r, code, long)
		cctx, cancel := context.WithCancel(ctx)
		h := &blockingHost{fakeHost: newFakeHost(), entered: make(chan struct{})}
		go func() { <-h.entered; cancel() }()
		_, err := r.Run(cctx, code, invocation("indexer", s3Event("docs", "data/x", 1, ""), long), h)
		if !errors.Is(err, context.Canceled) || errors.Is(err, invoke.ErrTimeLimit) {
			t.Errorf("err %v, want context.Canceled", err)
		}
	})
}

// TestPrepare: Prepare compiles once, and a run after it is warm.
func TestPrepare(t *testing.T) {
	r := newRuntime(t, Options{})
	code := guest(t, trivialPkg)
	for i, want := range []bool{true, false} {
		if cold, err := r.Prepare(context.Background(), code, invoke.Limits{}); err != nil || cold != want {
			t.Fatalf("prepare %d: cold %v, err %v; want cold %v", i, cold, err, want)
		}
	}
	res, err := r.Run(context.Background(), code, invocation("trivial", []byte("x"), invoke.Limits{}), newFakeHost())
	if err != nil || res.Cold {
		t.Fatalf("run after prepare: cold %v, err %v", res.Cold, err)
	}
	if _, err := r.Prepare(context.Background(), invoke.Code{Module: []byte("nope")}, invoke.Limits{}); !errors.Is(err, ErrInvalidModule) {
		t.Fatalf("prepare garbage: %v", err)
	}
}
