package server

import (
	"context"
	"errors"
	"time"

	"github.com/strata-storage/strata/internal/cluster"
)

// startArchive runs the archive worker: it makes the copies restore
// requests queue and drops them at their expiry (object.RunRestores), on
// one gateway of a cluster at a time.
func (n *Node) startArchive(bg context.Context) {
	day := n.cfg.RestoreDay
	if day == 0 {
		day = n.cfg.LifecycleDay // one test day for transitions and restores alike
	}
	n.Objects.SetRestoreDay(day)
	if st := n.tierStore(); st != nil {
		n.Objects.SetTiers(nodeTiers{st})
	}
	interval := 10 * time.Second
	if d := day; d > 0 {
		// A shortened day: expiries are due within a fraction of it.
		interval = min(interval, max(d/8, 100*time.Millisecond))
	}
	n.goLoop(func() { n.restoreLoop(bg, interval) })
}

// restoreLoop runs a restore pass at start (requests queued before a
// restart), every interval, and at once when this gateway queued one.
func (n *Node) restoreLoop(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	queued := n.Objects.RestoreQueued()
	var retry <-chan time.Time // after a failed pass (e.g. no volume registered yet at start)
	for first := true; ; first = false {
		if !first {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			case <-queued:
			case <-retry:
			}
		}
		retry = nil
		job := func(ctx context.Context) error { _, err := n.Objects.RunRestores(ctx); return err }
		var err error
		if n.etcd == nil {
			err = job(ctx)
		} else {
			err = cluster.RunExclusive(ctx, n.etcd, "restore", job)
		}
		if err != nil && !errors.Is(err, cluster.ErrBusy) && ctx.Err() == nil {
			n.log.Warn("restore pass failed", "err", err)
			retry = time.After(time.Second)
		}
	}
}
