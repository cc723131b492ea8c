package fn

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/events"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// BatchProgress reports a batch job.
type BatchProgress struct {
	Job       string `json:"job"`
	Queued    int    `json:"queued"`
	Waiting   int    `json:"waiting"` // deliveries of the function not yet done
	Done      bool   `json:"done"`
	Throttled int    `json:"throttled"` // pauses for load
}

// Batch queues one invocation per existing object under a prefix, paced
// so that the function's backlog stays under a few invocations per lane
// and pauses while the agents are busy (mean score under 10). Progress
// is called after each page.
func (s *Scheduler) Batch(ctx context.Context, js jetstream.JetStream, objects *object.Service, name, bucket, prefix string, progress func(BatchProgress)) (BatchProgress, error) {
	m, err := s.Registry.Get(ctx, name)
	if err != nil {
		return BatchProgress{}, err
	}
	target := event.Target{Kind: event.KindFunction, Name: name}
	lanes := m.Lanes()
	if err := events.EnsureLanes(ctx, js, events.TargetID(target), lanes, 0); err != nil {
		return BatchProgress{}, err
	}
	p := BatchProgress{Job: newID()}
	marker := ""
	for {
		res, err := objects.ListObjects(ctx, bucket, object.ListOptions{Prefix: prefix, Marker: marker, MaxKeys: 1000})
		if err != nil {
			return p, err
		}
		for _, o := range res.Objects {
			if err := s.pace(ctx, js, target, lanes, &p); err != nil {
				return p, err
			}
			ev := event.Event{ID: fmt.Sprintf("batch-%s-%d", p.Job, p.Queued), Name: "ObjectCreated:Batch", Time: time.Now().UTC(),
				Bucket: bucket, Key: o.Key, Size: o.Size, ETag: o.ETag, VersionID: o.VersionID,
				Type: o.Headers["Content-Type"], UserMeta: o.UserMeta, Tags: o.Tags, Principal: m.Owner}
			d := events.Delivery{Event: ev, Target: target}
			if err := events.Publish(ctx, js, d, lanes, ev.ID); err != nil {
				return p, strata.E("fn.Batch", strata.Unavailable, err)
			}
			p.Queued++
		}
		if progress != nil {
			progress(p)
		}
		if !res.IsTruncated {
			break
		}
		marker = res.NextMarker
	}
	p.Done = true
	return p, nil
}

// pace waits while the function's backlog is deep or the agents are busy.
func (s *Scheduler) pace(ctx context.Context, js jetstream.JetStream, t event.Target, lanes int, p *BatchProgress) error {
	if p.Queued%16 != 0 {
		return nil
	}
	for {
		depth, err := events.Depth(ctx, js, t, lanes)
		if err != nil {
			return err
		}
		p.Waiting = depth
		if depth < 4*lanes && !s.busy(ctx) {
			return nil
		}
		p.Throttled++
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// busy reports whether the agents' mean score is under 10.
func (s *Scheduler) busy(ctx context.Context) bool {
	svcs, err := s.Services.Services(ctx, strata.ServiceAgent)
	if err != nil || len(svcs) == 0 {
		return false
	}
	sum := 0
	for _, sv := range svcs {
		sum += sv.Score
	}
	return sum/len(svcs) < 10
}
