package cluster

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/strata-storage/strata/internal/strata"
)

// Key layout of the per-node conscience records. The stats live outside
// the followed prefix on purpose: gateways watch /strata/conscience/
// (descriptions, digest, locks, formula), which then carries O(1)
// events per period instead of one per node.
const (
	nodePrefix  = "/strata/conscience/node/"  // a node's services without their stats; rewritten only when they change
	statsPrefix = "/strata/conscience-stats/" // a node's services with their stats; rewritten every period
)

// Heartbeater writes one node's conscience records: every Beat is one
// etcd transaction carrying all of the node's services and their stats,
// under one lease per node. A node that dies stops beating; its lease
// lapses after the TTL and both records disappear with it.
type Heartbeater struct {
	cli  *clientv3.Client
	node string
	ttl  int64
	log  *slog.Logger

	writes atomic.Int64

	mu     sync.Mutex
	lease  clientv3.LeaseID
	desc   []byte // the description written under the current lease
	stopKA context.CancelFunc
}

// NewHeartbeater returns the heartbeater of the named node, whose
// records live ttl seconds after its last keep-alive.
func NewHeartbeater(cli *clientv3.Client, node string, ttl int64, log *slog.Logger) *Heartbeater {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Heartbeater{cli: cli, node: node, ttl: ttl, log: log}
}

// Node is the name the records are written under.
func (h *Heartbeater) Node() string { return h.node }

// Writes is how many etcd transactions Beat has committed.
func (h *Heartbeater) Writes() int64 { return h.writes.Load() }

// Beat publishes svcs as the node's whole set of services: one etcd
// transaction that puts the stats record, and the description record too
// when the set, an address, a location or a tag changed. Services the
// node no longer lists disappear from the cluster.
func (h *Heartbeater) Beat(ctx context.Context, svcs []strata.Service) error {
	svcs = slices.Clone(svcs)
	slices.SortFunc(svcs, func(a, b strata.Service) int { return strings.Compare(a.ID, b.ID) })
	desc, stats := encodeRecords(svcs)
	var lease clientv3.LeaseID
	var same bool
	for attempt := 0; ; attempt++ {
		var err error
		if lease, err = h.Lease(ctx); err != nil {
			return err
		}
		h.mu.Lock()
		same = bytes.Equal(desc, h.desc)
		h.mu.Unlock()
		ops := []clientv3.Op{clientv3.OpPut(statsPrefix+h.node, string(stats), clientv3.WithLease(lease))}
		if !same {
			ops = append(ops, clientv3.OpPut(nodePrefix+h.node, string(desc), clientv3.WithLease(lease)))
		}
		_, err = h.cli.Txn(ctx).Then(ops...).Commit()
		if err == nil {
			break
		}
		if !errors.Is(err, rpctypes.ErrLeaseNotFound) || attempt > 0 {
			return strata.E("cluster.Beat", strata.Unavailable, err)
		}
		// The lease lapsed (its keep-alives did not get through in time):
		// take a new one and beat again now, rather than staying out of
		// the digest until the next period.
		h.dropLease(lease)
	}
	h.writes.Add(1)
	if !same {
		h.mu.Lock()
		if h.lease == lease {
			h.desc = desc
		}
		h.mu.Unlock()
	}
	return nil
}

// encodeRecords returns the description record (services without their
// changing stats, but with their capacity) and the stats record.
func encodeRecords(svcs []strata.Service) (desc, stats []byte) {
	d := make([]strata.Service, len(svcs))
	for i, s := range svcs {
		s.Score, s.Locked, s.Updated = 0, false, time.Time{}
		svcs[i] = s
		s.Stats = strata.Stats{TotalBytes: s.Stats.TotalBytes}
		d[i] = s
	}
	desc, _ = json.Marshal(d)
	stats, _ = json.Marshal(svcs)
	return desc, stats
}

// Lease returns the node's lease, granting it (and keeping it alive) on
// first use or after it was lost.
func (h *Heartbeater) Lease(ctx context.Context) (clientv3.LeaseID, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.lease != 0 {
		return h.lease, nil
	}
	g, err := h.cli.Grant(ctx, h.ttl)
	if err != nil {
		return 0, strata.E("cluster.Beat", strata.Unavailable, err)
	}
	kctx, stop := context.WithCancel(context.Background())
	ch, err := h.cli.KeepAlive(kctx, g.ID)
	if err != nil {
		stop()
		return 0, strata.E("cluster.Beat", strata.Unavailable, err)
	}
	h.lease, h.desc, h.stopKA = g.ID, nil, stop
	go func() {
		for range ch {
		}
		// The lease is gone (expired during a partition, or revoked):
		// the next beat takes a new one and rewrites the description.
		h.dropLease(g.ID)
	}()
	return g.ID, nil
}

func (h *Heartbeater) dropLease(id clientv3.LeaseID) {
	h.mu.Lock()
	if h.lease == id {
		h.lease, h.desc = 0, nil
	}
	h.mu.Unlock()
}

// Close revokes the lease, so that the node's services disappear at once
// on a clean shutdown.
func (h *Heartbeater) Close() error {
	h.mu.Lock()
	lease, stop := h.lease, h.stopKA
	h.lease, h.desc, h.stopKA = 0, nil, nil
	h.mu.Unlock()
	if stop != nil {
		stop()
	}
	if lease != 0 {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if _, err := h.cli.Revoke(ctx, lease); err != nil {
			return strata.E("cluster.Heartbeater.Close", strata.Unavailable, err)
		}
	}
	return nil
}

// stopKeepAlive stops renewing the lease without revoking it, as a
// crashed node would: its records lapse after the TTL.
func (h *Heartbeater) stopKeepAlive() {
	h.mu.Lock()
	stop := h.stopKA
	h.lease, h.desc, h.stopKA = 0, nil, nil
	h.mu.Unlock()
	if stop != nil {
		stop()
	}
}
