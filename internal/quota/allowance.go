package quota

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// Overshoot bound. A write spends allowance its gateway holds (Hold, in
// memory, inside the commit transaction). A gateway gets allowance by a
// grant that (1) reads every gateway's reservation of the scope, (2)
// then reads the exact usage, and (3) writes its own reservation only if
// no reservation changed since (1). A reservation covers the gateway's
// holds in flight plus the fresh allowance, every byte a gateway may
// still add is inside its reservation, and every byte added before (2)
// is in the usage; so usage + unexpired reservations ≤ limit after every
// grant, and the hard limit is never exceeded as long as each commit
// lands before its reservation expires. A gateway stops spending a
// reservation Margin (10 s) before its expiry, so the limit can only be
// exceeded if a commit lands more than Margin after its Hold, or if
// gateway clocks differ by more than Margin; then by at most the last
// reservation of each gateway concerned: its writes in flight plus
// max(GrantBytes, the write that asked), so
//
//	overshoot ≤ Σ over gateways (bytes in flight + max(8 MiB, largest write)).
//
// The price is some underfill: a reservation spent and committed counts
// twice (usage and reservation) for the others until its gateway renews
// it or it expires, and a gateway takes at most a quarter of what is
// left, so the last bytes of a quota go in smaller and smaller grants.

// vec is an amount of both resources.
type vec struct{ B, O int64 }

func (v vec) add(w vec) vec       { return vec{v.B + w.B, v.O + w.O} }
func (v vec) sub(w vec) vec       { return vec{v.B - w.B, v.O - w.O} }
func (v vec) le(w vec) bool       { return v.B <= w.B && v.O <= w.O }
func (v vec) positive() bool      { return v.B > 0 || v.O > 0 }
func (v vec) clampZero() vec      { return vec{max(0, v.B), max(0, v.O)} }
func usageVec(u object.Usage) vec { return vec{u.LogicalBytes, u.Objects} }

// unlimited stands for a resource without a hard limit: large, and far
// from overflowing when added up.
const unlimited = 1 << 60

// grant is a gateway's reservation, as stored.
type grant struct {
	Bytes   int64 `json:"b"`
	Objects int64 `json:"o"`
	Expires int64 `json:"x"` // unix nanoseconds
}

// allowance is this gateway's share of one scope.
type allowance struct {
	scope  Scope
	refill sync.Mutex // one grant at a time

	// Under Manager.mu:
	unspent vec       // of the reservation: not yet committed (holds included)
	held    vec       // holds of tickets in flight
	until   time.Time // spendable until
	frozen  bool      // a grant is being computed: no new holds
	denied  time.Time // last refusal, and what was left then
	left    vec
}

// Ticket implements object.Quotas: a write's claim on the quotas of its
// bucket and account, nil if neither has a hard limit.
func (m *Manager) Ticket(bucket, account string) object.QuotaTicket {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := &ticket{m: m}
	for _, s := range []Scope{{Bucket, bucket}, {Account, account}} {
		if l, ok := m.limits[s]; ok && l.hard() {
			a := m.allow[s]
			if a == nil {
				a = &allowance{scope: s}
				m.allow[s] = a
			}
			t.scopes = append(t.scopes, a)
		}
	}
	if len(t.scopes) == 0 {
		return nil
	}
	t.held = make([]vec, len(t.scopes))
	t.short = make([]vec, len(t.scopes))
	return t
}

type ticket struct {
	m      *Manager
	scopes []*allowance
	held   []vec // per scope: what this ticket holds
	short  []vec // per scope: what the last failed Hold lacked
}

// Hold implements object.QuotaTicket: all scopes or none.
func (t *ticket) Hold(d object.Usage) error {
	want := usageVec(d).clampZero()
	now := t.m.clock()
	t.m.mu.Lock()
	defer t.m.mu.Unlock()
	ok := true
	for i, a := range t.scopes {
		inc := want.sub(t.held[i])
		t.short[i] = vec{}
		if !inc.positive() {
			continue
		}
		if a.frozen || now.After(a.until) || !a.held.add(inc).le(a.unspent) {
			t.short[i], ok = inc.clampZero(), false
		}
	}
	if !ok {
		return object.ErrNeedAllowance
	}
	for i, a := range t.scopes {
		a.held = a.held.add(want.sub(t.held[i]))
		t.held[i] = want
	}
	return nil
}

// Done implements object.QuotaTicket.
func (t *ticket) Done(committed bool) {
	t.m.mu.Lock()
	defer t.m.mu.Unlock()
	for i, a := range t.scopes {
		a.held = a.held.sub(t.held[i])
		if committed {
			a.unspent = a.unspent.sub(t.held[i])
		}
		t.held[i] = vec{}
	}
}

// Refill implements object.QuotaTicket.
func (t *ticket) Refill(ctx context.Context) error {
	for i, a := range t.scopes {
		if need := t.short[i]; need.positive() {
			if err := t.m.refill(ctx, a, need); err != nil {
				return err
			}
			t.short[i] = vec{}
		}
	}
	return nil
}

func quotaExceeded(s Scope) error {
	return strata.Errorf("quota.Hold", strata.NoSpace, "QuotaExceeded: the %s quota of %s %q is reached", s.Kind, s.Kind, s.Name)
}

// refill makes at least need spendable in a, or fails with QuotaExceeded.
func (m *Manager) refill(ctx context.Context, a *allowance, need vec) error {
	a.refill.Lock()
	defer a.refill.Unlock()
	m.mu.Lock()
	now := m.clock()
	switch {
	case !a.frozen && now.Before(a.until) && a.held.add(need).le(a.unspent):
		m.mu.Unlock()
		return nil // a grant made meanwhile covers it
	case now.Sub(a.denied) < m.cfg.DenyCache && !need.le(a.left):
		m.mu.Unlock()
		return quotaExceeded(a.scope)
	}
	lim, gen := m.limits[a.scope], m.gen
	inflight := a.held
	a.frozen = true
	m.mu.Unlock()

	size, left, err := m.reserve(ctx, a.scope, lim, inflight, need, now)

	m.mu.Lock()
	defer m.mu.Unlock()
	a.frozen = false
	if err != nil {
		return err
	}
	a.unspent = a.held.add(size)
	a.until = now.Add(m.cfg.GrantTTL - m.cfg.Margin)
	if m.gen != gen {
		a.until = time.Time{} // limits changed meanwhile: grant again
	}
	if !need.le(size) {
		a.denied, a.left = now, left
		return quotaExceeded(a.scope)
	}
	return nil
}

// reserve computes and stores this gateway's reservation of scope s:
// inflight (holds that may still commit) plus a fresh size of at least
// need if the limits leave room, else none. It returns the fresh size and
// what was left.
func (m *Manager) reserve(ctx context.Context, s Scope, lim Limits, inflight, need vec, start time.Time) (vec, vec, error) {
	for try := 0; ; try++ {
		seen, err := m.readGrants(ctx, s)
		if err != nil {
			return vec{}, vec{}, err
		}
		u, err := m.usage(ctx, s)
		if err != nil {
			return vec{}, vec{}, err
		}
		m.noteUsage(s, lim, u)
		now := m.clock()
		var others vec
		for node, g := range seen {
			if node != m.cfg.Node && g.Expires > now.UnixNano() {
				others = others.add(vec{g.Bytes, g.Objects})
			}
		}
		left := vec{
			B: limitOf(lim.MaxBytes) - u.LogicalBytes - others.B - inflight.B,
			O: limitOf(lim.MaxObjects) - u.Objects - others.O - inflight.O,
		}
		size := vec{}
		if need.le(left) {
			size = vec{
				B: min(left.B, max(need.B, min(m.cfg.GrantBytes, left.B/4))),
				O: min(left.O, max(need.O, min(m.cfg.GrantObjects, left.O/4))),
			}
			if lim.MaxBytes == 0 {
				size.B = unlimited
			}
			if lim.MaxObjects == 0 {
				size.O = unlimited
			}
		}
		rec := inflight.add(size)
		g := grant{Expires: start.Add(m.cfg.GrantTTL).UnixNano()}
		if lim.MaxBytes > 0 {
			g.Bytes = rec.B // unlimited resources are not reserved
		}
		if lim.MaxObjects > 0 {
			g.Objects = rec.O
		}
		ok, err := m.writeGrant(ctx, s, seen, g)
		if err != nil {
			return vec{}, vec{}, err
		}
		if ok {
			return size, left, nil
		}
		if try >= 20 || ctx.Err() != nil {
			return vec{}, vec{}, strata.Errorf("quota.reserve", strata.Unavailable, "reservations of %s keep changing", s)
		}
	}
}

func limitOf(max int64) int64 {
	if max <= 0 {
		return unlimited
	}
	return max
}

// readGrants returns every gateway's reservation of s, by node.
func (m *Manager) readGrants(ctx context.Context, s Scope) (map[string]grant, error) {
	var out map[string]grant
	err := m.root.View(ctx, func(r meta.Reader) error {
		var err error
		out, err = scanGrants(r, s)
		return err
	})
	return out, err
}

func scanGrants(r meta.Reader, s Scope) (map[string]grant, error) {
	out := map[string]grant{}
	p := grantsOf(s)
	it := r.Iter(p, meta.PrefixEnd(p))
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		var g grant
		if err := json.Unmarshal(it.Value(), &g); err != nil {
			return nil, strata.E("quota.grants", strata.Corrupt, err)
		}
		out[string(bytes.TrimPrefix(it.Key(), p))] = g
	}
	return out, it.Error()
}

// writeGrant stores this gateway's reservation if no reservation of s
// changed since seen was read; ok is false otherwise. Reservations
// expired long ago (gateways gone) are dropped on the way.
func (m *Manager) writeGrant(ctx context.Context, s Scope, seen map[string]grant, g grant) (bool, error) {
	ok := false
	err := m.root.Update(ctx, func(tx meta.Txn) error {
		cur, err := scanGrants(tx, s)
		if err != nil {
			return err
		}
		if ok = maps.Equal(cur, seen); !ok {
			return nil
		}
		stale := m.clock().Add(-time.Hour).UnixNano()
		for node, old := range cur {
			if node != m.cfg.Node && old.Expires < stale {
				if err := tx.Delete(grantKey(s, node)); err != nil {
					return err
				}
			}
		}
		b, _ := json.Marshal(g)
		return tx.Set(grantKey(s, m.cfg.Node), b)
	})
	return ok, err
}
