package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/strata-storage/strata/internal/events"
	"github.com/strata-storage/strata/internal/replication"
	"github.com/strata-storage/strata/internal/strata"
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
		JS: n.grid.bus.JS, Root: n.engine, Background: bg, Cluster: hex.EncodeToString(sum[:8]), Log: n.log}
	r.Init(ctx)
	n.repl = r
	n.goLoop(func() { r.Run(bg) })
	return r
}

// Replication returns the node's bucket replication (nil without the
// gateway role or a cluster key).
func (n *Node) Replication() *replication.Service { return n.repl }

// replicationAPI serves bucket replication in the REST API.
type replicationAPI struct{ r *replication.Service }

func (a replicationAPI) Targets(ctx context.Context) (any, error) { return a.r.Targets.List(ctx) }

func (a replicationAPI) PutTarget(ctx context.Context, name string, doc json.RawMessage) (string, error) {
	var t replication.Target
	if err := json.Unmarshal(doc, &t); err != nil {
		return "", strata.E("replication.PutTarget", strata.Invalid, err)
	}
	t.Name = name
	if err := a.r.Targets.Put(ctx, t); err != nil {
		return "", err
	}
	return t.ARN(), nil
}

func (a replicationAPI) DeleteTarget(ctx context.Context, name string) error {
	return a.r.Targets.Delete(ctx, name)
}

func (a replicationAPI) Status(ctx context.Context, bucket string) (any, error) {
	st, err := a.r.Status(ctx, bucket)
	if err != nil {
		return nil, err
	}
	jobs, err := a.r.Jobs(ctx, bucket)
	return map[string]any{"status": st, "resyncs": jobs}, err
}

func (a replicationAPI) Resync(ctx context.Context, bucket, rule string) (any, error) {
	return a.r.StartResync(ctx, bucket, rule)
}

func (a replicationAPI) Retry(ctx context.Context, bucket string) (int, error) {
	return a.r.RetryFailed(ctx, bucket)
}
