//go:build linux

package native

import (
	"bytes"
	"strings"
	"sync"
)

const (
	tailBytes      = 512
	truncateMarker = "[log truncated]"
)

// logWriter keeps the first max bytes the program writes, hands them to
// log one line at a time, and remembers the last bytes written (kept or
// not) for error messages.
type logWriter struct {
	mu        sync.Mutex
	log       func(string)
	max       int
	kept      bytes.Buffer
	line      []byte // the unfinished line
	truncated bool
	tail      []byte
}

func newLogWriter(max int, log func(string)) *logWriter {
	return &logWriter{max: max, log: log}
}

func (w *logWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.tail = append(w.tail, p...)
	if over := len(w.tail) - tailBytes; over > 0 {
		w.tail = append(w.tail[:0], w.tail[over:]...)
	}
	if w.truncated {
		return len(p), nil
	}
	keep := p
	if room := w.max - w.kept.Len(); len(keep) > room {
		keep = keep[:room]
	}
	dropped := len(keep) < len(p)
	w.kept.Write(keep)
	for len(keep) > 0 {
		i := bytes.IndexByte(keep, '\n')
		if i < 0 {
			w.line = append(w.line, keep...)
			break
		}
		w.line = append(w.line, keep[:i]...)
		w.flushLine()
		keep = keep[i+1:]
	}
	if dropped {
		w.truncated = true
		w.flushLine()
		w.log(truncateMarker)
	}
	return len(p), nil
}

func (w *logWriter) flushLine() {
	if len(w.line) > 0 {
		w.log(strings.TrimSuffix(string(w.line), "\r"))
	}
	w.line = w.line[:0]
}

// Close logs the unfinished last line.
func (w *logWriter) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.flushLine()
	return nil
}

// Bytes returns what was kept.
func (w *logWriter) Bytes() []byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	return bytes.Clone(w.kept.Bytes())
}

// Tail returns the last bytes written, trimmed, for error messages.
func (w *logWriter) Tail() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.TrimSpace(string(w.tail))
}
