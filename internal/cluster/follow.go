package cluster

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/strata-storage/strata/internal/strata"
)

// follow loads the state and applies every change, reloading after a
// broken or compacted watch.
func (r *Registry) follow(ctx context.Context) {
	first := true
	backoff := time.Second
	for ctx.Err() == nil {
		rev, err := r.load(ctx)
		if err != nil {
			// Back off with jitter: a root cluster too slow to serve the
			// whole view in time is not helped by every gateway asking
			// again each second.
			r.log.Warn("conscience reload failed", "err", err, "retry", backoff)
			sleep(ctx, backoff/2+rand.N(backoff))
			backoff = min(2*backoff, 16*time.Second)
			continue
		}
		backoff = time.Second
		if first {
			close(r.ready)
			first = false
		}
		wctx, cancel := context.WithCancel(clientv3.WithRequireLeader(ctx))
		for resp := range r.cli.Watch(wctx, "/strata/conscience/", clientv3.WithPrefix(), clientv3.WithRev(rev+1)) {
			if resp.Err() != nil {
				r.log.Warn("conscience watch broken", "err", resp.Err())
				break
			}
			r.events.Add(int64(len(resp.Events)))
			for _, ev := range resp.Events {
				r.apply(string(ev.Kv.Key), ev.Kv.Value, ev.Kv.ModRevision, ev.Type == clientv3.EventTypeDelete)
			}
		}
		cancel()
		sleep(ctx, 200*time.Millisecond)
	}
}

// load reads the whole followed state: descriptions before the digest
// that refers to them, and forgets nodes that left while the watch was
// broken.
func (r *Registry) load(ctx context.Context) (int64, error) {
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	resp, err := r.cli.Get(cctx, "/strata/conscience/", clientv3.WithPrefix())
	if err != nil {
		return 0, err
	}
	seen := map[string]bool{}
	var dig []byte
	for _, kv := range resp.Kvs {
		key := string(kv.Key)
		if key == digestKey {
			dig = kv.Value
			continue
		}
		if node, ok := strings.CutPrefix(key, nodePrefix); ok {
			seen[node] = true
		}
		r.apply(key, kv.Value, kv.ModRevision, false)
	}
	r.viewMu.Lock()
	var gone []string
	for node := range r.descs {
		if !seen[node] {
			gone = append(gone, node)
		}
	}
	r.viewMu.Unlock()
	for _, node := range gone {
		r.dropNode(node)
	}
	if dig != nil {
		r.applyDigest(dig)
	}
	return resp.Header.Revision, nil
}

func (r *Registry) apply(key string, val []byte, rev int64, deleted bool) {
	switch {
	case key == digestKey:
		if !deleted {
			r.applyDigest(val)
		}
	case strings.HasPrefix(key, nodePrefix):
		node := strings.TrimPrefix(key, nodePrefix)
		if deleted {
			r.dropNode(node)
		} else {
			r.setDesc(node, val, rev)
		}
	case strings.HasPrefix(key, servicePrefix):
		// A node of the previous layout, during a rolling upgrade.
		id := strings.TrimPrefix(key, servicePrefix)
		if deleted {
			r.local.Forget(id)
			return
		}
		var s strata.Service
		if err := json.Unmarshal(val, &s); err != nil {
			r.log.Warn("bad service registration", "id", id, "err", err)
			return
		}
		r.local.Register(context.Background(), s)
	default:
		r.applySetting(key, val, deleted)
	}
}

// setDesc records a node's description and forgets the services it no
// longer lists; their scores come with the next digest.
func (r *Registry) setDesc(node string, val []byte, rev int64) {
	var svcs []strata.Service
	if err := json.Unmarshal(val, &svcs); err != nil {
		r.log.Warn("bad node record", "node", node, "err", err)
		return
	}
	r.viewMu.Lock()
	old := r.descs[node]
	r.descs[node] = nodeDesc{rev: rev, svcs: svcs}
	r.viewMu.Unlock()
	for _, s := range old.svcs {
		if !slices.ContainsFunc(svcs, func(n strata.Service) bool { return n.ID == s.ID }) {
			r.local.Forget(s.ID)
		}
	}
}

// dropNode forgets a node whose lease lapsed or that stopped cleanly.
func (r *Registry) dropNode(node string) {
	r.viewMu.Lock()
	old := r.descs[node]
	delete(r.descs, node)
	delete(r.polled, node)
	r.viewMu.Unlock()
	for _, s := range old.svcs {
		r.local.Forget(s.ID)
	}
}
