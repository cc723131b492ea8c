package server

import (
	"context"
	"time"

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
	return object.LifecycleOptions{Day: n.cfg.LifecycleDay}
}

// lifecycle applies the buckets' lifecycle rules (run exclusively).
func (n *Node) lifecycle(ctx context.Context) error {
	_, err := n.Objects.Lifecycle(ctx, n.lifecycleOptions())
	return err
}

// lifecycleJob is the lifecycle pass on demand (strata lifecycle run).
func (n *Node) lifecycleJob(ctx context.Context, _ map[string]string, _ func(any)) (any, error) {
	return n.Objects.Lifecycle(ctx, n.lifecycleOptions())
}
