package events

import (
	"context"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/strata"
)

// Functions is what the event system needs of the function system.
type Functions interface {
	// Triggered returns the functions whose triggers match ev, after the
	// loop guard.
	Triggered(ctx context.Context, ev event.Event) ([]string, error)
	// Lanes is a function's concurrency: its number of lanes.
	Lanes(ctx context.Context, name string) int
	// Attempts is how many times a delivery to the function is tried.
	Attempts(ctx context.Context, name string) int
	// Invoke runs the function on a delivery; progress is called while it
	// runs (it extends the delivery's lease).
	Invoke(ctx context.Context, name string, d Delivery, attempt int, progress func()) error
	// Names lists the deployed functions.
	Names(ctx context.Context) ([]string, error)
}

// BucketConfigs reads buckets' notification configurations.
type BucketConfigs interface {
	GetBucketConfig(ctx context.Context, bucket, name string) ([]byte, error)
}

// route is one publication of an event: where and with which lanes.
type route struct {
	d     Delivery
	lanes int
}

// router matches events against notification configurations and function
// triggers. A router serves one relay pass: configurations are read once
// per bucket per pass, so a change applies from the next pass.
type router struct {
	buckets BucketConfigs
	fns     Functions
	repl    Replication
	configs map[string]event.Config
}

func (r *router) routes(ctx context.Context, ev event.Event) ([]route, error) {
	var out []route
	cfg, ok := r.configs[ev.Bucket]
	if !ok && ev.Name != event.BucketRemoved {
		doc, err := r.buckets.GetBucketConfig(ctx, ev.Bucket, "notification")
		switch {
		case err == nil:
			if cfg, err = event.ParseJSON(doc); err != nil {
				return nil, err
			}
		case strata.Is(err, strata.NotExist):
		default:
			return nil, err
		}
		r.configs[ev.Bucket] = cfg
	}
	seen := map[string]bool{}
	for _, rule := range cfg.Match(ev) {
		if rule.Target.Kind == event.KindFunction && guarded(ev, rule.Target.Name) {
			continue
		}
		tid := TargetID(rule.Target)
		if seen[tid] {
			continue
		}
		seen[tid] = true
		lanes := TargetLanes
		if rule.Target.Kind == event.KindFunction && r.fns != nil {
			lanes = r.fns.Lanes(ctx, rule.Target.Name)
		}
		out = append(out, route{d: Delivery{Event: ev, Target: rule.Target, ConfigID: rule.ID}, lanes: lanes})
	}
	if r.repl != nil {
		lanes, err := r.repl.Replicates(ctx, ev)
		if err != nil {
			return nil, err
		}
		if lanes > 0 {
			out = append(out, route{d: Delivery{Event: ev, Target: ReplicationTarget}, lanes: lanes})
		}
	}
	if r.fns != nil {
		names, err := r.fns.Triggered(ctx, ev)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			t := event.Target{Kind: event.KindFunction, Name: n}
			if seen[TargetID(t)] || guarded(ev, n) {
				continue
			}
			seen[TargetID(t)] = true
			out = append(out, route{d: Delivery{Event: ev, Target: t}, lanes: r.fns.Lanes(ctx, n)})
		}
	}
	return out, nil
}

// guarded is the loop guard: a function never runs on an event its own
// writes caused, and chains stop after event.DefaultMaxFunctionDepth.
func guarded(ev event.Event, fn string) bool {
	if len(ev.Cause) >= event.DefaultMaxFunctionDepth {
		loopGuarded.Inc()
		return true
	}
	for _, c := range ev.Cause {
		if c == fn {
			loopGuarded.Inc()
			return true
		}
	}
	return false
}
