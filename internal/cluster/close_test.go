package cluster_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/strata-storage/strata/internal/cluster"
	"github.com/strata-storage/strata/internal/conscience"
	metaetcd "github.com/strata-storage/strata/internal/meta/etcd"
)

// TestCloseWhileCampaigningWithoutEtcd: a registry waiting to publish the
// digest (a second candidate) closes even when etcd is already gone, as
// when a cluster's nodes stop one after another and quorum is lost.
// etcd's Election.Campaign resigns with the client's own context when
// its context ends, a call that waits for etcd for ever; Close must not
// wait for it.
func TestCloseWhileCampaigningWithoutEtcd(t *testing.T) {
	url, member := startEtcdMember(t)
	ctx := context.Background()
	start := func(name string) (*cluster.Registry, *clientv3.Client) {
		cli, err := metaetcd.NewClient([]string{url})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cli.Close() })
		cfg := conscience.DefaultConfig()
		cfg.Logger = slog.New(slog.DiscardHandler)
		r, err := cluster.NewRegistry(ctx, cli, cfg, cluster.WithNode(name), cluster.WithCandidate(true))
		if err != nil {
			t.Fatal(err)
		}
		return r, cli
	}
	a, cli := start("a")
	b, _ := start("b")
	// Both candidates are in the election: one publishes, one waits.
	await(t, "two candidates", time.Now(), func() bool {
		resp, err := cli.Get(ctx, cluster.ElectionKey+"/", clientv3.WithPrefix(), clientv3.WithCountOnly())
		return err == nil && resp.Count == 2
	})
	if err := member.Close(); err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]*cluster.Registry{"a": a, "b": b} {
		done := make(chan struct{})
		go func() { r.Close(); close(done) }()
		select {
		case <-done:
		case <-time.After(time.Minute):
			t.Fatalf("registry %s did not close within a minute with etcd gone", name)
		}
	}
}
