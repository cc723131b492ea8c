package quota

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Kinds of scope.
const (
	Bucket  = "bucket"
	Account = "account"
)

// Scope is what a quota applies to: a bucket or an account.
type Scope struct {
	Kind string `json:"kind"` // Bucket or Account
	Name string `json:"name"`
}

func (s Scope) String() string { return s.Kind + ":" + s.Name }

func (s Scope) validate() error {
	if (s.Kind != Bucket && s.Kind != Account) || s.Name == "" || strings.IndexByte(s.Name, 0) >= 0 {
		return strata.Errorf("quota.Scope", strata.Invalid, "a quota applies to a named bucket or account, not %q %q", s.Kind, s.Name)
	}
	return nil
}

// Limits are a scope's quotas on logical bytes and on objects (versions
// holding data, as object.Usage counts them). Zero means no limit.
type Limits struct {
	MaxBytes    int64 `json:"max_bytes,omitempty"`    // hard: writes beyond are refused
	MaxObjects  int64 `json:"max_objects,omitempty"`  // hard
	SoftBytes   int64 `json:"soft_bytes,omitempty"`   // an alert beyond
	SoftObjects int64 `json:"soft_objects,omitempty"` // an alert beyond
}

// Quota is a scope and its limits.
type Quota struct {
	Scope
	Limits
}

func (l Limits) hard() bool { return l.MaxBytes > 0 || l.MaxObjects > 0 }
func (l Limits) soft() bool { return l.SoftBytes > 0 || l.SoftObjects > 0 }

func (l Limits) validate() error {
	if l.MaxBytes < 0 || l.MaxObjects < 0 || l.SoftBytes < 0 || l.SoftObjects < 0 {
		return strata.Errorf("quota.Limits", strata.Invalid, "limits cannot be negative")
	}
	if !l.hard() && !l.soft() {
		return strata.Errorf("quota.Limits", strata.Invalid, "no limit given (delete the quota instead)")
	}
	return nil
}

// Root-engine keys:
//
//	Q/l/<kind>/<name>              -> Limits (JSON)
//	Q/g/<kind>/<name>\x00<node>    -> grant (JSON): a gateway's reservation
const (
	limitsPrefix = "Q/l/"
	grantsPrefix = "Q/g/"
)

// LimitsPrefix is the root-engine prefix of the limits, which gateways
// follow (see Manager.Apply).
func LimitsPrefix() []byte { return []byte(limitsPrefix) }

func limitsKey(s Scope) []byte { return []byte(limitsPrefix + s.Kind + "/" + s.Name) }

func scopeOfLimitsKey(k []byte) (Scope, bool) {
	kind, name, ok := strings.Cut(strings.TrimPrefix(string(k), limitsPrefix), "/")
	return Scope{Kind: kind, Name: name}, ok && strings.HasPrefix(string(k), limitsPrefix)
}

func grantsOf(s Scope) []byte { return []byte(grantsPrefix + s.Kind + "/" + s.Name + "\x00") }

func grantKey(s Scope, node string) []byte { return append(grantsOf(s), node...) }

// scanLimits calls fn with every stored quota.
func scanLimits(r meta.Reader, fn func(Quota) error) error {
	p := LimitsPrefix()
	it := r.Iter(p, meta.PrefixEnd(p))
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		s, ok := scopeOfLimitsKey(it.Key())
		if !ok {
			continue
		}
		var l Limits
		if err := json.Unmarshal(it.Value(), &l); err != nil {
			return strata.E("quota.scan", strata.Corrupt, err)
		}
		if err := fn(Quota{Scope: s, Limits: l}); err != nil {
			return err
		}
	}
	return it.Error()
}

// Set stores a quota (replacing the scope's limits).
func (m *Manager) Set(ctx context.Context, q Quota) error {
	if err := q.Scope.validate(); err != nil {
		return err
	}
	if err := q.Limits.validate(); err != nil {
		return err
	}
	if q.Kind == Bucket {
		if _, err := m.use.GetBucket(ctx, q.Name); err != nil {
			return err
		}
	}
	b, _ := json.Marshal(q.Limits)
	if err := m.root.Update(ctx, func(tx meta.Txn) error { return tx.Set(limitsKey(q.Scope), b) }); err != nil {
		return err
	}
	m.Apply(limitsKey(q.Scope), b)
	return nil
}

// Delete removes a scope's quota; deleting none is not an error.
func (m *Manager) Delete(ctx context.Context, s Scope) error {
	if err := s.validate(); err != nil {
		return err
	}
	if err := m.root.Update(ctx, func(tx meta.Txn) error { return tx.Delete(limitsKey(s)) }); err != nil {
		return err
	}
	m.Apply(limitsKey(s), nil)
	return nil
}

// Get returns a scope's quota, or strata.NotExist.
func (m *Manager) Get(ctx context.Context, s Scope) (Quota, error) {
	if err := s.validate(); err != nil {
		return Quota{}, err
	}
	var l Limits
	err := m.root.View(ctx, func(r meta.Reader) error {
		b, err := r.Get(limitsKey(s))
		if err != nil {
			return err
		}
		return json.Unmarshal(b, &l)
	})
	if strata.Is(err, strata.NotExist) {
		return Quota{}, strata.Errorf("quota.Get", strata.NotExist, "no quota on %s", s)
	}
	return Quota{Scope: s, Limits: l}, err
}

// List returns every quota, buckets first, by name.
func (m *Manager) List(ctx context.Context) ([]Quota, error) {
	var out []Quota
	err := m.root.View(ctx, func(r meta.Reader) error {
		out = nil
		return scanLimits(r, func(q Quota) error {
			out = append(out, q)
			return nil
		})
	})
	return out, err
}

// Reload replaces the in-memory limits with the stored ones (at start,
// and when the metadata watch broke and changes may have been missed).
func (m *Manager) Reload(ctx context.Context) error {
	fresh := map[Scope]Limits{}
	err := m.root.View(ctx, func(r meta.Reader) error {
		clear(fresh)
		return scanLimits(r, func(q Quota) error {
			fresh[q.Scope] = q.Limits
			return nil
		})
	})
	if err != nil {
		return err
	}
	m.mu.Lock()
	m.limits = fresh
	m.gen++
	for _, a := range m.allow {
		a.until = time.Time{} // refill under the new limits
	}
	m.mu.Unlock()
	return nil
}

// Apply records a change of the limits seen on the metadata watch (or
// made by this gateway): value nil for a deletion.
func (m *Manager) Apply(key, value []byte) {
	s, ok := scopeOfLimitsKey(key)
	if !ok {
		return
	}
	var l Limits
	if value != nil && json.Unmarshal(value, &l) != nil {
		m.log.Warn("quota record unreadable", "scope", s.String())
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if value == nil {
		delete(m.limits, s)
	} else {
		m.limits[s] = l
	}
	m.gen++
	if a := m.allow[s]; a != nil {
		a.until = time.Time{} // refill under the new limits
	}
}

// Limits returns the limits this gateway enforces on s (its in-memory
// copy, which follows the stored quotas).
func (m *Manager) Limits(s Scope) (Limits, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	l, ok := m.limits[s]
	return l, ok
}
