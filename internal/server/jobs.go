package server

import (
	"context"
	"errors"
	"time"

	"github.com/strata-storage/strata/internal/cluster"
	"github.com/strata-storage/strata/internal/object"
)

// every runs job every interval until ctx ends, on one gateway of a
// cluster at a time.
func (n *Node) every(ctx context.Context, interval time.Duration, name string, job func(context.Context) error) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		var err error
		if n.etcd == nil {
			err = job(ctx)
		} else {
			err = cluster.RunExclusive(ctx, n.etcd, name, job)
		}
		if err != nil && !errors.Is(err, cluster.ErrBusy) && ctx.Err() == nil {
			n.log.Warn("background job failed", "job", name, "err", err)
		}
	}
}

func (n *Node) improve(ctx context.Context) error {
	_, err := n.Objects.Improve(ctx)
	return err
}

// collect removes orphan chunks and aborts stale multipart uploads.
func (n *Node) collect(ctx context.Context) error {
	if rep, err := n.Objects.CollectOrphans(ctx, n.cfg.OrphanGrace); err != nil {
		n.log.Warn("orphan collection failed", "err", err)
	} else {
		n.log.Info("orphan collection done", "report", rep)
	}
	if cnt, err := n.Objects.CleanUploads(ctx, time.Now().Add(-n.cfg.UploadExpiry)); err != nil {
		n.log.Warn("stale upload cleanup failed", "err", err)
	} else if cnt > 0 {
		n.log.Info("stale multipart uploads aborted", "count", cnt)
	}
	return nil
}

// scrub verifies every chunk at ScrubRate and rebuilds what is corrupt
// or missing.
func (n *Node) scrub(ctx context.Context) error {
	rep, err := n.Objects.Rebuild(ctx, object.RebuildOptions{Verify: true, BytesPerSecond: n.cfg.ScrubRate,
		ProgressEvery: time.Minute, Progress: func(r object.RebuildReport) {
			n.log.Info("scrub progress", "objects", r.Objects, "verified_bytes", r.Verified, "rebuilt", r.Rebuilt)
		}})
	if err == nil {
		n.log.Info("scrub done", "lost", rep.Lost, "rebuilt", rep.Rebuilt, "unrecoverable", rep.Unrecoverable)
	}
	return err
}
