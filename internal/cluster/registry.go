package cluster

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/strata"
)

// Key layout in etcd.
const (
	servicePrefix = "/strata/conscience/svc/"
	lockPrefix    = "/strata/conscience/lock/"
	formulaKey    = "/strata/conscience/formula"
)

// Registry is a conscience shared by every node: Register writes the
// heartbeat to etcd under this node's lease; a watch feeds every
// heartbeat and lock into a local scorer, so Select never leaves the
// process. A node that dies stops heartbeating: its lease lapses after
// LeaseTTL and its services are forgotten everywhere; the scorer's own
// expiry catches a silent node sooner if its lease outlives it.
type Registry struct {
	local *conscience.Local
	// nodeFormula is this node's --score-formula, used while the cluster
	// has none set.
	nodeFormula string
	cli         *clientv3.Client
	log         *slog.Logger
	ttl         int64

	leaseMu sync.Mutex
	lease   clientv3.LeaseID

	ready  chan struct{}
	cancel context.CancelFunc
	done   chan struct{}
}

var (
	_ conscience.Registry = (*Registry)(nil)
	_ conscience.Placer   = (*Registry)(nil)
)

// LeaseTTL is how long a silent node's registrations outlive it.
const LeaseTTL = 10

// NewRegistry loads the registrations and locks from etcd and follows
// them until Close.
func NewRegistry(ctx context.Context, cli *clientv3.Client, cfg conscience.Config) (*Registry, error) {
	cfg.LockStore = lockStore{cli}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	local, err := conscience.NewLocal(cfg)
	if err != nil {
		return nil, err
	}
	bg, cancel := context.WithCancel(context.Background())
	r := &Registry{local: local, nodeFormula: local.Formula(), cli: cli, log: cfg.Logger, ttl: LeaseTTL, cancel: cancel,
		done: make(chan struct{}), ready: make(chan struct{})}
	go r.follow(bg)
	select {
	case <-r.ready:
		return r, nil
	case <-ctx.Done():
		r.Close()
		return nil, strata.E("cluster.NewRegistry", strata.Unavailable, ctx.Err())
	}
}

// Local is the scorer fed by the watch.
func (r *Registry) Local() *conscience.Local { return r.local }

// Register records the service locally at once and heartbeats it to
// every node.
func (r *Registry) Register(ctx context.Context, s strata.Service) error {
	if err := r.local.Register(ctx, s); err != nil {
		return err
	}
	lease, err := r.leaseID(ctx)
	if err != nil {
		return err
	}
	b, _ := json.Marshal(s)
	if _, err := r.cli.Put(ctx, servicePrefix+s.ID, string(b), clientv3.WithLease(lease)); err != nil {
		r.dropLease(lease)
		return strata.E("cluster.Register", strata.Unavailable, err)
	}
	return nil
}

// Services implements conscience.Registry.
func (r *Registry) Services(ctx context.Context, typ string) ([]strata.Service, error) {
	return r.local.Services(ctx, typ)
}

// Lock persists the lock in etcd; every node applies it from the watch.
func (r *Registry) Lock(ctx context.Context, id string, score int) error {
	return r.local.Lock(ctx, id, score)
}

// Unlock implements conscience.Registry.
func (r *Registry) Unlock(ctx context.Context, id string) error { return r.local.Unlock(ctx, id) }

// Select implements conscience.Placer.
func (r *Registry) Select(ctx context.Context, typ string, n int, opts conscience.SelectOptions) ([]strata.Service, bool, error) {
	return r.local.Select(ctx, typ, n, opts)
}

// SetFormula sets the score formula of the whole cluster ("" returns
// every node to its own --score-formula). Every node applies it from the
// watch, this one included.
func (r *Registry) SetFormula(ctx context.Context, src string) error {
	var err error
	if src == "" {
		_, err = r.cli.Delete(ctx, formulaKey)
	} else {
		if _, perr := conscience.ParseFormula(src); perr != nil {
			return perr
		}
		_, err = r.cli.Put(ctx, formulaKey, src)
	}
	if err != nil {
		return strata.E("cluster.SetFormula", strata.Unavailable, err)
	}
	return nil
}

// Formula is the formula scores are computed with now.
func (r *Registry) Formula() string { return r.local.Formula() }

// Close stops following and revokes this node's lease, so that its
// services disappear at once on a clean shutdown.
func (r *Registry) Close() error {
	r.cancel()
	<-r.done
	r.leaseMu.Lock()
	lease := r.lease
	r.leaseMu.Unlock()
	if lease != 0 {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		r.cli.Revoke(ctx, lease)
		cancel()
	}
	return nil
}

func (r *Registry) leaseID(ctx context.Context) (clientv3.LeaseID, error) {
	r.leaseMu.Lock()
	defer r.leaseMu.Unlock()
	if r.lease != 0 {
		return r.lease, nil
	}
	g, err := r.cli.Grant(ctx, r.ttl)
	if err != nil {
		return 0, strata.E("cluster.Register", strata.Unavailable, err)
	}
	ch, err := r.cli.KeepAlive(context.WithoutCancel(ctx), g.ID)
	if err != nil {
		return 0, strata.E("cluster.Register", strata.Unavailable, err)
	}
	r.lease = g.ID
	go func() {
		for range ch {
		}
		// The lease is gone (expired during a partition, or revoked):
		// the next heartbeat takes a new one.
		r.dropLease(g.ID)
	}()
	return g.ID, nil
}

func (r *Registry) dropLease(id clientv3.LeaseID) {
	r.leaseMu.Lock()
	if r.lease == id {
		r.lease = 0
	}
	r.leaseMu.Unlock()
}

// follow loads the state and applies every change, reloading after a
// broken or compacted watch.
func (r *Registry) follow(ctx context.Context) {
	defer close(r.done)
	first := true
	for ctx.Err() == nil {
		rev, err := r.load(ctx)
		if err != nil {
			r.log.Warn("conscience reload failed", "err", err)
			sleep(ctx, time.Second)
			continue
		}
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
			for _, ev := range resp.Events {
				r.apply(string(ev.Kv.Key), ev.Kv.Value, ev.Type == clientv3.EventTypeDelete)
			}
		}
		cancel()
		sleep(ctx, 200*time.Millisecond)
	}
}

func (r *Registry) load(ctx context.Context) (int64, error) {
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	resp, err := r.cli.Get(cctx, "/strata/conscience/", clientv3.WithPrefix())
	if err != nil {
		return 0, err
	}
	for _, kv := range resp.Kvs {
		r.apply(string(kv.Key), kv.Value, false)
	}
	return resp.Header.Revision, nil
}

func (r *Registry) apply(key string, val []byte, deleted bool) {
	switch {
	case strings.HasPrefix(key, servicePrefix):
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
	case key == formulaKey:
		f := string(val)
		if deleted {
			f = r.nodeFormula
		}
		if err := r.local.SetFormula(f); err != nil {
			r.log.Warn("cluster score formula refused", "formula", f, "err", err)
		}
	case strings.HasPrefix(key, lockPrefix):
		id := strings.TrimPrefix(key, lockPrefix)
		score, _ := strconv.Atoi(string(val))
		r.local.ApplyLock(id, score, !deleted)
	}
}

// lockStore keeps operator locks in etcd, so they survive restarts and
// reach every node.
type lockStore struct{ cli *clientv3.Client }

func (s lockStore) LoadLocks(ctx context.Context) (map[string]int, error) {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	resp, err := s.cli.Get(cctx, lockPrefix, clientv3.WithPrefix())
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, kv := range resp.Kvs {
		out[strings.TrimPrefix(string(kv.Key), lockPrefix)], _ = strconv.Atoi(string(kv.Value))
	}
	return out, nil
}

func (s lockStore) SaveLock(ctx context.Context, id string, score int, locked bool) error {
	var err error
	if locked {
		_, err = s.cli.Put(ctx, lockPrefix+id, strconv.Itoa(score))
	} else {
		_, err = s.cli.Delete(ctx, lockPrefix+id)
	}
	return err
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
