package wasm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/strata-storage/strata/internal/fn/invoke"
	"github.com/strata-storage/strata/internal/strata"
)

// buildDir holds the guest modules built for this test binary.
var buildDir string

func TestMain(m *testing.M) {
	d, err := os.MkdirTemp("", "wasmtest")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	buildDir = d
	code := m.Run()
	os.RemoveAll(d)
	os.Exit(code)
}

var (
	buildMu sync.Mutex
	built   = map[string]invoke.Code{}
)

// guest builds the package at pkg (relative to the module root) for
// wasip1 once per test binary and returns it as invoke.Code.
func guest(tb testing.TB, pkg string) invoke.Code {
	tb.Helper()
	buildMu.Lock()
	defer buildMu.Unlock()
	if c, ok := built[pkg]; ok {
		return c
	}
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		tb.Skipf("no go tool to build guests: %v", err)
	}
	root := moduleRoot(tb)
	out := filepath.Join(buildDir, strings.ReplaceAll(pkg, "/", "_")+".wasm")
	cmd := exec.Command(goTool, "build", "-o", out, "./"+pkg)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("build %s: %v\n%s", pkg, err, b)
	}
	mod, err := os.ReadFile(out)
	if err != nil {
		tb.Fatal(err)
	}
	sum := sha256.Sum256(mod)
	c := invoke.Code{Digest: hex.EncodeToString(sum[:]), Module: mod}
	built[pkg] = c
	return c
}

func moduleRoot(tb testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("go.mod not found")
		}
		dir = parent
	}
}

// fakeHost is an in-memory object store that records the log.
type fakeHost struct {
	mu       sync.Mutex
	objs     map[string]fakeObject // bucket + "/" + key
	lines    []string
	readOnly bool // writes fail with a permission error
}

type fakeObject struct {
	data  []byte
	ctype string
}

func newFakeHost() *fakeHost { return &fakeHost{objs: map[string]fakeObject{}} }

func (h *fakeHost) put(bucket, key string, data []byte, ctype string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.objs[bucket+"/"+key] = fakeObject{data, ctype}
}

func (h *fakeHost) get(bucket, key string) (fakeObject, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	o, ok := h.objs[bucket+"/"+key]
	return o, ok
}

func (h *fakeHost) ReadObject(ctx context.Context, bucket, key string) (io.ReadCloser, error) {
	o, ok := h.get(bucket, key)
	if !ok {
		return nil, fmt.Errorf("fake %s/%s: %w", bucket, key, fs.ErrNotExist)
	}
	// NopCloser hides the size, as a network stream would.
	return io.NopCloser(bytes.NewReader(o.data)), nil
}

func (h *fakeHost) WriteObject(ctx context.Context, bucket, key string, body io.Reader, size int64, ctype string) error {
	if h.readOnly {
		return strata.Errorf("fake.Write", strata.Permission, "bucket %s is not granted", bucket)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	if size >= 0 && int64(len(b)) != size {
		return fmt.Errorf("size %d, got %d bytes", size, len(b))
	}
	h.put(bucket, key, b, ctype)
	return nil
}

func (h *fakeHost) Log(line string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.lines = append(h.lines, line)
}

func (h *fakeHost) log() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return strings.Join(h.lines, "\n")
}

// s3Event renders one ObjectCreated record the way the agent does.
func s3Event(bucket, key string, size int64, ctype string) []byte {
	type m = map[string]any
	b, _ := json.Marshal(m{"Records": []m{{
		"eventVersion": "2.1",
		"eventSource":  "strata:s3",
		"eventTime":    "2026-01-02T03:04:05.000Z",
		"eventName":    "ObjectCreated:Put",
		"s3": m{
			"bucket": m{"name": bucket},
			"object": m{"key": strings.ReplaceAll(url.QueryEscape(key), "%2F", "/"), "size": size,
				"eTag": "etag-1", "sequencer": "0000000000000001", "contentType": ctype},
		},
		"strata": m{"eventId": "ev-1", "seq": 1},
	}}})
	return b
}

func newRuntime(tb testing.TB, o Options) *Runtime {
	tb.Helper()
	r, err := New(context.Background(), o)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { r.Close(context.Background()) })
	return r
}
