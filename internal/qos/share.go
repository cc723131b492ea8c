package qos

import (
	"context"
	"encoding/json"
	"math"
	"time"
)

// Sharing a cluster-wide limit L among gateways, without a lock per
// request:
//
// Every Interval, each gateway measures the requests that asked for each
// limited scope (its demand d, admitted or not) and publishes the figures
// on a board that every gateway reads (an Exchange). Its share of L is
// then
//
//	share = (d_self + ε) / (Σ d + n·ε),  ε = 2% · Σ d / n (or tiny if Σ d = 0)
//
// over the n gateways on the board. The shares sum to 1 when the gateways
// see the same figures, so the buckets' rates sum to L; ε keeps a share
// for a gateway with no traffic yet, so its first request passes and its
// demand shows up on the board.
//
// Error bound. Over any span of T seconds the cluster admits at most
// L·T + B + n requests, where B is the burst (one second of L unless
// set): the buckets' rates sum to L, their capacities to B, plus the one
// token every gateway's bucket holds however small its share. Figures are
// a little stale (one Interval plus the watch's delivery), so when the
// traffic moves from one gateway to another, the shares lag by up to
// about one Interval: a gateway whose traffic grew admits less than its
// due meanwhile (never more in total, as each bucket's tokens are clipped
// to its new capacity). A gateway that dies keeps its share until its
// board entry expires (its lease, 10 s): the others admit less meanwhile.
//
// Bandwidth limits are split the same way, each by its own demand (the
// bytes asked per second), so the three dimensions have their own shares.

// Interval is how often Run rebalances the shares.
const Interval = 500 * time.Millisecond

// Exchange is the board on which gateways publish their demand.
type Exchange interface {
	// Publish replaces this gateway's value on the board. It is called
	// every Interval, with the same value while the demand is steady.
	Publish(ctx context.Context, value []byte) error
	// Entries returns the value of every live gateway, by name.
	Entries() map[string][]byte
	// Self is this gateway's name on the board.
	Self() string
}

// balance is Rebalance's state.
type balance struct {
	last     int64
	gateways int            // on the board at the last rebalance, this one included
	demand   map[Scope]dims // asked here per second, smoothed
}

// dims are figures of a limit's three dimensions: requests, bytes in and
// bytes out. Each is shared by its own demand, so a gateway serving a few
// large GETs gets the byte budget, and one serving many small requests
// the request rate.
type dims [3]float64

// demandOf maps Scope.String() to the demand per second, as published.
type demandOf map[string]dims

// Run rebalances every Interval until ctx ends.
func (l *Limiter) Run(ctx context.Context, ex Exchange) {
	t := time.NewTicker(Interval)
	defer t.Stop()
	l.Rebalance(ctx, ex) // a new gateway takes its share before its first request
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := l.Rebalance(ctx, ex); err != nil && ctx.Err() == nil {
				l.log.Warn("qos rebalance failed", "err", err)
			}
		}
	}
}

// Rebalance measures this gateway's demand since the last call,
// publishes it, and recomputes its shares from every gateway's figures.
func (l *Limiter) Rebalance(ctx context.Context, ex Exchange) error {
	mine := l.measure()
	b, _ := json.Marshal(mine)
	if err := ex.Publish(ctx, b); err != nil {
		return err
	}
	var peers []demandOf
	for name, v := range ex.Entries() {
		if name == ex.Self() {
			continue
		}
		var d demandOf
		if json.Unmarshal(v, &d) == nil {
			peers = append(peers, d)
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.bal.gateways = len(peers) + 1
	l.shares = shares(l.limited(), l.bal.demand, peers)
	l.rebuild()
	return nil
}

// measure turns the requests counted since the last call into smoothed
// rates and returns the non-zero ones, rounded to two digits so that a
// steady load does not rewrite the board every time.
func (l *Limiter) measure() demandOf {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	dt := float64(now-l.bal.last) / 1e9
	l.bal.last = now
	next := make(map[Scope]dims, len(l.entries))
	out := demandOf{}
	for sc, e := range l.limited() {
		var d, pub dims
		for i := range d {
			rate := 0.0
			if dt > 0 {
				rate = float64(e.seen[i].Swap(0)) / dt
			}
			if d[i] = 0.5*l.bal.demand[sc][i] + 0.5*rate; d[i] < 0.01 {
				d[i] = 0
			}
			pub[i] = round2(d[i])
		}
		next[sc] = d
		if pub != (dims{}) {
			out[sc.String()] = pub
		}
	}
	l.bal.demand = next
	return out
}

// round2 keeps two significant digits.
func round2(x float64) float64 {
	if x <= 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(x))-1)
	return math.Round(x/p) * p
}

// shares computes this gateway's share of every limit from its own
// demand and its peers' (see the comment at the top of the file).
func shares[V any](limits map[Scope]V, own map[Scope]dims, peers []demandOf) map[Scope]dims {
	if len(peers) == 0 {
		return map[Scope]dims{}
	}
	n := float64(len(peers) + 1)
	out := make(map[Scope]dims, len(limits))
	for sc := range limits {
		key := sc.String()
		var f dims
		for i := range f {
			total := own[sc][i]
			for _, p := range peers {
				total += p[key][i]
			}
			eps := 0.02*total/n + 1e-9
			f[i] = (own[sc][i] + eps) / (total + n*eps)
		}
		out[sc] = f
	}
	return out
}
