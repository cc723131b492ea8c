package wasm

import (
	"bytes"
	"strings"
	"sync"

	"github.com/strata-storage/strata/internal/fn/invoke"
)

const truncMark = "…[truncated]"

// logSink forwards the function's log lines to the host, within the
// invocation's log budget (Limits.LogBytes).
type logSink struct {
	mu        sync.Mutex
	host      invoke.Host
	left      int
	truncated bool
}

func (s *logSink) line(l string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.truncated {
		return
	}
	if len(l)+1 > s.left {
		s.truncated = true
		s.host.Log(truncMark)
		return
	}
	s.left -= len(l) + 1
	s.host.Log(l)
}

// lineWriter splits a guest stream (stdout or stderr) into lines for the
// sink. keep, if set, collects a capped copy of the stream; tail keeps
// its last bytes for error messages.
type lineWriter struct {
	sink    *logSink
	maxLine int
	partial []byte
	keep    *capBuffer
	tail    []byte
	oom     bool   // a line said the guest ran out of memory
	fatal   string // the first panic or fatal error line
}

const tailBytes = 512

func (w *lineWriter) Write(p []byte) (int, error) {
	if w.keep != nil {
		w.keep.Write(p)
	}
	w.tail = append(w.tail, p...)
	if len(w.tail) > 2*tailBytes {
		w.tail = append(w.tail[:0], w.tail[len(w.tail)-tailBytes:]...)
	}
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			w.partial = append(w.partial, p...)
			// A line without end must not grow without bound.
			if len(w.partial) >= w.maxLine {
				w.flush()
			}
			break
		}
		w.partial = append(w.partial, p[:i]...)
		w.flush()
		p = p[i+1:]
	}
	return n, nil
}

// flush sends the pending partial line, if any.
func (w *lineWriter) flush() {
	if len(w.partial) == 0 {
		return
	}
	l := string(bytes.TrimSuffix(w.partial, []byte("\r")))
	if oomLine(l) {
		w.oom = true
	}
	if w.fatal == "" && (strings.HasPrefix(l, "panic: ") || strings.HasPrefix(l, "fatal error: ")) {
		w.fatal = l
	}
	w.sink.line(l)
	w.partial = w.partial[:0]
}

// detail returns the line that best explains a failure: the first
// panic or fatal error, else the last non-empty line written.
func (w *lineWriter) detail() string {
	t := w.fatal
	if t == "" {
		t = strings.TrimSpace(string(w.tail))
		if i := strings.LastIndexByte(t, '\n'); i >= 0 {
			t = t[i+1:]
		}
	}
	if len(t) > 200 {
		t = strings.ToValidUTF8(t[:200], "") + "…"
	}
	return t
}

// capBuffer keeps the first max bytes written to it.
type capBuffer struct {
	max       int
	buf       []byte
	truncated bool
}

func (b *capBuffer) Write(p []byte) {
	if room := b.max - len(b.buf); len(p) > room {
		p = p[:max(room, 0)]
		b.truncated = true
	}
	b.buf = append(b.buf, p...)
}

func (b *capBuffer) Bytes() []byte {
	if b.truncated {
		return append(b.buf, truncMark...)
	}
	return b.buf
}

// oomLine reports whether a line is a runtime's last words when memory
// cannot grow: Go's "fatal error: out of memory" (or "runtime: out of
// memory: ..."), Rust's "memory allocation of N bytes failed".
func oomLine(l string) bool {
	return strings.Contains(l, "out of memory") ||
		strings.HasPrefix(l, "memory allocation of ") && strings.HasSuffix(l, " failed")
}
