package server

import (
	"context"
	"strings"

	"github.com/strata-storage/strata/internal/cluster"
	"github.com/strata-storage/strata/internal/quota"
)

// startQuota loads the bucket and account quotas, makes the object
// service ask them on every write and, in a cluster, follows the other
// gateways' changes of limits through the metadata watch.
func (n *Node) startQuota(ctx, bg context.Context) error {
	cfg := quota.DefaultConfig()
	cfg.Node = n.cfg.Name
	if cfg.Node == "" {
		cfg.Node = "local"
	}
	m, err := quota.New(ctx, cfg, n.engine, n.Objects, n.log)
	if err != nil {
		return err
	}
	n.quota = m
	n.Objects.SetQuotas(m)
	if n.cfg.Clustered() {
		n.goLoop(func() {
			cluster.FollowPrefix(bg, n.etcd, metaPrefix+string(quota.LimitsPrefix()), n.log, func(k, v []byte) {
				m.Apply([]byte(strings.TrimPrefix(string(k), metaPrefix)), v)
			}, func() {
				if err := m.Reload(bg); err != nil && bg.Err() == nil {
					n.log.Warn("quota reload failed", "err", err)
				}
			})
		})
	}
	n.goLoop(func() { m.Run(bg) })
	return nil
}

// Quotas returns the node's quota manager (gateways only): set, get and
// list quotas, and the soft-limit alerts.
func (n *Node) Quotas() *quota.Manager { return n.quota }
