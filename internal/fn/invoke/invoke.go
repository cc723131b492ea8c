package invoke

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/strata-storage/strata/internal/event"
)

// Limits bound one invocation. Runtimes always enforce them; zero values
// are replaced by the defaults below before a runtime sees them.
type Limits struct {
	MemoryMiB int           // linear memory (wasm) or address space (native)
	Timeout   time.Duration // wall clock
	LogBytes  int           // log kept per invocation; the rest is dropped with a marker
	OutputMiB int           // largest object a function may write
}

// Defaults for Limits fields left zero.
const (
	DefaultMemoryMiB = 128
	DefaultTimeout   = 30 * time.Second
	DefaultLogBytes  = 16 << 10
	DefaultOutputMiB = 256
)

// WithDefaults returns l with zero fields set to the defaults.
func (l Limits) WithDefaults() Limits {
	if l.MemoryMiB <= 0 {
		l.MemoryMiB = DefaultMemoryMiB
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	if l.LogBytes <= 0 {
		l.LogBytes = DefaultLogBytes
	}
	if l.OutputMiB <= 0 {
		l.OutputMiB = DefaultOutputMiB
	}
	return l
}

// Invocation is one run of a function on one event.
type Invocation struct {
	ID       string      // invocation id
	Function string      // function name
	Event    event.Event // the triggering event (Name "Invoke" for HTTP calls, "Schedule" for cron)
	// Payload is what the function receives as its input: the event in
	// S3 event JSON for storage events, or the caller's body.
	Payload []byte
	Env     map[string]string // manifest environment
	Limits  Limits
}

// Host is what a function may do outside its sandbox. The agent scopes
// it to what the manifest grants: reads and writes outside the granted
// buckets fail with strata.Permission.
type Host interface {
	// ReadObject opens an object; the caller closes it.
	ReadObject(ctx context.Context, bucket, key string) (io.ReadCloser, error)
	// WriteObject stores an object; size may be -1 if unknown.
	WriteObject(ctx context.Context, bucket, key string, body io.Reader, size int64, contentType string) error
	// Log records one line of the function's log.
	Log(line string)
}

// Result is the outcome of a run that started.
type Result struct {
	ExitCode int
	Duration time.Duration
	Cold     bool   // the code had to be compiled (wasm) for this run
	Output   []byte // what the function wrote to stdout, capped at Limits.LogBytes (also logged)
}

// Errors a runtime returns (wrapped) when a limit stops a function.
var (
	ErrTimeLimit   = errors.New("time limit exceeded")
	ErrMemoryLimit = errors.New("memory limit exceeded")
	ErrFailed      = errors.New("function failed") // non-zero exit or trap
)

// Runtime runs code of one kind.
type Runtime interface {
	// Run runs inv with code (a wasm module, or a native spec in JSON)
	// and host. It returns ErrTimeLimit, ErrMemoryLimit or ErrFailed
	// (wrapped, with detail) when the function did not succeed.
	Run(ctx context.Context, code Code, inv Invocation, host Host) (Result, error)
}

// Code is what a function runs.
type Code struct {
	Digest string // hex SHA-256 of Module (the compile cache key)
	Module []byte // wasm binary
	Native *NativeSpec
}

// NativeSpec describes a native program run as a sandboxed process.
type NativeSpec struct {
	// Command is the program and its arguments; {bucket} and {key} are
	// replaced by the event's.
	Command []string `json:"command"`
	// Input "object" (default) streams the triggering object to stdin;
	// "event" sends the payload; "none" sends nothing.
	Input string `json:"input,omitempty"`
	// Output, if set, is the key template ({key}, {base}, {dir}) under
	// which stdout is stored in the event's bucket.
	Output      string `json:"output,omitempty"`
	ContentType string `json:"content_type,omitempty"`
}

// Preparer is a Runtime that can get code ready to run (compile it)
// ahead of Run. Preparation is the node's work, not the function's:
// callers do it before they start any clock of their own on the run, so
// a slow compilation is never charged to the function's time limit.
type Preparer interface {
	// Prepare readies code for runs with lim and reports whether it had
	// to do (or wait for) the work. Errors are classified as Run's are.
	Prepare(ctx context.Context, code Code, lim Limits) (cold bool, err error)
}
