package server

import (
	"context"
	"errors"
	"time"

	"github.com/strata-storage/strata/internal/cluster"
	"github.com/strata-storage/strata/internal/object"
)

// ShardConfig tunes container sharding (docs/SHARDING.md).
type ShardConfig struct {
	// SplitObjects is the versions a key range holds before the
	// background job splits it at its median key (0: never).
	SplitObjects int64
	// SplitEvery is how often the job checks the ranges (0: a minute).
	SplitEvery time.Duration
	// SplitGrace is how long an old range keeps the records it handed
	// over, for gateways still holding the old range map (0: 10s).
	SplitGrace time.Duration
}

// DefaultShardConfig returns the defaults of docs/SHARDING.md.
func DefaultShardConfig() ShardConfig {
	return ShardConfig{SplitObjects: 2_000_000, SplitEvery: time.Minute, SplitGrace: 10 * time.Second}
}

// SplitOptions returns the object service's options for this config.
func (c ShardConfig) SplitOptions() object.SplitOptions {
	g := c.SplitGrace
	if g == 0 {
		g = 10 * time.Second
	}
	return object.SplitOptions{Objects: c.SplitObjects, Grace: g}
}

// startSplits runs the splitting job on one gateway of a cluster at a time;
// it also resumes splits a crash interrupted.
func (n *Node) startSplits(bg context.Context) {
	every := n.cfg.Shards.SplitEvery
	if every <= 0 {
		every = time.Minute
	}
	opts := n.cfg.Shards.SplitOptions()
	n.Objects.SetSplitOptions(opts)
	if n.etcd != nil {
		n.Objects.SetSplitLock(n.splitLock)
	}
	n.goLoop(func() {
		n.every(bg, every, "shard-split", func(ctx context.Context) error {
			rep, err := n.Objects.SplitBuckets(ctx, opts)
			if rep.Splits+rep.Resumed > 0 {
				n.log.Info("key range splits", "report", rep)
			}
			return err
		})
	})
}

// splitLock is a cluster's split lock (object.SplitLock): one etcd lock
// for the splitting pass of whichever gateway runs it and for the splits
// users ask any gateway for.
func (n *Node) splitLock(ctx context.Context, wait bool, fn func(context.Context) error) error {
	if wait {
		return cluster.RunLocked(ctx, n.etcd, "split", fn)
	}
	err := cluster.RunExclusive(ctx, n.etcd, "split", fn)
	if errors.Is(err, cluster.ErrBusy) {
		return object.ErrSplitBusy
	}
	return err
}
