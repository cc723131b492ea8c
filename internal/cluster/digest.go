package cluster

import (
	"context"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"

	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/strata"
)

const (
	digestKey   = "/strata/conscience/digest"
	electionKey = "/strata/jobs/conscience-digest"
)

// digest is the score digest: one elected node computes every service's
// score from the stats records and publishes it once per period, so a
// gateway follows one key instead of every node's heartbeat.
type digest struct {
	// Formula is the formula the scores were computed with; a gateway
	// scoring with another one ignores the digest and scores itself.
	Formula string       `json:"formula"`
	Nodes   []digestNode `json:"nodes"`
}

// digestNode holds one node's scores in the order of the services of its
// description record, as of that record's revision.
type digestNode struct {
	Node  string `json:"n"`
	Rev   int64  `json:"r"` // mod revision of the node's description record
	Score []byte `json:"s"` // per service: 0..100
	Free  []byte `json:"f"` // per service: space free in percent, for listings
}

// nodeDesc is a node's description record as a follower knows it.
type nodeDesc struct {
	rev  int64
	svcs []strata.Service
}

// statsRec is a node's stats record as the publisher knows it: seen is
// when its revision last changed on this clock, so a node that stopped
// beating is noticed without comparing clocks across nodes.
type statsRec struct {
	rev   int64
	seen  time.Time
	stats map[string]strata.Stats
}

// campaign stands in the election of the digest publisher until ctx ends,
// publishing while elected. The candidacy rides on the node's own lease:
// if the node dies its candidacy lapses with its records, and the next
// candidate takes over.
func (r *Registry) campaign(ctx context.Context) {
	for ctx.Err() == nil {
		if err := r.campaignOnce(ctx); err != nil && ctx.Err() == nil {
			r.log.Warn("conscience digest election failed", "err", err)
		}
		sleep(ctx, r.opts.period)
	}
}

func (r *Registry) campaignOnce(ctx context.Context) error {
	lease, err := r.hb.Lease(ctx)
	if err != nil {
		return err
	}
	sess, err := concurrency.NewSession(r.cli, concurrency.WithLease(lease), concurrency.WithContext(ctx))
	if err != nil {
		return err
	}
	// Orphan, not Close: closing would revoke the node's lease.
	defer sess.Orphan()
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-sess.Done():
		case <-cctx.Done():
		}
		cancel()
	}()
	e := concurrency.NewElection(sess, electionKey)
	// When its context ends, Campaign resigns with the client's own
	// context, a call that waits for etcd: with quorum gone (a cluster
	// stopping node after node) it never returns, and Close would wait
	// for ever. Campaign runs apart; it ends when etcd answers or the
	// client is closed.
	won := make(chan error, 1)
	go func() { won <- e.Campaign(cctx, r.hb.Node()) }()
	select {
	case err := <-won:
		if err != nil {
			return err
		}
	case <-cctx.Done():
		return cctx.Err()
	}
	r.log.Info("publishing the conscience digest", "node", r.hb.Node())
	r.publish(cctx)
	rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	defer rcancel()
	e.Resign(rctx)
	return nil
}

// publish follows the stats records and writes the digest every period
// until ctx ends.
func (r *Registry) publish(ctx context.Context) {
	var mu sync.Mutex
	recs := map[string]*statsRec{}
	loaded := make(chan struct{})
	go r.followStats(ctx, &mu, recs, loaded)
	select {
	case <-loaded:
	case <-ctx.Done():
		return
	}
	t := time.NewTicker(r.opts.period)
	defer t.Stop()
	for {
		mu.Lock()
		b := r.buildDigest(recs, time.Now())
		mu.Unlock()
		pctx, cancel := context.WithTimeout(ctx, r.opts.period+2*time.Second)
		if _, err := r.cli.Put(pctx, digestKey, string(b)); err != nil && ctx.Err() == nil {
			r.log.Warn("conscience digest not published", "err", err)
		} else if err == nil {
			r.published.Add(1)
		}
		cancel()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// followStats keeps recs equal to the stats records, reloading after a
// broken watch; loaded is closed after the first load.
func (r *Registry) followStats(ctx context.Context, mu *sync.Mutex, recs map[string]*statsRec, loaded chan struct{}) {
	first := true
	for ctx.Err() == nil {
		resp, err := r.cli.Get(ctx, statsPrefix, clientv3.WithPrefix())
		if err != nil {
			sleep(ctx, time.Second)
			continue
		}
		now := time.Now()
		mu.Lock()
		clear(recs)
		for _, kv := range resp.Kvs {
			setStats(recs, string(kv.Key), kv.Value, kv.ModRevision, now)
		}
		mu.Unlock()
		if first {
			close(loaded)
			first = false
		}
		wctx, cancel := context.WithCancel(clientv3.WithRequireLeader(ctx))
		for w := range r.cli.Watch(wctx, statsPrefix, clientv3.WithPrefix(), clientv3.WithRev(resp.Header.Revision+1)) {
			if w.Err() != nil {
				break
			}
			now := time.Now()
			mu.Lock()
			for _, ev := range w.Events {
				if ev.Type == clientv3.EventTypeDelete {
					delete(recs, strings.TrimPrefix(string(ev.Kv.Key), statsPrefix))
				} else {
					setStats(recs, string(ev.Kv.Key), ev.Kv.Value, ev.Kv.ModRevision, now)
				}
			}
			mu.Unlock()
		}
		cancel()
		sleep(ctx, 200*time.Millisecond)
	}
}

func setStats(recs map[string]*statsRec, key string, val []byte, rev int64, now time.Time) {
	var svcs []strata.Service
	if json.Unmarshal(val, &svcs) != nil {
		return
	}
	st := make(map[string]strata.Stats, len(svcs))
	for _, s := range svcs {
		st[s.ID] = s.Stats
	}
	node := strings.TrimPrefix(key, statsPrefix)
	if old, ok := recs[node]; ok && old.rev == rev {
		return
	}
	recs[node] = &statsRec{rev: rev, seen: now, stats: st}
}

// silentAfter is how long the publisher waits for a node's next
// heartbeat before scoring its services 0: six missed periods, but never
// longer than the expiry. That keeps a dead node's volumes out of new
// placements within 10 s of its last heartbeat, while a node slowed down
// for a few seconds keeps its place.
func (r *Registry) silentAfter() time.Duration { return min(r.expiry, 6*r.opts.period) }

// buildDigest scores every described service: from its node's latest
// stats, or 0 when the node has been silent for the expiry or the
// service failed.
func (r *Registry) buildDigest(recs map[string]*statsRec, now time.Time) []byte {
	src := r.local.Formula()
	f, err := conscience.ParseFormula(src)
	if err != nil {
		f, _ = conscience.ParseFormula(conscience.DefaultFormula)
	}
	r.viewMu.Lock()
	nodes := make([]string, 0, len(r.descs))
	for n := range r.descs {
		nodes = append(nodes, n)
	}
	descs := make(map[string]nodeDesc, len(r.descs))
	for n, d := range r.descs {
		descs[n] = d
	}
	r.viewMu.Unlock()
	slices.Sort(nodes)
	// A node is silent when its last record is old both by the clock and
	// against the newest record of any node. The second test keeps a
	// publisher whose watch fell behind (an overloaded root, or this
	// process starved of CPU) from scoring the whole cluster 0 at once:
	// the scale simulation showed live volumes dropped that way.
	var newest time.Time
	for _, rec := range recs {
		if rec.seen.After(newest) {
			newest = rec.seen
		}
	}
	silent := func(rec *statsRec) bool {
		return now.Sub(rec.seen) >= r.silentAfter() && newest.Sub(rec.seen) >= r.silentAfter()
	}
	d := digest{Formula: src, Nodes: make([]digestNode, 0, len(nodes))}
	for _, n := range nodes {
		desc := descs[n]
		dn := digestNode{Node: n, Rev: desc.rev, Score: make([]byte, len(desc.svcs)), Free: make([]byte, len(desc.svcs))}
		if rec, ok := recs[n]; ok && !silent(rec) {
			for i, s := range desc.svcs {
				if st, ok := rec.stats[s.ID]; ok {
					dn.Score[i] = byte(conscience.Rate(f, st))
					dn.Free[i] = byte(math.Round(min(100, max(0, st.SpaceFree))))
				}
			}
		}
		d.Nodes = append(d.Nodes, dn)
	}
	return encodeDigest(d)
}

// applyDigest applies a published digest to the local scorer. It is
// skipped (and the gateway soon falls back to scoring itself) if it was
// computed with another formula; a node whose description this gateway
// has not seen at the digest's revision keeps its previous scores.
func (r *Registry) applyDigest(val []byte) {
	d, err := decodeDigest(val)
	if err != nil {
		r.log.Warn("bad conscience digest", "err", err)
		return
	}
	if d.Formula != r.local.Formula() {
		return
	}
	r.viewMu.Lock()
	defer r.viewMu.Unlock()
	for _, dn := range d.Nodes {
		desc, ok := r.descs[dn.Node]
		if !ok || desc.rev != dn.Rev || len(dn.Score) != len(desc.svcs) {
			continue
		}
		r.local.ApplyScores(desc.svcs, dn.Score, dn.Free)
	}
	r.lastDigest = time.Now()
	r.digests.Add(1)
}
