package usage

import "github.com/prometheus/client_golang/prometheus"

// Metrics carry no account or bucket label: their number is unbounded
// (every tenant would add series to every scrape). Per-account and
// per-bucket figures are in the samples, served by the API; Prometheus
// gets the gateway's totals by class and direction, and the cluster's
// stored bytes by storage policy (a short, operator-defined list).
var (
	requestsTotal = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "strata_usage_requests_total",
		Help: "S3 requests counted for usage on this gateway, by pricing class (put, get, delete).",
	}, []string{"class"})
	bytesTotal = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "strata_usage_bytes_total",
		Help: "S3 body bytes counted for usage on this gateway, by direction (in, out).",
	}, []string{"direction"})
	spoolErrors = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "strata_usage_spool_errors_total",
		Help: "Requests that could not be written to the usage spool (not counted).",
	})
	flushes = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "strata_usage_flushes_total",
		Help: "Usage spool flushes into the metadata engine, by result.",
	}, []string{"result"})
	storedBytes = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "strata_usage_stored_raw_bytes",
		Help: "Raw bytes stored in the cluster by storage policy, at the last hourly sample this gateway took or read.",
	}, []string{"policy"})
	storedLogical = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "strata_usage_stored_logical_bytes",
		Help: "Logical bytes stored in the cluster at the last hourly sample this gateway took or read.",
	})
	storedObjects = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "strata_usage_stored_objects",
		Help: "Objects stored in the cluster at the last hourly sample this gateway took or read.",
	})
)

// The series Count updates, looked up once rather than per request.
var (
	classCounters = [NumClasses]prometheus.Counter{
		requestsTotal.WithLabelValues(ClassPut.String()),
		requestsTotal.WithLabelValues(ClassGet.String()),
		requestsTotal.WithLabelValues(ClassDelete.String()),
	}
	bytesIn  = bytesTotal.WithLabelValues("in")
	bytesOut = bytesTotal.WithLabelValues("out")
)

// Collectors returns the package's metrics, for the server's registry.
func Collectors() []prometheus.Collector {
	return []prometheus.Collector{requestsTotal, bytesTotal, spoolErrors, flushes, storedBytes, storedLogical, storedObjects}
}
