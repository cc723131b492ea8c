package audit

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestWriterAndBody(t *testing.T) {
	for _, c := range []struct {
		name   string
		handle func(w http.ResponseWriter, r *http.Request)
		status int
		bytes  int64
		read   int64
	}{
		{"nothing written", func(w http.ResponseWriter, r *http.Request) {}, 200, 0, 0},
		{"body only", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hello") }, 200, 5, 0},
		{"status then body", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusNotFound)
			w.WriteHeader(http.StatusOK) // ignored by net/http too
			io.WriteString(w, "nope")
		}, 404, 4, 0},
		{"interim answer", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusContinue)
			w.WriteHeader(http.StatusNoContent)
		}, 204, 0, 0},
		{"reads the body", func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.(http.Flusher).Flush()
		}, 200, 0, 11},
	} {
		t.Run(c.name, func(t *testing.T) {
			rr := httptest.NewRecorder()
			r := httptest.NewRequest(http.MethodPut, "/b/k", strings.NewReader("hello world"))
			r.RemoteAddr = "192.0.2.7:5555"
			aw, body := NewWriter(rr), CountBody(r.Body)
			r.Body = body
			c.handle(aw, r)
			if aw.Status() != c.status || aw.Bytes() != c.bytes || body.N() != c.read {
				t.Errorf("status %d, bytes %d, read %d; want %d, %d, %d", aw.Status(), aw.Bytes(), body.N(), c.status, c.bytes, c.read)
			}
			// The recorder keeps the first code, 1xx included; a server does not.
			if rr.Code != c.status && rr.Code >= 200 {
				t.Errorf("answered %d, recorded %d", rr.Code, c.status)
			}
			if ip := SourceIP(r); ip != "192.0.2.7" {
				t.Errorf("source ip %q", ip)
			}
			if http.NewResponseController(aw).Flush() != nil {
				t.Error("ResponseController cannot reach the wrapped writer")
			}
		})
	}
}
