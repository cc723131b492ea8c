package quota

import (
	"context"
	"sort"
	"time"

	"github.com/strata-storage/strata/internal/object"
)

// Alert is a scope beyond its soft limit on one resource.
type Alert struct {
	Scope
	Resource string    `json:"resource"` // "bytes" or "objects"
	Used     int64     `json:"used"`
	Soft     int64     `json:"soft"`
	Hard     int64     `json:"hard,omitempty"` // 0: no hard limit
	Since    time.Time `json:"since"`          // when this gateway first saw it
}

type alertKey struct {
	Scope
	resource string
}

// noteUsage updates the gauges and the alerts of s from a fresh usage,
// and logs an alert when it starts.
func (m *Manager) noteUsage(s Scope, l Limits, u object.Usage) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range []struct {
		name       string
		used       int64
		soft, hard int64
	}{{"bytes", u.LogicalBytes, l.SoftBytes, l.MaxBytes}, {"objects", u.Objects, l.SoftObjects, l.MaxObjects}} {
		m.used.WithLabelValues(s.Kind, s.Name, r.name).Set(float64(r.used))
		k := alertKey{s, r.name}
		if r.soft <= 0 || r.used < r.soft {
			if _, was := m.alerts[k]; was {
				delete(m.alerts, k)
				m.alert.DeleteLabelValues(s.Kind, s.Name, r.name)
				m.log.Info("quota soft limit cleared", "scope", s.String(), "resource", r.name, "used", r.used, "soft", r.soft)
			}
			continue
		}
		a, was := m.alerts[k]
		if !was {
			a.Since = m.clock().UTC()
			m.log.Warn("quota soft limit exceeded", "scope", s.String(), "resource", r.name, "used", r.used, "soft", r.soft, "hard", r.hard)
		}
		a.Scope, a.Resource, a.Used, a.Soft, a.Hard = s, r.name, r.used, r.soft, r.hard
		m.alerts[k] = a
		m.alert.WithLabelValues(s.Kind, s.Name, r.name).Set(1)
	}
}

// Alerts checks every scope with a soft limit against its usage now and
// returns those beyond it (for the console), by scope.
func (m *Manager) Alerts(ctx context.Context) ([]Alert, error) {
	m.mu.Lock()
	limits := make(map[Scope]Limits, len(m.limits))
	for s, l := range m.limits {
		limits[s] = l
	}
	for k := range m.alerts {
		if l, ok := limits[k.Scope]; !ok || !l.soft() {
			delete(m.alerts, k) // quota removed
			m.alert.DeleteLabelValues(k.Kind, k.Name, k.resource)
		}
	}
	m.mu.Unlock()
	for s, l := range limits {
		u, err := m.usage(ctx, s)
		if err != nil {
			m.log.Debug("quota usage unreadable", "scope", s.String(), "err", err)
			continue // e.g. a bucket deleted with its quota left behind
		}
		m.noteUsage(s, l, u)
	}
	m.mu.Lock()
	out := make([]Alert, 0, len(m.alerts))
	for _, a := range m.alerts {
		out = append(out, a)
	}
	m.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Scope != out[j].Scope {
			return out[i].String() < out[j].String()
		}
		return out[i].Resource < out[j].Resource
	})
	return out, ctx.Err()
}

// Run checks the soft limits every AlertEvery until ctx ends.
func (m *Manager) Run(ctx context.Context) error {
	t := time.NewTicker(m.cfg.AlertEvery)
	defer t.Stop()
	for {
		if _, err := m.Alerts(ctx); err != nil && ctx.Err() == nil {
			m.log.Warn("quota alert check failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
