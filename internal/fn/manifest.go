package fn

import (
	"encoding/json"
	"fmt"
	"maps"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/fn/invoke"
	"github.com/strata-storage/strata/internal/strata"
)

// Runtimes.
const (
	RuntimeWasm   = "wasm"
	RuntimeNative = "native"
)

// Manifest describes a function.
type Manifest struct {
	Name    string             `json:"name"`
	Runtime string             `json:"runtime"`          // wasm (default) or native
	Module  string             `json:"module,omitempty"` // wasm file, relative to the manifest (deploy only)
	Native  *invoke.NativeSpec `json:"native,omitempty"`
	// Triggers select the storage events the function runs on.
	Triggers []Trigger `json:"triggers,omitempty"`
	// Schedule is a cron expression (5 fields, or @every 1m, @hourly...).
	Schedule string `json:"schedule,omitempty"`
	Limits   Limits `json:"limits"`
	// Retries is how many times a failed invocation is tried again before
	// it is dead-lettered (default 2).
	Retries *int `json:"retries,omitempty"`
	// Concurrency is how many invocations may run at once cluster-wide;
	// events of one key always run in order (default 4, at most 64).
	Concurrency int               `json:"concurrency,omitempty"`
	Tags        map[string]string `json:"tags,omitempty"` // agents must have all of them
	Grants      Grants            `json:"grants"`
	Env         map[string]string `json:"env,omitempty"`

	// Set at deploy.
	Digest   string    `json:"digest,omitempty"` // SHA-256 of the module
	Owner    string    `json:"owner,omitempty"`
	Deployed time.Time `json:"deployed,omitempty"`
}

// Limits bound each invocation.
type Limits struct {
	MemoryMiB int      `json:"memory_mib,omitempty"`
	Timeout   Duration `json:"timeout,omitempty"`
	LogBytes  int      `json:"log_bytes,omitempty"`
	OutputMiB int      `json:"output_mib,omitempty"`
}

// Grants scope what a function may read and write, by bucket ("*" = any
// bucket of the function's owner). The triggering bucket is always
// readable.
type Grants struct {
	Read  []string `json:"read,omitempty"`
	Write []string `json:"write,omitempty"`
}

// Trigger matches storage events.
type Trigger struct {
	Events   []string          `json:"events"` // e.g. s3:ObjectCreated:*
	Bucket   string            `json:"bucket"` // "*" = any
	Prefix   string            `json:"prefix,omitempty"`
	Suffix   string            `json:"suffix,omitempty"`
	Metadata map[string]string `json:"metadata,omitempty"` // user metadata that must match
	Tags     map[string]string `json:"tags,omitempty"`     // object tags that must match
}

// Duration is a time.Duration written as "30s" in JSON.
type Duration time.Duration

func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var n float64
		if json.Unmarshal(b, &n) != nil {
			return fmt.Errorf("duration: want \"30s\" or seconds")
		}
		*d = Duration(time.Duration(n * float64(time.Second)))
		return nil
	}
	v, err := time.ParseDuration(s)
	*d = Duration(v)
	return err
}

// Limits ceilings: a manifest cannot ask for more.
const (
	MaxMemoryMiB   = 4096
	MaxTimeout     = 15 * time.Minute
	MaxConcurrency = 64
	MaxRetries     = 20
)

// Validate checks a manifest, filling defaults.
func (m *Manifest) Validate() error {
	const op = "fn.Manifest"
	bad := func(f string, a ...any) error { return strata.Errorf(op, strata.Invalid, f, a...) }
	if !validName(m.Name) {
		return bad("function name %q: use 1-64 letters, digits, - or _", m.Name)
	}
	if m.Runtime == "" {
		m.Runtime = RuntimeWasm
	}
	switch m.Runtime {
	case RuntimeWasm:
		if m.Native != nil {
			return bad("a wasm function has no native section")
		}
	case RuntimeNative:
		if m.Native == nil || len(m.Native.Command) == 0 {
			return bad("a native function needs native.command")
		}
		switch m.Native.Input {
		case "", "object", "event", "none":
		default:
			return bad("native.input %q: want object, event or none", m.Native.Input)
		}
	default:
		return bad("runtime %q: want wasm or native", m.Runtime)
	}
	for i, t := range m.Triggers {
		if len(t.Events) == 0 || t.Bucket == "" {
			return bad("trigger %d needs events and a bucket", i+1)
		}
		for _, e := range t.Events {
			if !event.ValidName(e) {
				return bad("trigger %d: unknown event %q (e.g. s3:ObjectCreated:*)", i+1, e)
			}
		}
	}
	if m.Schedule != "" {
		if _, err := cron.ParseStandard(m.Schedule); err != nil {
			return bad("schedule %q: %v", m.Schedule, err)
		}
	}
	l := &m.Limits
	if l.MemoryMiB < 0 || l.MemoryMiB > MaxMemoryMiB {
		return bad("limits.memory_mib must be 1..%d", MaxMemoryMiB)
	}
	if l.Timeout < 0 || time.Duration(l.Timeout) > MaxTimeout {
		return bad("limits.timeout must be at most %v", MaxTimeout)
	}
	if m.Retries != nil && (*m.Retries < 0 || *m.Retries > MaxRetries) {
		return bad("retries must be 0..%d", MaxRetries)
	}
	if m.Concurrency < 0 || m.Concurrency > MaxConcurrency {
		return bad("concurrency must be 0..%d", MaxConcurrency)
	}
	return nil
}

// limits returns the invocation limits with defaults.
func (m *Manifest) limits() invoke.Limits {
	return invoke.Limits{MemoryMiB: m.Limits.MemoryMiB, Timeout: time.Duration(m.Limits.Timeout),
		LogBytes: m.Limits.LogBytes, OutputMiB: m.Limits.OutputMiB}.WithDefaults()
}

// attempts is how many times a delivery is tried.
func (m *Manifest) attempts() int {
	if m.Retries == nil {
		return 3
	}
	return 1 + *m.Retries
}

// Lanes is the function's concurrency: its number of delivery lanes.
func (m *Manifest) Lanes() int {
	if m.Concurrency <= 0 {
		return 4
	}
	return m.Concurrency
}

// matches reports whether a trigger selects ev.
func (t *Trigger) matches(ev *event.Event) bool {
	if t.Bucket != "*" && t.Bucket != ev.Bucket {
		return false
	}
	named := false
	for _, p := range t.Events {
		if event.MatchName(p, ev.Name) {
			named = true
			break
		}
	}
	if !named || !(event.KeyFilter{Prefix: t.Prefix, Suffix: t.Suffix}).Match(ev.Key) {
		return false
	}
	for k, v := range t.Metadata {
		if ev.UserMeta[k] != v {
			return false
		}
	}
	for k, v := range t.Tags {
		if ev.Tags[k] != v {
			return false
		}
	}
	return true
}

func (m *Manifest) clone() *Manifest {
	c := *m
	c.Tags, c.Env = maps.Clone(m.Tags), maps.Clone(m.Env)
	return &c
}
