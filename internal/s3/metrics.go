package s3

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the S3 door's request metrics: rates, errors and latencies
// per operation, for Prometheus (and the console's metrics page, which
// reads the same registry). The operation label is the S3 API's name
// ("s3:PutObject"): a fixed set, never a bucket or key.
type Metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inflight prometheus.Gauge
}

// NewMetrics makes the collectors; register them with Collectors.
func NewMetrics() *Metrics {
	return &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "strata_s3_requests_total", Help: "S3 requests answered, by operation and status class (2xx, 3xx, 4xx, 5xx).",
		}, []string{"operation", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "strata_s3_request_duration_seconds", Help: "Time from a request's arrival to its handler's return, by operation.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"operation"}),
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "strata_s3_requests_in_flight", Help: "S3 requests being served.",
		}),
	}
}

// Collectors returns the metrics, for the node's registry.
func (m *Metrics) Collectors() []prometheus.Collector {
	return []prometheus.Collector{m.requests, m.duration, m.inflight}
}

var statusClass = [...]string{"1xx", "2xx", "3xx", "4xx", "5xx"}

// observe starts measuring rq, if the handler has metrics, and returns
// what ServeHTTP defers once the handler is done.
func (rq *request) observe() func() {
	m := rq.h.cfg.Metrics
	if m == nil {
		return func() {}
	}
	start := time.Now()
	m.inflight.Inc()
	sw := &statusWriter{ResponseWriter: rq.w}
	rq.w = sw
	return func() {
		m.inflight.Dec()
		op := rq.opName()
		class := "2xx"
		if c := sw.status/100 - 1; c >= 0 && c < len(statusClass) {
			class = statusClass[c]
		} else if sw.status != 0 {
			class = strconv.Itoa(sw.status)
		}
		m.requests.WithLabelValues(op, class).Inc()
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
	if code >= 200 && w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write implements http.ResponseWriter.
func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

// Flush sends buffered data, if the wrapped writer can.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the wrapped writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
