package cluster

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/strata-storage/strata/internal/strata"
)

// Board is a small notice board shared by the nodes: each node publishes
// one value under its own lease, and reads every node's from a watch.
// A node that dies drops off the board when its lease lapses (TTL), one
// that stops cleanly at once. Gateways use it to share their QoS demand.
type Board struct {
	cli    *clientv3.Client
	prefix string
	self   string
	ttl    int64
	log    *slog.Logger

	loaded chan struct{} // closed once Follow has read the board

	mu    sync.Mutex
	vals  map[string][]byte // by node name
	lease clientv3.LeaseID
	put   []byte // the value under the current lease, nil before the first put
}

// NewBoard returns the board under prefix on which this node is self.
// Follow must run for Entries to see the other nodes.
func NewBoard(cli *clientv3.Client, prefix, self string, ttl int64, log *slog.Logger) *Board {
	return &Board{cli: cli, prefix: prefix, self: self, ttl: ttl, log: log, vals: map[string][]byte{},
		loaded: make(chan struct{})}
}

// Loaded is closed once Follow has read the board a first time.
func (b *Board) Loaded() <-chan struct{} { return b.loaded }

// Self is this node's name on the board.
func (b *Board) Self() string { return b.self }

// Entries returns every node's value; the map must not be changed.
func (b *Board) Entries() map[string][]byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make(map[string][]byte, len(b.vals))
	for k, v := range b.vals {
		out[k] = v
	}
	return out
}

// Publish replaces this node's value. Writing the value already on the
// board under a live lease costs nothing, so callers may publish every
// round.
func (b *Board) Publish(ctx context.Context, v []byte) error {
	b.mu.Lock()
	lease, same := b.lease, b.put != nil && bytes.Equal(b.put, v)
	b.mu.Unlock()
	if lease != 0 && same {
		return nil
	}
	if lease == 0 {
		var err error
		if lease, err = b.grant(ctx); err != nil {
			return err
		}
	}
	if _, err := b.cli.Put(ctx, b.prefix+b.self, string(v), clientv3.WithLease(lease)); err != nil {
		b.drop(lease)
		return strata.E("cluster.Board.Publish", strata.Unavailable, err)
	}
	b.mu.Lock()
	if b.lease == lease {
		b.put = append([]byte(nil), v...)
	}
	b.mu.Unlock()
	return nil
}

func (b *Board) grant(ctx context.Context) (clientv3.LeaseID, error) {
	g, err := b.cli.Grant(ctx, b.ttl)
	if err != nil {
		return 0, strata.E("cluster.Board.Publish", strata.Unavailable, err)
	}
	ch, err := b.cli.KeepAlive(context.WithoutCancel(ctx), g.ID)
	if err != nil {
		return 0, strata.E("cluster.Board.Publish", strata.Unavailable, err)
	}
	b.mu.Lock()
	b.lease, b.put = g.ID, nil
	b.mu.Unlock()
	go func() {
		for range ch {
		}
		// Expired (a partition) or revoked: the next Publish writes
		// the value again under a new lease.
		b.drop(g.ID)
	}()
	return g.ID, nil
}

func (b *Board) drop(id clientv3.LeaseID) {
	b.mu.Lock()
	if b.lease == id {
		b.lease, b.put = 0, nil
	}
	b.mu.Unlock()
}

// Follow loads the board and applies every change until ctx ends, then
// revokes this node's lease so that it leaves the board at once.
func (b *Board) Follow(ctx context.Context) {
	defer b.revoke()
	first := true
	for ctx.Err() == nil {
		rev, err := b.load(ctx)
		if err != nil {
			b.log.Debug("board reload failed", "prefix", b.prefix, "err", err)
			sleep(ctx, time.Second)
			continue
		}
		if first {
			close(b.loaded)
			first = false
		}
		wctx, cancel := context.WithCancel(clientv3.WithRequireLeader(ctx))
		for resp := range b.cli.Watch(wctx, b.prefix, clientv3.WithPrefix(), clientv3.WithRev(rev+1)) {
			if resp.Err() != nil {
				b.log.Debug("board watch broke", "prefix", b.prefix, "err", resp.Err())
				break
			}
			b.mu.Lock()
			for _, ev := range resp.Events {
				name := strings.TrimPrefix(string(ev.Kv.Key), b.prefix)
				if ev.Type == clientv3.EventTypeDelete {
					delete(b.vals, name)
				} else {
					b.vals[name] = ev.Kv.Value
				}
			}
			b.mu.Unlock()
		}
		cancel()
		sleep(ctx, 200*time.Millisecond)
	}
}

func (b *Board) load(ctx context.Context) (int64, error) {
	resp, err := b.cli.Get(ctx, b.prefix, clientv3.WithPrefix())
	if err != nil {
		return 0, err
	}
	vals := make(map[string][]byte, len(resp.Kvs))
	for _, kv := range resp.Kvs {
		vals[strings.TrimPrefix(string(kv.Key), b.prefix)] = kv.Value
	}
	b.mu.Lock()
	b.vals = vals
	b.mu.Unlock()
	return resp.Header.Revision, nil
}

func (b *Board) revoke() {
	b.mu.Lock()
	lease := b.lease
	b.lease, b.put = 0, nil
	b.mu.Unlock()
	if lease != 0 {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		b.cli.Revoke(ctx, lease)
		cancel()
	}
}
