package s3

import (
	"net/http"

	"github.com/strata-storage/strata/internal/s3/auth"
)

// errSlowDown is AWS's answer to a client over its request rate.
var errSlowDown = errorf("SlowDown", http.StatusServiceUnavailable, "Please reduce your request rate.")

// admit applies the QoS limits of the signer's account, the addressed
// bucket and the cluster, once the request is authenticated and before
// any other work: over a rate it is refused with SlowDown; under a
// bandwidth limit its body and its answer are throttled.
func (rq *request) admit() error {
	l := rq.h.cfg.QoS
	if l == nil || !l.Limited() {
		return nil
	}
	m := rq.r.Method
	in := (m == http.MethodPut || m == http.MethodPost) && rq.r.ContentLength != 0
	t, err := l.Admit(rq.ident.Account, rq.bucket, in, m == http.MethodGet)
	if err != nil {
		rq.h.log.Debug("request over a qos limit", "err", err, "account", rq.ident.Account, "bucket", rq.bucket)
		rq.w.Header().Set("Retry-After", "1")
		return errSlowDown
	}
	if t.Limited() {
		ctx := rq.r.Context()
		rq.body = throttledBody{Body: rq.body, r: t.Reader(ctx, rq.body)}
		rq.w = &throttledWriter{ResponseWriter: rq.w, w: t.Writer(ctx, rq.w)}
	}
	return nil
}

// throttledBody paces the verified body's reads.
type throttledBody struct {
	auth.Body
	r interface{ Read([]byte) (int, error) }
}

func (b throttledBody) Read(p []byte) (int, error) { return b.r.Read(p) }

// throttledWriter paces the answer's body.
type throttledWriter struct {
	http.ResponseWriter
	w interface{ Write([]byte) (int, error) }
}

func (w *throttledWriter) Write(p []byte) (int, error) { return w.w.Write(p) }

// Unwrap lets http.ResponseController and noteError reach the writer
// underneath.
func (w *throttledWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
