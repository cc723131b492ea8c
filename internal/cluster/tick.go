package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/strata-storage/strata/internal/strata"
)

// Option tunes a Registry.
type Option func(*options)

type options struct {
	node      string
	period    time.Duration
	candidate bool
}

func defaultOptions() options {
	host, _ := os.Hostname()
	return options{node: fmt.Sprintf("%s-%d-%08x", host, os.Getpid(), rand.Uint32()), period: time.Second, candidate: true}
}

// WithNode names the node's records (default: host, pid and a random
// suffix). Names must be unique in the cluster.
func WithNode(name string) Option {
	return func(o *options) {
		if name != "" {
			o.node = name
		}
	}
}

// WithPeriod sets the heartbeat and digest period (default 1 s).
func WithPeriod(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.period = d
		}
	}
}

// WithCandidate says whether the node may be elected to publish the
// score digest (default true).
func WithCandidate(ok bool) Option { return func(o *options) { o.candidate = ok } }

// Counters are what a Registry has done since it started, for metrics
// and the scale simulation.
type Counters struct {
	WatchEvents int64 // events received on the followed prefix
	Digests     int64 // digests applied
	Polls       int64 // fallback reads of the stats records
	Published   int64 // digests written while elected
	Heartbeats  int64 // heartbeat transactions written
}

// Counters returns the counters so far.
func (r *Registry) Counters() Counters {
	return Counters{WatchEvents: r.events.Load(), Digests: r.digests.Load(), Polls: r.polls.Load(),
		Published: r.published.Load(), Heartbeats: r.hb.Writes()}
}

// staleAfter is how long without a usable digest before a node scores
// the stats records itself: three missed periods, plus up to one more
// that differs from node to node, so that gateways do not all fall back
// in the same second.
func (r *Registry) staleAfter() time.Duration { return 3*r.opts.period + r.staleJitter }

// tick writes this node's heartbeat every period (and soon after a new
// service registers), and falls back to scoring the stats records itself
// while the digest is stale.
func (r *Registry) tick(ctx context.Context) {
	t := time.NewTicker(r.opts.period)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.kick:
			// Let a node's services that start together share a write.
			sleep(ctx, 50*time.Millisecond)
			r.flush(ctx)
		case <-t.C:
			r.flush(ctx)
			r.viewMu.Lock()
			stale := time.Since(r.lastDigest) > r.staleAfter()
			due := time.Now().After(r.nextPoll)
			r.viewMu.Unlock()
			if stale && due {
				r.poll(ctx)
				r.viewMu.Lock()
				r.nextPoll = time.Now().Add(r.pollEvery())
				r.viewMu.Unlock()
			}
		}
	}
}

// pollEvery is the time between two fallback reads of the stats records:
// one period in a small cluster, one more per 250 nodes up to five, and
// never more than half the expiry (so that a live node scored by these
// reads alone does not expire between two), jittered by a quarter either
// way. Every gateway of a cluster whose digest is late falls back at
// once, and each read carries every node's record: without this, 200
// gateways over 1,000 nodes read a gigabyte a second from the root
// cluster, the very overload that made the digest late (the scale
// simulation showed it). Caller holds viewMu.
func (r *Registry) pollEvery() time.Duration {
	k := max(1, min(5, len(r.descs)/250, int(r.expiry/(2*r.opts.period))))
	d := time.Duration(k) * r.opts.period
	return d*3/4 + rand.N(d/2+1)
}

// flush writes this node's services registered within the expiry as one
// heartbeat; a service no longer registered drops out of the records.
func (r *Registry) flush(ctx context.Context) {
	r.mineMu.Lock()
	svcs := make([]strata.Service, 0, len(r.mine))
	for id, e := range r.mine {
		if time.Since(e.at) > r.expiry {
			delete(r.mine, id)
			continue
		}
		svcs = append(svcs, e.svc)
	}
	r.mineMu.Unlock()
	if len(svcs) == 0 {
		return
	}
	bctx, cancel := context.WithTimeout(ctx, r.opts.period+2*time.Second)
	defer cancel()
	if err := r.hb.Beat(bctx, svcs); err != nil && ctx.Err() == nil {
		r.log.Warn("heartbeat failed", "node", r.hb.Node(), "err", err)
	}
}

// poll scores the stats records with this node's formula: the fallback
// while no fresh digest arrives. A record whose revision did not change
// since the last poll is left to age, so a silent node expires here too.
func (r *Registry) poll(ctx context.Context) {
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	resp, err := r.cli.Get(pctx, statsPrefix, clientv3.WithPrefix())
	if err != nil {
		if ctx.Err() == nil {
			r.log.Warn("conscience stats read failed", "err", err)
		}
		return
	}
	r.polls.Add(1)
	for _, kv := range resp.Kvs {
		node := strings.TrimPrefix(string(kv.Key), statsPrefix)
		r.viewMu.Lock()
		same := r.polled[node] == kv.ModRevision
		r.polled[node] = kv.ModRevision
		r.viewMu.Unlock()
		if same {
			continue
		}
		var svcs []strata.Service
		if err := json.Unmarshal(kv.Value, &svcs); err != nil {
			r.log.Warn("bad node stats record", "node", node, "err", err)
			continue
		}
		for _, s := range svcs {
			r.local.Register(ctx, s)
		}
	}
}

// applySetting applies the cluster formula and the operator locks.
func (r *Registry) applySetting(key string, val []byte, deleted bool) {
	switch {
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
