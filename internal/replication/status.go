package replication

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/events"
)

// lagRing keeps the lags of this gateway's recent replications.
type lagRing struct {
	mu   sync.Mutex
	buf  [1 << 16]time.Duration
	n, i int
}

func (r *lagRing) add(d time.Duration) {
	r.mu.Lock()
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

// Status is what `strata replicate status` shows.
type Status struct {
	Queued    int            `json:"queued"`              // events waiting in the lanes, cluster-wide
	Failed    int            `json:"failed"`              // keys in the backlog
	Backlog   map[string]int `json:"backlog"`             // failed keys by bucket/rule
	OldestAge float64        `json:"oldest_failed_age_s"` // age of the oldest failure
	LagP50    float64        `json:"lag_p50_s"`           // of this gateway's recent replications
	LagP99    float64        `json:"lag_p99_s"`
	Samples   int            `json:"lag_samples"`
}

// Status reports the lanes' depth, the backlog and recent lags.
func (s *Service) Status(ctx context.Context, bucket string) (Status, error) {
	st, err := s.depth(ctx, bucket)
	p50, p99, n := s.lags.quantiles()
	st.LagP50, st.LagP99, st.Samples = p50.Seconds(), p99.Seconds(), n
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
