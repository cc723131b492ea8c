package server

import (
	"context"
	"time"

	"github.com/strata-storage/strata/internal/cluster"
	"github.com/strata-storage/strata/internal/object"
)

// lifecycleInterval is how often the lifecycle pass runs: a quarter of a
// shortened lifecycle day, so that tests see rules act within a day.
func (c Config) lifecycleInterval() time.Duration {
	switch {
	case c.LifecycleInterval > 0:
		return c.LifecycleInterval
	case c.LifecycleDay > 0:
		return max(c.LifecycleDay/4, 100*time.Millisecond)
	}
	return time.Hour
}

func (n *Node) lifecycleOptions() object.LifecycleOptions {
	return object.LifecycleOptions{Day: n.cfg.LifecycleDay, Rate: n.cfg.LifecycleRate}
}

// lifecycle applies the buckets' lifecycle rules (run exclusively).
func (n *Node) lifecycle(ctx context.Context) error {
	_, err := n.Objects.Lifecycle(ctx, n.lifecycleOptions())
	return err
}

// lifecycleJob is the lifecycle pass on demand (strata lifecycle run). In
// a cluster it takes the same exclusive lock as the periodic pass, so that
// one pass runs at a time cluster-wide (cluster.ErrBusy otherwise). In one
// process two passes may overlap: every action re-reads what it changes
// in its transaction, so the second finds the work done.
func (n *Node) lifecycleJob(ctx context.Context, _ map[string]string, _ func(any)) (any, error) {
	if n.etcd == nil {
		return n.Objects.Lifecycle(ctx, n.lifecycleOptions())
	}
	var rep object.LifecycleReport
	err := cluster.RunExclusive(ctx, n.etcd, "lifecycle", func(ctx context.Context) error {
		var err error
		rep, err = n.Objects.Lifecycle(ctx, n.lifecycleOptions())
		return err
	})
	return rep, err
}
