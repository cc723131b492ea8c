package cluster_test

import (
	"context"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/cluster"
	metaetcd "github.com/strata-storage/strata/internal/meta/etcd"
	"github.com/strata-storage/strata/internal/strata"
)

// TestBeatAfterLeaseLost: a node whose lease lapsed (revoked here, as
// etcd does when keep-alives do not get through) is back in the records
// after its very next Beat, which returns no error, not one period later.
func TestBeatAfterLeaseLost(t *testing.T) {
	cli, err := metaetcd.NewClient([]string{startEtcd(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	hb := cluster.NewHeartbeater(cli, "n1", cluster.LeaseTTL, nil)
	svcs := []strata.Service{{ID: "n1-v0", Type: strata.ServiceBlob, Location: "dc.r.n1.v0"}}
	if err := hb.Beat(ctx, svcs); err != nil {
		t.Fatal(err)
	}
	lease, err := hb.Lease(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cli.Revoke(ctx, lease); err != nil {
		t.Fatal(err)
	}
	if resp, err := cli.Get(ctx, "/strata/conscience/node/n1"); err != nil || len(resp.Kvs) != 0 {
		t.Fatalf("records still there after the revoke: %v", err)
	}
	if err := hb.Beat(ctx, svcs); err != nil {
		t.Fatalf("beat after the lease was lost: %v", err)
	}
	for _, key := range []string{"/strata/conscience/node/n1", "/strata/conscience-stats/n1"} {
		if resp, err := cli.Get(ctx, key); err != nil || len(resp.Kvs) != 1 {
			t.Fatalf("%s not written by the beat after the lease was lost (%v)", key, err)
		}
	}
}
