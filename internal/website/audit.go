package website

import (
	"net/http"
	"time"

	"github.com/strata-storage/strata/internal/audit"
)

// audit starts rq's audit record, if the handler has a sink, and returns
// what ServeHTTP defers to hand it over once the request is answered.
// It wraps the response writer to count bytes, so it runs first.
func (rq *request) audit() func() {
	sink := rq.h.cfg.Audit
	if sink == nil {
		return func() {}
	}
	start := time.Now()
	aw := audit.NewWriter(rq.w)
	rq.w, rq.aw = aw, aw
	return func() {
		r := rq.r
		sink.Audit(audit.Record{
			Time: start.UTC(), RequestID: rq.id,
			SourceIP: audit.SourceIP(r), UserAgent: r.UserAgent(),
			Operation: operation(r.Method),
			Bucket:    rq.bucket, Key: rq.key,
			Status: aw.Status(), ErrorCode: aw.ErrorCode,
			BytesOut:   aw.Bytes(),
			DurationMS: float64(time.Since(start).Microseconds()) / 1000,
		})
	}
}

// operation names a website request in the audit log: "website:" and
// the S3 operation it stands for, so that it reads apart from the API's.
func operation(method string) string {
	switch method {
	case http.MethodGet:
		return "website:GetObject"
	case http.MethodHead:
		return "website:HeadObject"
	}
	return "website:" + method
}
