package events

import (
	"context"
	"encoding/json"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/strata-storage/strata/internal/bus"
	"github.com/strata-storage/strata/internal/event"
)

// Delivery is one event on its way to one target: the message on a lane
// of STRATA_DELIVER, and what a dead letter keeps.
type Delivery struct {
	Event    event.Event  `json:"event"`
	Target   event.Target `json:"target"`
	ConfigID string       `json:"config_id,omitempty"` // the notification rule that matched
	Payload  []byte       `json:"payload,omitempty"`   // for HTTP invocations: the caller's body
	// Replay marks a delivery re-sent by replay or redrive (its message
	// id differs, so the bus does not drop it as a duplicate).
	Replay string `json:"replay,omitempty"`
}

// DeadLetter is a delivery that ran out of attempts.
type DeadLetter struct {
	Delivery
	Attempts int    `json:"attempts"`
	Error    string `json:"error"`
	At       string `json:"at"`
}

// TargetID is a target's subject token: kind initial and name.
func TargetID(t event.Target) string {
	switch t.Kind {
	case event.KindFunction:
		return "f_" + t.Name
	case event.KindNATS:
		return "n_" + t.Name
	case event.KindReplication:
		return "r_" + t.Name
	default:
		return "w_" + t.Name
	}
}

// TargetLanes is the number of lanes of a webhook or NATS target.
const TargetLanes = 4

// lane picks the lane of a key: a key always uses the same one, so its
// events stay in order.
func lane(key string, lanes int) int {
	if lanes <= 1 {
		return 0
	}
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() % uint32(lanes))
}

func laneSubject(tid string, lane int) string {
	return bus.DeliverSubject + "." + tid + "." + strconv.Itoa(lane)
}

func consumerName(tid string, lane int) string { return "d_" + tid + "_" + strconv.Itoa(lane) }

// eventSubject is the STRATA_EVENTS subject of a bucket's events (dots in
// bucket names would split the token).
func eventSubject(bucket string) string {
	if bucket == "" {
		bucket = "_"
	}
	return bus.EventSubject + "." + strings.ReplaceAll(bucket, ".", "_")
}

func deadSubject(tid string) string { return bus.DeadSubject + "." + tid }

// Publish sends one delivery to its target's lane for the key and waits
// for the bus. msgID deduplicates (e.g. one cron tick published by every
// node runs once).
func Publish(ctx context.Context, js jetstream.JetStream, d Delivery, lanes int, msgID string) error {
	tid := TargetID(d.Target)
	b, _ := json.Marshal(d)
	_, err := js.Publish(ctx, laneSubject(tid, lane(d.Event.Key, lanes)), b, jetstream.WithMsgID(msgID))
	return err
}

// Depth is how many deliveries of a target wait or run, over its lanes.
func Depth(ctx context.Context, js jetstream.JetStream, t event.Target, lanes int) (int, error) {
	tid := TargetID(t)
	n := 0
	for l := range lanes {
		c, err := js.Consumer(ctx, bus.DeliverStream, consumerName(tid, l))
		if err != nil {
			continue // no deliverer made it yet: nothing consumed, nothing counted
		}
		ci, err := c.Info(ctx)
		if err != nil {
			return n, err
		}
		n += int(ci.NumPending) + ci.NumAckPending
	}
	return n, nil
}
