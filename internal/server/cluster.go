package server

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/cluster"
	"github.com/strata-storage/strata/internal/conscience"
	metaetcd "github.com/strata-storage/strata/internal/meta/etcd"
)

// metaPrefix namespaces the directory (meta0, meta1 and the default
// meta2 shard) in the metadata cluster.
const metaPrefix = "/strata/meta/"

// startClusterMeta starts this node's metadata member (meta role), dials
// the metadata cluster and joins the replicated conscience.
func (n *Node) startClusterMeta(ctx context.Context, ccfg conscience.Config) error {
	if n.cfg.HasRole(RoleMeta) {
		peer, _ := n.cfg.metaPeerURL()
		dir := filepath.Join(n.cfg.DataDir, "etcd")
		initial, join := n.cfg.MetaPeers, false
		if _, err := os.Stat(filepath.Join(dir, "member")); n.cfg.MetaJoin && err != nil {
			// First start of a member joining a running cluster.
			if initial, err = metaetcd.JoinCluster(ctx, n.cfg.MetaEndpoints, n.clientTLS(), n.cfg.Name, peer); err != nil {
				return err
			}
			join = true
			n.log.Info("joining the metadata cluster", "members", initial)
		}
		m, err := metaetcd.StartMember(ctx, metaetcd.MemberConfig{
			Name: n.cfg.Name, Dir: dir, PeerURL: peer, ClientURL: n.cfg.MetaClientURL,
			InitialCluster: initial, Join: join, Token: "strata", Logger: n.log, TLS: n.cfg.TLS,
		})
		if err != nil {
			return err
		}
		n.member = m
	}
	cli, err := metaetcd.NewTLSClient(n.cfg.metaEndpoints(), n.clientTLS())
	if err != nil {
		return err
	}
	n.etcd = cli
	if n.engine, err = metaetcd.Open(ctx, metaetcd.Options{Client: cli, Prefix: metaPrefix, Logger: n.log}); err != nil {
		return err
	}
	// Heartbeats come every StatsInterval (1 s): 8 missed ones and a
	// service scores 0, inside the 10 s the cluster promises.
	ccfg.Expiry = 8 * time.Second
	reg, err := cluster.NewRegistry(ctx, cli, ccfg, cluster.WithNode(n.cfg.Name), cluster.WithPeriod(n.cfg.StatsInterval))
	if err != nil {
		return err
	}
	n.reg = reg
	n.vols.useCluster(reg, n.token, n.nodeTransport(blob.DefaultHTTPClient.Transport.(*http.Transport)))
	return nil
}
