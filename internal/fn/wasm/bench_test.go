package wasm

import (
	"context"
	"testing"

	"github.com/strata-storage/strata/internal/fn/invoke"
)

func benchRun(b *testing.B, r *Runtime, code invoke.Code) {
	b.Helper()
	inv := invocation("trivial", []byte("{}"), invoke.Limits{})
	if _, err := r.Run(context.Background(), code, inv, newFakeHost()); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkWarmStart is one invocation of a compiled module: a fresh
// instance, WASI start-up, Go runtime init, one log line.
func BenchmarkWarmStart(b *testing.B) {
	code := guest(b, trivialPkg)
	r := newRuntime(b, Options{})
	benchRun(b, r, code) // compile outside the loop
	for b.Loop() {
		benchRun(b, r, code)
	}
}

// BenchmarkColdStart compiles the module every time: a new runtime with
// no disk cache, as on a node that has never seen the function.
func BenchmarkColdStart(b *testing.B) {
	code := guest(b, trivialPkg)
	ctx := context.Background()
	for b.Loop() {
		r, err := New(ctx, Options{})
		if err != nil {
			b.Fatal(err)
		}
		benchRun(b, r, code)
		r.Close(ctx)
	}
}

// BenchmarkColdStartDiskCache is a new runtime whose disk cache already
// holds the module, as after an agent restart.
func BenchmarkColdStartDiskCache(b *testing.B) {
	code := guest(b, trivialPkg)
	ctx := context.Background()
	dir := b.TempDir()
	warm, err := New(ctx, Options{CacheDir: dir})
	if err != nil {
		b.Fatal(err)
	}
	benchRun(b, warm, code)
	warm.Close(ctx)
	for b.Loop() {
		r, err := New(ctx, Options{CacheDir: dir})
		if err != nil {
			b.Fatal(err)
		}
		benchRun(b, r, code)
		r.Close(ctx)
	}
}
