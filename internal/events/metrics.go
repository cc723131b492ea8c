package events

import "github.com/prometheus/client_golang/prometheus"

var (
	relayed = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "strata_events_relayed_total", Help: "Events moved from the outbox to the bus."})
	delivered = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "strata_events_delivered_total", Help: "Deliveries by target kind and result (ok, retry, dead)."},
		[]string{"kind", "result"})
	loopGuarded = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "strata_fn_loop_guard_total", Help: "Function triggers skipped because the function caused the event."})
	queueDepth = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "strata_events_queue_depth", Help: "Deliveries waiting, by target."}, []string{"target"})
	atomicFallbacks = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "strata_events_atomic_fallbacks_total",
		Help: "Relay batches published one message at a time because the bus did not take them as an atomic batch, by reason (duplicate, refused, error)."},
		[]string{"reason"})
	relayBatches = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "strata_events_relay_batch_messages",
		Help:    "Messages per relay publication, by stream and way (atomic: one atomic batch, one sync; each: one message and one sync at a time).",
		Buckets: prometheus.ExponentialBuckets(1, 2, 11)}, []string{"stream", "way"})
	outboxLag = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "strata_events_outbox_seconds", Help: "Time from commit to publication on the bus.",
		Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16)})
)

// Collectors returns the package's metrics, for the node's registry.
func Collectors() []prometheus.Collector {
	return []prometheus.Collector{relayed, delivered, loopGuarded, queueDepth, outboxLag, atomicFallbacks, relayBatches}
}
