package etcd

import (
	"context"
	"crypto/tls"
	"errors"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	"go.etcd.io/etcd/client/pkg/v3/transport"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/server/v3/embed"
	"go.uber.org/zap"

	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/tlsutil"
)

// MaxRequestBytes is the largest request the members accept: a
// transaction carries inline objects (64 KiB) and multipart manifests.
const MaxRequestBytes = 32 << 20

// MemberConfig configures an embedded etcd member.
type MemberConfig struct {
	Name           string // unique in the cluster
	Dir            string // the member's data folder
	PeerURL        string // e.g. http://10.0.0.1:2380, listened on and advertised
	ClientURL      string // e.g. http://10.0.0.1:2379
	InitialCluster string // "n1=http://10.0.0.1:2380,n2=...": every founding member
	Token          string // cluster token; members of one cluster share it
	Join           bool   // join a running cluster (InitialCluster from MemberAdd) instead of founding one
	Logger         *slog.Logger
	// TLS, when enabled, makes peer and client traffic mutual TLS
	// (https URLs): both sides present a certificate signed by TLS.CA.
	// etcd reads the files at every handshake, so renewed files apply
	// to new connections.
	TLS tlsutil.Files
}

// Member is an embedded etcd member.
type Member struct {
	etcd  *embed.Etcd
	cfg   MemberConfig
	close sync.Once // embed.Etcd.Close panics when called twice
}

// StartMember starts a member and waits until it has joined a cluster
// with quorum (or ctx ends). On restart the member recovers from its
// write-ahead log and InitialCluster is ignored.
func StartMember(ctx context.Context, mc MemberConfig) (*Member, error) {
	const op = "etcd.StartMember"
	if mc.Logger == nil {
		mc.Logger = slog.Default()
	}
	peer, err := url.Parse(mc.PeerURL)
	if err != nil {
		return nil, strata.E(op, strata.Invalid, err)
	}
	client, err := url.Parse(mc.ClientURL)
	if err != nil {
		return nil, strata.E(op, strata.Invalid, err)
	}
	cfg := embed.NewConfig()
	cfg.Name, cfg.Dir = mc.Name, mc.Dir
	cfg.ListenPeerUrls, cfg.AdvertisePeerUrls = []url.URL{*peer}, []url.URL{*peer}
	cfg.ListenClientUrls, cfg.AdvertiseClientUrls = []url.URL{*client}, []url.URL{*client}
	cfg.InitialCluster = mc.InitialCluster
	if cfg.InitialCluster == "" {
		cfg.InitialCluster = mc.Name + "=" + mc.PeerURL
	}
	cfg.InitialClusterToken = mc.Token
	if mc.TLS.Enabled() {
		info := transport.TLSInfo{CertFile: mc.TLS.Cert, KeyFile: mc.TLS.Key, TrustedCAFile: mc.TLS.CA, ClientCertAuth: true}
		cfg.PeerTLSInfo, cfg.ClientTLSInfo = info, info
	}
	cfg.ClusterState = embed.ClusterStateFlagNew
	if mc.Join {
		cfg.ClusterState = embed.ClusterStateFlagExisting
	}
	cfg.MaxTxnOps = 1 << 18 // a directory rename moves 4 keys per file in one txn
	cfg.MaxRequestBytes = MaxRequestBytes
	cfg.QuotaBackendBytes = 8 << 30
	// Old revisions are kept 5 minutes: long enough for any transaction
	// or listing page, short enough to bound the store.
	cfg.AutoCompactionMode, cfg.AutoCompactionRetention = "periodic", "5m"
	// etcd logs every listener closing at shutdown as an error; real
	// failures surface through Err and to clients.
	cfg.LogLevel = "fatal"
	cfg.Logger = "zap"
	cfg.LogOutputs = []string{"stderr"}
	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, strata.E(op, strata.Unavailable, err)
	}
	m := &Member{etcd: e, cfg: mc}
	waiting := time.NewTicker(10 * time.Second)
	defer waiting.Stop()
	for {
		select {
		case <-e.Server.ReadyNotify():
			mc.Logger.Info("metadata member ready", "name", mc.Name, "client", mc.ClientURL, "peer", mc.PeerURL)
			return m, nil
		case err := <-e.Err():
			e.Close()
			return nil, strata.E(op, strata.Unavailable, err)
		case <-waiting.C:
			mc.Logger.Info("metadata member waiting for quorum", "name", mc.Name, "cluster", cfg.InitialCluster)
		case <-ctx.Done():
			e.Close()
			return nil, strata.E(op, strata.Unavailable, ctx.Err())
		}
	}
}

// IsLeader reports whether this member leads the raft group.
func (m *Member) IsLeader() bool { return m.etcd.Server.Leader() == m.etcd.Server.MemberID() }

// HasLeader reports whether the member currently knows a leader.
func (m *Member) HasLeader() bool { return m.etcd.Server.Leader() != 0 }

// ClientURL is where clients reach this member.
func (m *Member) ClientURL() string { return m.cfg.ClientURL }

// Close stops the member.
func (m *Member) Close() error {
	m.close.Do(m.etcd.Close)
	return nil
}

func quietZap() *zap.Logger { return zap.NewNop() }

// JoinCluster adds a member with peerURL to the running cluster behind
// endpoints (once: a member already listed with that URL is reused, so a
// node that crashed while joining can retry) and returns the
// InitialCluster string the new member must start with.
func JoinCluster(ctx context.Context, endpoints []string, tc *tls.Config, name, peerURL string) (string, error) {
	const op = "etcd.JoinCluster"
	cli, err := NewTLSClient(endpoints, tc)
	if err != nil {
		return "", err
	}
	defer cli.Close()
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	list, err := cli.MemberList(cctx)
	if err != nil {
		return "", strata.E(op, strata.Unavailable, err)
	}
	known := false
	for _, m := range list.Members {
		if slices.Contains(m.PeerURLs, peerURL) {
			known = true
		}
	}
	if !known {
		// etcd refuses reconfiguration until every member has been
		// connected for a few seconds (strict reconfig check): retry.
		var add *clientv3.MemberAddResponse
		for {
			add, err = cli.MemberAdd(cctx, []string{peerURL})
			if err == nil || !errors.Is(err, rpctypes.ErrUnhealthy) || cctx.Err() != nil {
				break
			}
			time.Sleep(500 * time.Millisecond)
		}
		if err != nil {
			return "", strata.E(op, strata.Unavailable, err)
		}
		list.Members = add.Members
	}
	var parts []string
	for _, m := range list.Members {
		n := m.Name
		if slices.Contains(m.PeerURLs, peerURL) {
			n = name // the new member has no name until it starts
		}
		for _, u := range m.PeerURLs {
			parts = append(parts, n+"="+u)
		}
	}
	return strings.Join(parts, ","), nil
}
