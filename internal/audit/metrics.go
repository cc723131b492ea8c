package audit

import "github.com/prometheus/client_golang/prometheus"

var (
	records = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "strata_audit_records_total",
		Help: "Audit records taken by each sink.",
	}, []string{"sink"})
	dropped = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "strata_audit_dropped_total",
		Help: "Audit records a sink could not keep: queue full (bus) or write failed (file).",
	}, []string{"sink"})
)

// Collectors are the package's metrics, for a node's registry.
func Collectors() []prometheus.Collector { return []prometheus.Collector{records, dropped} }
