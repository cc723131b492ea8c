package qos

import "github.com/prometheus/client_golang/prometheus"

var (
	refused = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "strata_qos_refused_total",
		Help: "Requests refused with SlowDown, by the scope whose limit refused them (only limited scopes appear).",
	}, []string{"scope"})
	throttled = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "strata_qos_throttled_seconds_total",
		Help: "Time bodies waited for their byte budget, by direction (in: request bodies, out: responses).",
	}, []string{"dir"})
)

// Collectors are the package's metrics, for a node's registry.
func Collectors() []prometheus.Collector { return []prometheus.Collector{refused, throttled} }
