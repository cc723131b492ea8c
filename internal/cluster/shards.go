package cluster

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"log/slog"
	"math/rand/v2"
	"slices"
	"sort"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/meta"
	metaetcd "github.com/strata-storage/strata/internal/meta/etcd"
	"github.com/strata-storage/strata/internal/strata"
)

// RootShard is the metadata shard that also holds meta0 and meta1.
const RootShard = "0"

// Shards finds the meta2 shards of the cluster in the conscience: every
// metadata member registers as a "meta" service tagged shard=ID with its
// client URL as address. New containers go to a shard drawn at random
// weighted by its score, the lowest score of its live members: a shard is
// as good as its most loaded member.
type Shards struct {
	reg    conscience.Registry
	root   meta.Engine
	prefix string
	log    *slog.Logger

	// TLS, when set, is the client config of the shards' members
	// (mutual TLS); set it before the first Engine call.
	TLS *tls.Config

	mu      sync.Mutex
	engines map[string]*metaetcd.Engine
}

// NewShards returns the shard source of a gateway; root serves shard
// RootShard, other shards get their own etcd clients, namespaced by
// prefix.
func NewShards(reg conscience.Registry, root meta.Engine, prefix string, log *slog.Logger) *Shards {
	return &Shards{reg: reg, root: root, prefix: prefix, log: log, engines: map[string]*metaetcd.Engine{}}
}

// members returns the shard's member addresses, sorted, and its score.
func (s *Shards) members(ctx context.Context) (map[string][]string, map[string]int) {
	svcs, _ := s.reg.Services(ctx, strata.ServiceMeta)
	addrs, scores := map[string][]string{}, map[string]int{}
	for _, svc := range svcs {
		id := svc.Tags["shard"]
		if id == "" || svc.Addr == "" {
			continue
		}
		addrs[id] = append(addrs[id], svc.Addr)
		if svc.Score > 0 {
			if cur, ok := scores[id]; !ok || svc.Score < cur {
				scores[id] = svc.Score
			}
		}
	}
	for id := range addrs {
		sort.Strings(addrs[id])
	}
	return addrs, scores
}

// Engine implements directory.ShardSource.
func (s *Shards) Engine(ctx context.Context, id string) (meta.Engine, error) {
	if id == RootShard {
		return s.root, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.engines[id]; ok {
		return e, nil
	}
	addrs, _ := s.members(ctx)
	if len(addrs[id]) == 0 {
		return nil, strata.Errorf("cluster.Shards", strata.Unavailable, "no member of metadata shard %q is known", id)
	}
	cli, err := metaetcd.NewTLSClient(addrs[id], s.TLS)
	if err != nil {
		return nil, err
	}
	e, err := metaetcd.Open(ctx, metaetcd.Options{Client: cli, Prefix: s.prefix, Logger: s.log})
	if err != nil {
		cli.Close()
		return nil, err
	}
	s.engines[id] = e
	s.log.Info("metadata shard reached", "shard", id, "members", addrs[id])
	return e, nil
}

// Pick implements directory.ShardSource.
func (s *Shards) Pick(ctx context.Context) (string, error) {
	_, scores := s.members(ctx)
	if len(scores) == 0 {
		return RootShard, nil
	}
	ids := make([]string, 0, len(scores))
	total := 0
	for id, sc := range scores {
		ids = append(ids, id)
		total += sc
	}
	slices.Sort(ids)
	x := rand.IntN(total)
	for _, id := range ids {
		if x < scores[id] {
			return id, nil
		}
		x -= scores[id]
	}
	return ids[len(ids)-1], nil
}

// Close closes the clients of the other shards.
func (s *Shards) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, e := range s.engines {
		e.Client().Close()
		delete(s.engines, id)
	}
	return nil
}

// FollowContainers calls forget with the bucket name of every container
// record that changes or disappears under key, until ctx ends: gateways
// cache bucket lookups and must drop what another gateway changed.
func FollowContainers(ctx context.Context, cli *clientv3.Client, key string, log *slog.Logger, forget func(name string)) {
	for ctx.Err() == nil {
		wctx, cancel := context.WithCancel(clientv3.WithRequireLeader(ctx))
		for resp := range cli.Watch(wctx, key, clientv3.WithPrefix(), clientv3.WithPrevKV()) {
			if resp.Err() != nil {
				break
			}
			for _, ev := range resp.Events {
				vals := [][]byte{ev.Kv.Value}
				if ev.PrevKv != nil {
					vals = append(vals, ev.PrevKv.Value)
				}
				for _, v := range vals {
					var c struct {
						Name string `json:"name"`
					}
					if len(v) > 0 && json.Unmarshal(v, &c) == nil && c.Name != "" {
						forget(c.Name)
					}
				}
			}
		}
		cancel()
		// The watch broke (leader loss, compaction): anything may have
		// changed meanwhile, so callers forget everything.
		forget("")
		sleep(ctx, 200*time.Millisecond)
	}
}

// FollowPrefix calls apply with every change under prefix, in commit
// order (value nil for a deletion), until ctx ends. Each time the watch
// is established, reset runs before any change is applied, and the
// caller reloads everything: a change committed between the caller's
// first load and the watch's start, or while a broken watch (leader loss,
// compaction) was down, is not missed. Changes delivered after the reload
// are applied in order, so each key ends at its newest value.
func FollowPrefix(ctx context.Context, cli *clientv3.Client, prefix string, log *slog.Logger, apply func(key, value []byte), reset func()) {
	for ctx.Err() == nil {
		wctx, cancel := context.WithCancel(clientv3.WithRequireLeader(ctx))
		for resp := range cli.Watch(wctx, prefix, clientv3.WithPrefix(), clientv3.WithCreatedNotify()) {
			if resp.Err() != nil {
				log.Debug("watch broke", "prefix", prefix, "err", resp.Err())
				break
			}
			if resp.Created {
				reset()
				continue
			}
			for _, ev := range resp.Events {
				var v []byte
				if ev.Type != clientv3.EventTypeDelete {
					v = ev.Kv.Value
				}
				apply(ev.Kv.Key, v)
			}
		}
		cancel()
		sleep(ctx, 200*time.Millisecond)
	}
}
