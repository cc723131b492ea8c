package qos

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Limiter is a gateway's copy of the limits and the token buckets that
// enforce its share of each. Admit is safe for concurrent use and takes
// no lock shared by all requests: it reads an immutable snapshot of the
// limits and locks only the buckets of the scopes the request falls in.
type Limiter struct {
	store *Store
	log   *slog.Logger
	now   func() int64 // nanoseconds; replaced by tests

	mu      sync.Mutex // serializes changes of limits and shares
	limits  map[Scope]Limit
	shares  map[Scope]dims // this gateway's share of each limit; absent = an equal share
	entries map[Scope]*entry
	snap    atomic.Pointer[snapshot]
	bal     balance // Rebalance's state (under mu)
	// dyn holds the entries of accounts under the default limit
	// (account/*), made on their first request: account name → *entry.
	// Only authenticated accounts get one, so it is bounded by the
	// accounts that exist.
	dyn sync.Map
}

// entry is one limited scope on this gateway.
type entry struct {
	scope        Scope
	limit        Limit
	req, in, out *tokens         // nil: not limited on that dimension
	seen         [3]atomic.Int64 // requests, bytes in and bytes out asked since the last rebalance
}

// snapshot is what Admit reads; it is replaced whole, never changed.
type snapshot struct {
	accounts   map[string]*entry
	buckets    map[string]*entry
	cluster    *entry
	anyAccount bool // account/* is set: accounts without their own limit get it
}

func (s *snapshot) empty() bool {
	return s == nil || s.cluster == nil && len(s.accounts) == 0 && len(s.buckets) == 0 && !s.anyAccount
}

// NewLimiter loads the stored limits and follows the store's own commits.
// Other gateways' commits come through Apply (the cluster's watch of
// Prefix).
func NewLimiter(ctx context.Context, s *Store, log *slog.Logger) (*Limiter, error) {
	if log == nil {
		log = slog.Default()
	}
	l := &Limiter{store: s, log: log, now: monotonic(), limits: map[Scope]Limit{}, shares: map[Scope]dims{},
		entries: map[Scope]*entry{}}
	if err := l.Reload(ctx); err != nil {
		return nil, err
	}
	s.notify = l.Apply
	return l, nil
}

// monotonic returns a clock in nanoseconds that never goes back.
func monotonic() func() int64 {
	start := time.Now()
	return func() int64 { return int64(time.Since(start)) }
}

// SetClock replaces the clock (nanoseconds, never decreasing). Call it
// before the limiter is used; tests step it instead of sleeping.
func (l *Limiter) SetClock(now func() int64) { l.now = now }

// Store is where the limits are kept (the Go API to set, get and list
// them).
func (l *Limiter) Store() *Store { return l.store }

// Reload reads every limit again (at start and after a broken watch).
func (l *Limiter) Reload(ctx context.Context) error {
	list, err := l.store.List(ctx)
	if err != nil {
		return err
	}
	fresh := make(map[Scope]Limit, len(list))
	for _, s := range list {
		fresh[s.Scope] = s.Limit
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.limits = fresh
	l.rebuild()
	return nil
}

// Apply records a change seen on the engine's change feed (value nil: the
// key was deleted). Keys are root-engine keys, without any cluster prefix.
func (l *Limiter) Apply(key, value []byte) {
	sc, ok := keyScope(key)
	if !ok {
		return
	}
	var lim Limit
	if value != nil {
		err := decode(value, &lim)
		if err == nil {
			err = lim.Validate()
		}
		if err != nil {
			l.log.Error("qos limit does not decode", "key", string(key), "err", err)
			return
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if value == nil || lim.IsZero() {
		delete(l.limits, sc)
	} else {
		l.limits[sc] = lim
	}
	l.rebuild()
}

// Limits returns the limits this gateway enforces.
func (l *Limiter) Limits() map[Scope]Limit {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[Scope]Limit, len(l.limits))
	for k, v := range l.limits {
		out[k] = v
	}
	return out
}

// Share returns this gateway's share of a scope's request rate (1 when
// alone).
func (l *Limiter) Share(sc Scope) float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.share(sc)[0]
}

func (l *Limiter) share(sc Scope) dims {
	if f, ok := l.shares[sc]; ok {
		return f
	}
	// A limit newer than the last rebalance: an equal share, so that a
	// new limit does not start with the whole burst on every gateway.
	f := 1 / float64(max(1, l.bal.gateways))
	return dims{f, f, f}
}

// rebuild makes the entries and the snapshot match limits and shares,
// keeping the tokens of scopes whose limit stays; the caller holds mu.
func (l *Limiter) rebuild() {
	now := l.now()
	next := make(map[Scope]*entry, len(l.limits))
	snap := &snapshot{accounts: map[string]*entry{}, buckets: map[string]*entry{}}
	for sc, lim := range l.limits {
		if sc == anyAccount {
			snap.anyAccount = true
			continue
		}
		e := l.fit(l.entries[sc], sc, lim, now)
		next[sc] = e
		switch sc.Kind {
		case Account:
			snap.accounts[sc.Name] = e
		case Bucket:
			snap.buckets[sc.Name] = e
		case Cluster:
			snap.cluster = e
		}
	}
	l.entries = next
	l.refitDefault(now)
	l.snap.Store(snap)
}

// fit returns the entry of sc sized to lim times this gateway's share:
// old itself when the same dimensions are limited (its buckets are
// resized under their locks, keeping their tokens), else a new entry,
// as Admit may be reading old's fields at this instant. A request bucket
// holds at least one token, or a small share could never admit anything;
// that is one request per gateway over the bound.
func (l *Limiter) fit(old *entry, sc Scope, lim Limit, now int64) *entry {
	f := l.share(sc)
	rate := dims{lim.Requests * f[0], float64(lim.BytesIn) * f[1], float64(lim.BytesOut) * f[2]}
	burst := dims{max(1, lim.burst()*f[0]), rate[1], rate[2]}
	e := old
	if e == nil || (e.req != nil) != (rate[0] > 0) || (e.in != nil) != (rate[1] > 0) || (e.out != nil) != (rate[2] > 0) {
		e = &entry{scope: sc}
		if old != nil {
			for i := range e.seen {
				e.seen[i].Store(old.seen[i].Load())
			}
		}
		for i, t := range []**tokens{&e.req, &e.in, &e.out} {
			if rate[i] > 0 {
				*t = &tokens{last: now}
				(*t).set(now, rate[i], burst[i], true)
			}
		}
		if old != nil { // keep what the old buckets held
			for _, p := range [][2]*tokens{{old.req, e.req}, {old.in, e.in}, {old.out, e.out}} {
				if p[0] != nil && p[1] != nil {
					p[1].have = p[0].held(now) // clipped to the burst by set below
				}
			}
		}
	}
	e.limit = lim
	for i, t := range []*tokens{e.req, e.in, e.out} {
		if t != nil {
			t.set(now, rate[i], burst[i], false)
		}
	}
	return e
}

// Limited reports whether any limit is set (a cheap check for callers
// that would otherwise prepare an Admit).
func (l *Limiter) Limited() bool { return !l.snap.Load().empty() }
