package server

import (
	"context"
	"strings"

	"github.com/strata-storage/strata/internal/cluster"
	"github.com/strata-storage/strata/internal/qos"
)

// qosBoard is where a cluster's gateways publish their QoS demand.
const qosBoard = "/strata/qos/demand/"

// openQoS loads the request and bandwidth limits from the root engine.
// In a cluster it follows other gateways' changes through the metadata
// watch, and shares every limit with the other gateways through a board
// of their demand (see qos/share.go).
func (n *Node) openQoS(ctx, bg context.Context) error {
	l, err := qos.NewLimiter(ctx, qos.NewStore(n.engine), n.log)
	if err != nil {
		return err
	}
	n.qos = l
	if !n.cfg.Clustered() {
		return nil
	}
	n.goLoop(func() {
		cluster.FollowPrefix(bg, n.etcd, metaPrefix+string(qos.Prefix()), n.log, func(k, v []byte) {
			l.Apply([]byte(strings.TrimPrefix(string(k), metaPrefix)), v)
		}, func() { n.reloadQoS(bg) })
	})
	board := cluster.NewBoard(n.etcd, qosBoard, n.cfg.Name, cluster.LeaseTTL, n.log)
	n.goLoop(func() { board.Follow(bg) })
	n.goLoop(func() {
		// A gateway that rebalanced before it saw the others would take
		// every limit whole for one interval.
		select {
		case <-board.Loaded():
			l.Run(bg, board)
		case <-bg.Done():
		}
	})
	return nil
}

func (n *Node) reloadQoS(ctx context.Context) {
	if err := n.qos.Reload(ctx); err != nil && ctx.Err() == nil {
		n.log.Warn("qos reload failed", "err", err)
	}
}

// QoS returns the node's request and bandwidth limits (gateways only);
// its Store sets, gets and lists them.
func (n *Node) QoS() *qos.Limiter { return n.qos }
