package replication

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/strata-storage/strata/internal/bus"
	"github.com/strata-storage/strata/internal/events"
)

// lagRing keeps the lags of this gateway's recent replications: the
// last size of them (1<<16 when size is 0), allocated at the first add.
type lagRing struct {
	mu   sync.Mutex
	size int
	buf  []time.Duration
	n, i int
}

func (r *lagRing) add(d time.Duration) {
	r.mu.Lock()
	if r.buf == nil {
		r.buf = make([]time.Duration, cmp.Or(r.size, 1<<16))
	}
	r.buf[r.i] = d
	r.i = (r.i + 1) % len(r.buf)
	r.n = min(r.n+1, len(r.buf))
	r.mu.Unlock()
}

// quantiles returns p50 and p99 of the recent lags.
func (r *lagRing) quantiles() (p50, p99 time.Duration, n int) {
	r.mu.Lock()
	s := slices.Clone(r.buf[:r.n])
	r.mu.Unlock()
	if len(s) == 0 {
		return 0, 0, 0
	}
	slices.Sort(s)
	return s[len(s)*50/100], s[min(len(s)*99/100, len(s)-1)], len(s)
}

// ruleRingSize is how many recent lags are kept per bucket and rule.
const ruleRingSize = 4096

// ruleLags keeps a lagRing per bucket/rule, for the status per rule.
type ruleLags struct {
	mu    sync.Mutex
	rings map[string]*lagRing // "bucket/rule id"
}

func (l *ruleLags) add(bucket, rule string, d time.Duration) {
	k := bucket + "/" + rule
	l.mu.Lock()
	r := l.rings[k]
	if r == nil {
		if l.rings == nil {
			l.rings = map[string]*lagRing{}
		}
		r = &lagRing{size: ruleRingSize}
		l.rings[k] = r
	}
	l.mu.Unlock()
	r.add(d)
}

// of returns the lags of every rule of bucket ("": every bucket).
func (l *ruleLags) of(bucket string) map[string]RuleLag {
	l.mu.Lock()
	rings := map[string]*lagRing{}
	for k, r := range l.rings {
		if bucket == "" || strings.HasPrefix(k, bucket+"/") {
			rings[k] = r
		}
	}
	l.mu.Unlock()
	out := make(map[string]RuleLag, len(rings))
	for k, r := range rings {
		p50, p99, n := r.quantiles()
		out[k] = RuleLag{P50: p50.Seconds(), P99: p99.Seconds(), Samples: n}
	}
	return out
}

// RuleLag is the lag of one rule's recent replications on this gateway.
type RuleLag struct {
	P50     float64 `json:"lag_p50_s"`
	P99     float64 `json:"lag_p99_s"`
	Samples int     `json:"lag_samples"`
}

// Status is what `strata replicate status` shows.
type Status struct {
	Queued    int            `json:"queued"`              // events waiting in the lanes, cluster-wide
	Failed    int            `json:"failed"`              // keys in the backlog
	Backlog   map[string]int `json:"backlog"`             // failed keys by bucket/rule
	OldestAge float64        `json:"oldest_failed_age_s"` // age of the oldest failure
	// OldestQueued is the age of the oldest change still queued in the
	// lanes (from its commit); 0 when the lanes are empty.
	OldestQueued float64 `json:"oldest_queued_age_s"`
	LagP50       float64 `json:"lag_p50_s"` // of this gateway's recent replications
	LagP99       float64 `json:"lag_p99_s"`
	Samples      int     `json:"lag_samples"`
	// Rules is the lag per bucket/rule on this gateway.
	Rules map[string]RuleLag `json:"rules,omitempty"`
}

// Status reports the lanes' depth, the backlog and recent lags.
func (s *Service) Status(ctx context.Context, bucket string) (Status, error) {
	st, err := s.depth(ctx, bucket)
	if err == nil && st.Queued > 0 {
		if t := s.oldestQueued(ctx); !t.IsZero() {
			st.OldestQueued = time.Since(t).Seconds()
		}
	}
	p50, p99, n := s.lags.quantiles()
	st.LagP50, st.LagP99, st.Samples = p50.Seconds(), p99.Seconds(), n
	st.Rules = s.ruleLags.of(bucket)
	return st, err
}

// depth is Status without the lags; it refreshes the backlog gauge.
func (s *Service) depth(ctx context.Context, bucket string) (Status, error) {
	st := Status{Backlog: map[string]int{}}
	q, err := events.Depth(ctx, s.JS, events.ReplicationTarget, s.Lanes)
	if err != nil {
		return st, err
	}
	st.Queued = q
	fs, err := s.Failures(ctx, bucket)
	if err != nil {
		return st, err
	}
	st.Failed = len(fs)
	var oldest time.Time
	for _, f := range fs {
		st.Backlog[f.Event.Bucket+"/"+f.Rule]++
		if oldest.IsZero() || f.Event.Time.Before(oldest) {
			oldest = f.Event.Time
		}
	}
	if !oldest.IsZero() {
		st.OldestAge = time.Since(oldest).Seconds()
	}
	backlogGauge.WithLabelValues("queued").Set(float64(st.Queued))
	backlogGauge.WithLabelValues("failed").Set(float64(st.Failed))
	return st, nil
}

// oldestQueued is the commit time of the oldest change in the lanes: the
// first message of each lane's subject (the stream is a work queue, so
// what is acknowledged is gone).
func (s *Service) oldestQueued(ctx context.Context) time.Time {
	str, err := s.JS.Stream(ctx, bus.DeliverStream)
	if err != nil {
		return time.Time{}
	}
	var oldest time.Time
	for l := range s.Lanes {
		m, err := str.GetMsg(ctx, 1, jetstream.WithGetMsgSubject(events.LaneSubject(events.ReplicationTarget, l)))
		if err != nil {
			continue // empty lane
		}
		var d events.Delivery
		if json.Unmarshal(m.Data, &d) != nil || d.Event.Time.IsZero() {
			d.Event.Time = m.Time
		}
		if oldest.IsZero() || d.Event.Time.Before(oldest) {
			oldest = d.Event.Time
		}
	}
	return oldest
}
