package fn

import "github.com/prometheus/client_golang/prometheus"

var (
	invocations = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "strata_fn_invocations_total", Help: "Function invocations run on this node, by result."},
		[]string{"function", "result"})
	latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "strata_fn_duration_seconds", Help: "Function run time.",
		Buckets: prometheus.ExponentialBuckets(0.001, 2, 16)}, []string{"function"})
	running = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "strata_fn_running", Help: "Invocations running on this node."})
	eventLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "strata_fn_event_latency_seconds", Help: "Time from an event's commit to the start of its invocation.",
		Buckets: prometheus.ExponentialBuckets(0.001, 2, 16)}, []string{"function"})
	reallocations = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "strata_fn_reallocations_total", Help: "Invocations moved to another agent because theirs could not be reached."})
)

// Collectors returns the package's metrics.
func Collectors() []prometheus.Collector {
	return []prometheus.Collector{invocations, latency, running, eventLatency, reallocations}
}
