//go:build linux

package native

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/fn/invoke"
)

// TestMain makes the test binary its own sandbox shim.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == ShimCommand {
		os.Exit(ShimMain(os.Args[2:]))
	}
	os.Exit(m.Run())
}

// memHost is an in-memory invoke.Host.
type memHost struct {
	mu      sync.Mutex
	objects map[string][]byte
	types   map[string]string
	logs    []string
}

func newHost() *memHost {
	return &memHost{objects: map[string][]byte{}, types: map[string]string{}}
}

func (h *memHost) put(bucket, key string, b []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.objects[bucket+"/"+key] = b
}

func (h *memHost) get(bucket, key string) ([]byte, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	b, ok := h.objects[bucket+"/"+key]
	return b, ok
}

func (h *memHost) ReadObject(ctx context.Context, bucket, key string) (io.ReadCloser, error) {
	b, ok := h.get(bucket, key)
	if !ok {
		return nil, fmt.Errorf("%s/%s: not found", bucket, key)
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

func (h *memHost) WriteObject(ctx context.Context, bucket, key string, body io.Reader, size int64, contentType string) error {
	b, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.objects[bucket+"/"+key] = b
	h.types[bucket+"/"+key] = contentType
	return nil
}

func (h *memHost) Log(line string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.logs = append(h.logs, line)
}

func (h *memHost) logText() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return strings.Join(h.logs, "\n")
}

func newRuntime(t *testing.T, opts Options) *Runtime {
	t.Helper()
	if opts.WorkDir == "" {
		opts.WorkDir = t.TempDir()
	}
	if opts.SelfExe == "" {
		opts.SelfExe = os.Args[0]
	}
	opts.Logger = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	r, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func invocation(bucket, key string, lim invoke.Limits) invoke.Invocation {
	return invoke.Invocation{
		ID:       "inv-1",
		Function: "test",
		Event:    event.Event{ID: "ev-1", Name: event.ObjectCreatedPut, Bucket: bucket, Key: key},
		Payload:  []byte(`{"Records":[]}`),
		Limits:   lim,
	}
}

func run(t *testing.T, r *Runtime, spec invoke.NativeSpec, inv invoke.Invocation, h *memHost) (invoke.Result, error) {
	t.Helper()
	res, err := r.Run(context.Background(), invoke.Code{Native: &spec}, inv, h)
	t.Logf("exit %d in %v, err %v, output %q", res.ExitCode, res.Duration, err, res.Output)
	return res, err
}

// requireNamespaces skips (or, under CI, fails) when the kernel refuses
// the sandbox namespaces.
func requireNamespaces(t *testing.T, r *Runtime) {
	t.Helper()
	spec := invoke.NativeSpec{Command: []string{"true"}, Input: "none"}
	if _, err := run(t, r, spec, invocation("b", "k", invoke.Limits{}), newHost()); err != nil {
		t.Fatal(err)
	}
	if r.Namespaces() {
		return
	}
	msg := "namespaces unavailable here (clone with CLONE_NEWPID/NEWNET refused); isolation not tested"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

func wantErr(t *testing.T, err error, targets ...error) {
	t.Helper()
	for _, target := range targets {
		if errors.Is(err, target) {
			return
		}
	}
	t.Fatalf("err = %v, want one of %v", err, targets)
}
