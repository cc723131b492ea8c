package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/strata-storage/strata/internal/events"
	"github.com/strata-storage/strata/internal/replication"
)

// startReplication opens bucket replication on a gateway: targets in the
// root engine (secrets sealed under the cluster key), the relay's routing
// question, and the lanes' replicators. It runs inside startGrid, before
// the relay starts.
func (n *Node) startReplication(ctx, bg context.Context) events.Replication {
	key, err := n.clusterKey()
	if err != nil || n.iam == nil {
		n.log.Warn("bucket replication off: no cluster key", "err", err)
		return nil
	}
	sum := sha256.Sum256(append([]byte("strata cluster id "), key...))
	r := &replication.Service{Objects: n.Objects, Targets: replication.NewTargets(n.engine, n.iam.Store().Sealer()),
		JS: n.grid.bus.JS, Root: n.engine, Cluster: hex.EncodeToString(sum[:8]), Log: n.log}
	r.Init(ctx)
	n.repl = r
	n.goLoop(func() { r.Run(bg) })
	return r
}

// Replication returns the node's bucket replication (nil without the
// gateway role or a cluster key).
func (n *Node) Replication() *replication.Service { return n.repl }
