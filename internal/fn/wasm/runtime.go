package wasm

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"github.com/strata-storage/strata/internal/fn/invoke"
)

// Options configure a Runtime.
type Options struct {
	// CacheDir, if set, keeps compiled code on disk so that it survives
	// restarts. It is safe to share between processes.
	CacheDir string
	Logger   *slog.Logger
}

// ErrInvalidModule is returned (wrapped, together with invoke.ErrFailed)
// for code that is not a runnable WASI module.
var ErrInvalidModule = errors.New("wasm: invalid module")

// ErrClosed is returned by runs on, or stopped by, a closed Runtime.
var ErrClosed = errors.New("wasm: runtime closed")

// closeExit is the exit code that Close gives to running instances.
const closeExit = 0xdeadc105

// Runtime runs WebAssembly functions. It is safe for concurrent use.
type Runtime struct {
	log   *slog.Logger
	cache wazero.CompilationCache
	mods  *modCache

	mu     sync.Mutex
	closed bool
	rts    map[uint32]wazero.Runtime // by memory limit in pages
	// busy counts runs in progress: the engine (in the cache) must
	// outlive them, or wazero panics in a compilation.
	busy sync.WaitGroup
}

var _ invoke.Runtime = (*Runtime)(nil)

// New returns a Runtime; Close it to release compiled code.
func New(ctx context.Context, o Options) (*Runtime, error) {
	log := o.Logger
	if log == nil {
		log = slog.Default()
	}
	cache := wazero.NewCompilationCache()
	if o.CacheDir != "" {
		var err error
		if cache, err = wazero.NewCompilationCacheWithDir(o.CacheDir); err != nil {
			return nil, fmt.Errorf("wasm: compilation cache %s: %w", o.CacheDir, err)
		}
	}
	return &Runtime{
		log:   log.With("runtime", "wasm"),
		cache: cache,
		mods:  newModCache(),
		rts:   make(map[uint32]wazero.Runtime),
	}, nil
}

// Close stops runs in progress, waits for them to return (or for ctx),
// and releases all compiled code.
func (r *Runtime) Close(ctx context.Context) error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	rts := r.rts
	r.rts = nil
	r.mu.Unlock()

	var errs []error
	for _, rt := range rts {
		// Not Close: its exit code 0 would pass a stopped run as a success.
		errs = append(errs, rt.CloseWithExitCode(ctx, closeExit))
	}
	done := make(chan error, 1)
	go func() {
		r.busy.Wait()
		bg := context.WithoutCancel(ctx)
		r.mods.closeAll(bg)
		done <- r.cache.Close(bg)
	}()
	select {
	case err := <-done:
		errs = append(errs, err)
	case <-ctx.Done():
		errs = append(errs, fmt.Errorf("wasm: close: %w", ctx.Err())) // the rest is released when runs end
	}
	return errors.Join(errs...)
}

func (r *Runtime) isClosed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.closed
}

// runtimeFor returns the wazero runtime for a memory limit. The limit is
// runtime-wide in wazero, so each distinct limit gets its own runtime;
// all share the compilation cache. On success the caller is counted in
// r.busy and must call r.busy.Done.
func (r *Runtime) runtimeFor(ctx context.Context, pages uint32) (wazero.Runtime, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, ErrClosed
	}
	if rt, ok := r.rts[pages]; ok {
		r.busy.Add(1)
		return rt, nil
	}
	cfg := wazero.NewRuntimeConfig().
		WithCompilationCache(r.cache).
		WithMemoryLimitPages(pages).
		WithCloseOnContextDone(true)
	rt := wazero.NewRuntimeWithConfig(ctx, cfg)
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		rt.Close(ctx)
		return nil, fmt.Errorf("wasm: wasi: %w", err)
	}
	if err := instantiateHost(ctx, rt); err != nil {
		rt.Close(ctx)
		return nil, fmt.Errorf("wasm: host module: %w", err)
	}
	r.rts[pages] = rt
	r.busy.Add(1)
	return rt, nil
}

var wasmMagic = []byte("\x00asm")

func checkMagic(code invoke.Code) error {
	if !bytes.HasPrefix(code.Module, wasmMagic) {
		return fmt.Errorf("%w: %w: code is not a WebAssembly binary (no \\0asm header)", invoke.ErrFailed, ErrInvalidModule)
	}
	return nil
}

// Run runs one invocation in a fresh instance of code.Module.
func (r *Runtime) Run(ctx context.Context, code invoke.Code, inv invoke.Invocation, host invoke.Host) (invoke.Result, error) {
	start := time.Now()
	lim := inv.Limits.WithDefaults()
	res := invoke.Result{ExitCode: -1}
	if err := checkMagic(code); err != nil {
		return res, err
	}
	rt, mod, cold, err := r.prepared(ctx, code, lim)
	res.Cold = cold
	if err != nil {
		return res, err
	}
	defer r.busy.Done()
	defer r.mods.release(ctx, mod)

	code2, out, err := r.instantiate(ctx, rt, mod.mod, inv, lim, host)
	res.ExitCode, res.Output = code2, out
	res.Duration = time.Since(start)
	return res, err
}

var _ invoke.Preparer = (*Runtime)(nil)

// Prepare compiles code for runs with lim (a no-op if it is cached), so
// that the caller can keep compilation out of its own clock on the run.
func (r *Runtime) Prepare(ctx context.Context, code invoke.Code, lim invoke.Limits) (bool, error) {
	if err := checkMagic(code); err != nil {
		return false, err
	}
	_, mod, cold, err := r.prepared(ctx, code, lim.WithDefaults())
	if err != nil {
		return cold, err
	}
	r.mods.release(ctx, mod)
	r.busy.Done()
	return cold, nil
}

// prepared returns the wazero runtime for lim and code compiled in it,
// and whether it had to be compiled (or waited for). On success the
// caller must release mod and call r.busy.Done.
func (r *Runtime) prepared(ctx context.Context, code invoke.Code, lim invoke.Limits) (wazero.Runtime, *compiled, bool, error) {
	digest := code.Digest
	if digest == "" {
		sum := sha256.Sum256(code.Module)
		digest = hex.EncodeToString(sum[:])
	}
	pages := uint32(min(lim.MemoryMiB*16, 65536)) // 64 KiB pages; wasm32 tops out at 4 GiB

	rt, err := r.runtimeFor(ctx, pages)
	if err != nil {
		return nil, nil, false, err
	}
	mod, cold, err := r.mods.get(ctx, modKey{pages, digest}, func() (wazero.CompiledModule, error) {
		t := time.Now()
		m, err := rt.CompileModule(ctx, code.Module)
		if err == nil {
			r.log.Debug("compiled", "digest", digest, "pages", pages, "took", time.Since(t))
		}
		return m, err
	})
	if err == nil {
		return rt, mod, cold, nil
	}
	r.busy.Done()
	switch {
	case ctx.Err() != nil:
		return nil, nil, cold, fmt.Errorf("wasm: %w", ctx.Err())
	case r.isClosed():
		return nil, nil, cold, ErrClosed
	}
	return nil, nil, cold, compileError(err, lim)
}

// compileError classifies a failed compilation.
func compileError(err error, lim invoke.Limits) error {
	// The module asks for more initial memory than the limit allows.
	if bytes.Contains([]byte(err.Error()), []byte("over limit of")) {
		return fmt.Errorf("%w: module needs more than %d MiB: %v", invoke.ErrMemoryLimit, lim.MemoryMiB, err)
	}
	return fmt.Errorf("%w: %w: %v", invoke.ErrFailed, ErrInvalidModule, err)
}

// guestConfig is the module config of one invocation: WASI with stdin,
// stdout, stderr, args, env, real clocks and randomness; no files.
func guestConfig(ctx context.Context, inv invoke.Invocation, stdout, stderr *lineWriter) wazero.ModuleConfig {
	cfg := wazero.NewModuleConfig().
		WithName("").         // anonymous, so instances of one module can run side by side
		WithStartFunctions(). // _start is called by instantiate, after linking
		WithArgs(inv.Function).
		WithStdin(bytes.NewReader(inv.Payload)).
		WithStdout(stdout).
		WithStderr(stderr).
		WithRandSource(rand.Reader).
		WithSysWalltime().
		WithSysNanotime().
		WithNanosleep(func(ns int64) { sleep(ctx, ns) })
	for _, k := range slices.Sorted(maps.Keys(inv.Env)) {
		cfg = cfg.WithEnv(k, inv.Env[k])
	}
	ev := inv.Event
	for _, kv := range [][2]string{
		{"STRATA_FUNCTION", inv.Function},
		{"STRATA_INVOCATION", inv.ID},
		{"STRATA_EVENT_ID", ev.ID},
		{"STRATA_BUCKET", ev.Bucket},
		{"STRATA_KEY", ev.Key},
	} {
		cfg = cfg.WithEnv(kv[0], kv[1])
	}
	return cfg
}

// sleep is the guest's nanosleep: unlike the default it ends when the
// invocation does, so a sleeping guest cannot outlive its time limit.
func sleep(ctx context.Context, ns int64) {
	t := time.NewTimer(time.Duration(ns))
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
