package audit

import (
	"io"
	"net"
	"net/http"
	"sync/atomic"
)

// Writer is an http.ResponseWriter that remembers the status and counts
// the body bytes written, for the record of the request.
type Writer struct {
	http.ResponseWriter
	status    int
	bytes     int64
	ErrorCode string // set by the handler when it answers with an error
}

// NewWriter wraps w.
func NewWriter(w http.ResponseWriter) *Writer { return &Writer{ResponseWriter: w} }

// WriteHeader implements http.ResponseWriter.
func (w *Writer) WriteHeader(code int) {
	if w.status == 0 && code >= 200 { // 1xx are interim answers
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write implements http.ResponseWriter.
func (w *Writer) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Flush sends buffered data, if the wrapped writer can.
func (w *Writer) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		if w.status == 0 {
			w.status = http.StatusOK
		}
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the wrapped writer.
func (w *Writer) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Status is the status answered: 200 if the handler wrote nothing, as
// net/http then sends.
func (w *Writer) Status() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// Bytes is the body bytes written.
func (w *Writer) Bytes() int64 { return w.bytes }

// Body counts the bytes read from a request body.
type Body struct {
	io.ReadCloser
	n atomic.Int64 // the handler may read in another goroutine
}

// CountBody wraps a request body (nil is taken as empty).
func CountBody(rc io.ReadCloser) *Body {
	if rc == nil {
		rc = http.NoBody
	}
	return &Body{ReadCloser: rc}
}

// Read implements io.Reader.
func (b *Body) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}

// N is the bytes read so far.
func (b *Body) N() int64 { return b.n.Load() }

// SourceIP is the address the request came from, without the port.
// Headers such as X-Forwarded-For are not trusted: anyone can set them.
func SourceIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
