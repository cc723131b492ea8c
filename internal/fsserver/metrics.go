package fsserver

import (
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the file API's request metrics, by operation ("create",
// "write", "stat", ...: the API's fixed set, never a path) and status
// class. They show how many round trips a mount's workload costs the
// gateway, which is what its metadata speed mostly depends on.
type Metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewMetrics makes the collectors; register them with Collectors.
func NewMetrics() *Metrics {
	return &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "strata_fs_requests_total", Help: "File API requests (mounts, file protocols) answered, by operation and status class.",
		}, []string{"operation", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "strata_fs_request_duration_seconds", Help: "Time from a file API request's arrival to its answer, by operation.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
		}, []string{"operation"}),
	}
}

// Collectors returns the metrics, for the node's registry.
func (m *Metrics) Collectors() []prometheus.Collector {
	return []prometheus.Collector{m.requests, m.duration}
}

// knownOps are the operations counted under their own name; anything
// else is "other", so that a caller cannot grow the label set.
var knownOps = map[string]bool{
	"stat": true, "list": true, "mkdir": true, "create": true, "symlink": true, "link": true,
	"unlink": true, "rmdir": true, "rename": true, "setattr": true, "truncate": true,
	"write": true, "publish": true, "read": true, "xattrs": true, "setxattr": true,
	"changes": true, "lock": true, "sync": true,
}

// observe starts timing a request for op and returns what ServeHTTP
// defers, with the writer to answer through.
func (m *Metrics) observe(op string, w http.ResponseWriter) (http.ResponseWriter, func()) {
	if m == nil {
		return w, func() {}
	}
	if !knownOps[op] {
		op = "other"
	}
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	return sw, func() {
		status := sw.status
		if status == 0 {
			status = http.StatusOK
		}
		m.requests.WithLabelValues(op, strconv.Itoa(status/100)+"xx").Inc()
		m.duration.WithLabelValues(op).Observe(time.Since(start).Seconds())
	}
}

// statusWriter remembers the status a handler answered with.
type statusWriter struct {
	http.ResponseWriter
	status int
}

// WriteHeader implements http.ResponseWriter.
func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// ReadFrom keeps the connection's own ReadFrom (sendfile, no copy
// through a buffer) for the bodies of reads.
func (w *statusWriter) ReadFrom(r io.Reader) (int64, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if rf, ok := w.ResponseWriter.(io.ReaderFrom); ok {
		return rf.ReadFrom(r)
	}
	return io.Copy(w.ResponseWriter, r)
}
