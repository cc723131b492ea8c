package replication

import "github.com/prometheus/client_golang/prometheus"

var (
	lagSeconds = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "strata_replication_lag_seconds", Help: "Time from a change's commit to its copy on the destination.",
		Buckets: prometheus.ExponentialBuckets(0.005, 2, 16)})
	backlogGauge = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "strata_replication_backlog", Help: "Replications waiting: queued in the lanes, or failed and waiting for a retry."},
		[]string{"state"})
	failedTotal = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "strata_replication_failed_total", Help: "Replications that failed after their retries (kept in the backlog)."})
	replicatedTotal = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "strata_replication_operations_total", Help: "Replication outcomes by operation (put, tags, delete, skip, conflict)."},
		[]string{"op"})
)

// Collectors returns the package's metrics, for the node's registry.
func Collectors() []prometheus.Collector {
	return []prometheus.Collector{lagSeconds, backlogGauge, failedTotal, replicatedTotal, stageSeconds}
}
