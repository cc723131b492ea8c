package events

import (
	"context"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/strata-storage/strata/internal/event"
)

// Replication is what the relay asks of bucket replication
// (internal/replication): whether an event goes to its lanes.
type Replication interface {
	// Replicates returns the number of replication lanes the event goes
	// to (hashed by key), or 0 when no rule wants it.
	Replicates(ctx context.Context, ev event.Event) (int, error)
}

// ReplicationTarget is the delivery target of bucket replication: one
// set of lanes for every bucket and rule, consumed by the replicators.
var ReplicationTarget = event.Target{Kind: event.KindReplication, Name: "buckets"}

// LaneConsumer returns the durable consumer of one lane of a target
// (one message in flight at a time: a key's events in order).
func LaneConsumer(ctx context.Context, js jetstream.JetStream, t event.Target, lane int, ackWait time.Duration) (jetstream.Consumer, error) {
	return consumer(ctx, js, TargetID(t), lane, ackWait)
}

// Lane is the lane of key among lanes.
func Lane(key string, lanes int) int { return lane(key, lanes) }
