package cluster

import (
	"context"
	"log/slog"
	"maps"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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

// Registry is a conscience shared by every node. Register records a
// service locally at once; once per period the node writes all of its
// services in one etcd transaction under its one lease (a Heartbeater).
// One elected node turns the stats records into a score digest, published
// once per period; every node follows only the descriptions, the digest,
// the locks and the formula, so Select never leaves the process and the
// watch traffic per node does not grow with the cluster. If the digest
// goes stale (no publisher, or another formula), a node reads the stats
// records itself and scores them with its own formula. A node that dies
// stops heartbeating: the publisher scores it 0 after six silent periods
// (at most the expiry), and its records disappear when its lease lapses
// after LeaseTTL.
type Registry struct {
	local *conscience.Local
	// nodeFormula is this node's --score-formula, used while the cluster
	// has none set.
	nodeFormula string
	cli         *clientv3.Client
	log         *slog.Logger
	opts        options
	expiry      time.Duration
	hb          *Heartbeater

	mineMu sync.Mutex
	mine   map[string]mineEntry // this node's services, by id
	kick   chan struct{}        // a new service: write the records soon

	viewMu      sync.Mutex
	descs       map[string]nodeDesc // every node's description, by node
	lastDigest  time.Time
	nextPoll    time.Time // no fallback read of the stats records before
	staleJitter time.Duration
	polled      map[string]int64 // stats revision last scored by the fallback, by node

	events, digests, polls, published atomic.Int64

	ready  chan struct{}
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

type mineEntry struct {
	svc strata.Service
	at  time.Time
}

var (
	_ conscience.Registry = (*Registry)(nil)
	_ conscience.Placer   = (*Registry)(nil)
)

// LeaseTTL is how long a silent node's registrations outlive it.
const LeaseTTL = 10

// NewRegistry loads the registrations and locks from etcd and follows
// them until Close.
func NewRegistry(ctx context.Context, cli *clientv3.Client, cfg conscience.Config, opt ...Option) (*Registry, error) {
	o := defaultOptions()
	for _, f := range opt {
		f(&o)
	}
	cfg.LockStore = lockStore{cli}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	local, err := conscience.NewLocal(cfg)
	if err != nil {
		return nil, err
	}
	expiry := cfg.Expiry
	if expiry == 0 {
		expiry = conscience.DefaultExpiry
	}
	bg, cancel := context.WithCancel(context.Background())
	r := &Registry{local: local, nodeFormula: local.Formula(), cli: cli, log: cfg.Logger, opts: o, expiry: expiry,
		hb: NewHeartbeater(cli, o.node, LeaseTTL, cfg.Logger), mine: map[string]mineEntry{}, kick: make(chan struct{}, 1),
		descs: map[string]nodeDesc{}, polled: map[string]int64{}, cancel: cancel, ready: make(chan struct{}),
		staleJitter: rand.N(o.period + 1)}
	r.goLoop(func() { r.follow(bg) })
	select {
	case <-r.ready:
	case <-ctx.Done():
		r.Close()
		return nil, strata.E("cluster.NewRegistry", strata.Unavailable, ctx.Err())
	}
	r.viewMu.Lock()
	digested := !r.lastDigest.IsZero()
	r.viewMu.Unlock()
	if !digested {
		// No digest yet (a new cluster, or another formula): score the
		// stats records at once rather than after the fallback delay.
		r.poll(ctx)
	}
	r.goLoop(func() { r.tick(bg) })
	if o.candidate {
		r.goLoop(func() { r.campaign(bg) })
	}
	return r, nil
}

func (r *Registry) goLoop(f func()) {
	r.wg.Add(1)
	go func() { defer r.wg.Done(); f() }()
}

// Local is the scorer fed by the watch.
func (r *Registry) Local() *conscience.Local { return r.local }

// Register records the service locally at once; the node's next
// heartbeat (within a period, sooner for a new service) carries it to
// every node.
func (r *Registry) Register(ctx context.Context, s strata.Service) error {
	if err := r.local.Register(ctx, s); err != nil {
		return err
	}
	s.Tags, s.Stats.Extra = maps.Clone(s.Tags), maps.Clone(s.Stats.Extra)
	r.mineMu.Lock()
	_, known := r.mine[s.ID]
	r.mine[s.ID] = mineEntry{svc: s, at: time.Now()}
	r.mineMu.Unlock()
	if !known {
		select {
		case r.kick <- struct{}{}:
		default:
		}
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
	r.wg.Wait()
	return r.hb.Close()
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
