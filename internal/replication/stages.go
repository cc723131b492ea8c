package replication

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// stageSeconds splits a replication's lag by stage, so that a growing lag
// can be traced to where it is spent: "queued" (commit → the lane's
// replicator takes the event; includes the outbox, the relay and the
// lane's queue), "local_head", "remote_head", "local_get", "remote_put"
// (bytes, tags or delete), "status" (the COMPLETED commit) and "ack".
var stageSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
	Name: "strata_replication_stage_seconds", Help: "Time spent per stage of a replication (queued, local_head, remote_head, local_get, remote_put, status, ack).",
	Buckets: prometheus.ExponentialBuckets(0.001, 2, 16)}, []string{"stage"})

// since observes the time since t0 under stage and returns now.
func since(stage string, t0 time.Time) time.Time {
	now := time.Now()
	stageSeconds.WithLabelValues(stage).Observe(now.Sub(t0).Seconds())
	return now
}
