package s3

import (
	"net/http"
	"strconv"
	"time"

	"github.com/strata-storage/strata/internal/audit"
	"github.com/strata-storage/strata/internal/usage"
)

// UsageSink counts requests for usage accounting (*usage.Meter). Count
// must have made the request durable against a crash of the process
// when it returns: it runs before the response's last byte is sent.
type UsageSink interface {
	Count(r usage.Request)
}

// meter starts counting rq for usage, if the handler has a sink, and
// returns what ServeHTTP defers. It must run before audit, so that the
// audit writer stays the outermost one (handlers look for it).
//
// The count is handed over before the client can see the response as
// complete: just before the write that reaches the declared
// Content-Length, or, for responses without one (chunked, or no body),
// when the handler returns, which is before net/http sends the end of
// the response. A gateway killed at any point therefore never has a
// completed response that it did not count.
func (rq *request) meter() func() {
	sink := rq.h.cfg.Usage
	if sink == nil {
		return func() {}
	}
	start := time.Now()
	body := audit.CountBody(rq.r.Body)
	mw := &meterWriter{ResponseWriter: rq.w, length: -1}
	mw.emit = func() {
		if r, ok := rq.usageRecord(start, body.N(), mw); ok {
			sink.Count(r)
		}
	}
	rq.w, rq.r.Body = mw, body
	return mw.finish
}

// usageRecord is the record of rq, and whether it is charged to anyone.
// The bucket's owner pays for requests on the bucket, the caller for
// requests on no bucket (or on one that was not found). A request
// refused with 403 to anyone but the owner's account is not charged:
// others must not run up an owner's bill. Nor is one answered with a
// 5xx (SlowDown, a failure of ours): the gateway did not serve it.
func (rq *request) usageRecord(start time.Time, in int64, mw *meterWriter) (usage.Request, bool) {
	rec := usage.Request{Time: start, Account: rq.account, Bucket: rq.bucket,
		Operation: rq.opName(),
		BytesIn:   in, BytesOut: mw.written}
	if rec.Account == "" {
		rec.Account, rec.Bucket = rq.ident.Account, ""
	}
	if rec.Account == "" || mw.status >= 500 || (mw.status == http.StatusForbidden && rq.ident.Account != rec.Account) {
		return rec, false
	}
	return rec, true
}

// meterWriter hands the request over for counting once, before the
// response's last byte.
type meterWriter struct {
	http.ResponseWriter
	emit    func()
	done    bool
	status  int
	length  int64 // declared Content-Length, -1 if none
	written int64
	started bool
}

func (w *meterWriter) begin() {
	if w.started {
		return
	}
	w.started = true
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if n, err := strconv.ParseInt(w.Header().Get("Content-Length"), 10, 64); err == nil && n >= 0 {
		w.length = n
	}
}

// WriteHeader implements http.ResponseWriter.
func (w *meterWriter) WriteHeader(code int) {
	if code >= 200 && w.status == 0 {
		w.status = code
		w.begin()
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write implements http.ResponseWriter.
func (w *meterWriter) Write(p []byte) (int, error) {
	w.begin()
	if !w.done && w.length >= 0 && w.written+int64(len(p)) >= w.length {
		// The last write: count it, with its bytes, before it goes out.
		w.written += int64(len(p))
		w.once()
		w.written -= int64(len(p))
	}
	n, err := w.ResponseWriter.Write(p)
	w.written += int64(n)
	return n, err
}

// Flush sends buffered data, if the wrapped writer can.
func (w *meterWriter) Flush() {
	w.begin()
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the wrapped writer.
func (w *meterWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *meterWriter) once() {
	if !w.done {
		w.done = true
		w.emit()
	}
}

// finish counts a request not counted yet, when the handler returns.
func (w *meterWriter) finish() {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.once()
}
