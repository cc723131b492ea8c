package qos

import (
	"sync"
	"time"
)

// tokens is a token bucket: rate tokens a second up to burst. A gateway's
// bucket holds its share of a cluster-wide limit. The clock is passed in
// (nanoseconds) so that tests step it instead of sleeping.
type tokens struct {
	mu    sync.Mutex
	rate  float64 // tokens per second; 0 = this dimension is unlimited
	burst float64
	have  float64 // may go below 0 for bandwidth (debt, repaid by waiting)
	last  int64   // clock of the last refill
}

// refill adds what accrued since the last call; the caller holds mu.
func (t *tokens) refill(now int64) {
	if now > t.last {
		t.have += t.rate * float64(now-t.last) / 1e9
		if t.have > t.burst {
			t.have = t.burst
		}
	}
	t.last = now
}

// take takes n tokens if they are all there.
func (t *tokens) take(now int64, n float64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.refill(now)
	if t.have < n {
		return false
	}
	t.have -= n
	return true
}

// give puts back n tokens that take took for a request refused by
// another scope.
func (t *tokens) give(n float64) {
	t.mu.Lock()
	t.have = min(t.have+n, t.burst)
	t.mu.Unlock()
}

// reserve takes n tokens, going into debt if needed, and returns how long
// the caller must wait for the debt to be repaid.
func (t *tokens) reserve(now int64, n float64) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.refill(now)
	t.have -= n
	if t.have >= 0 || t.rate == 0 {
		return 0
	}
	return time.Duration(-t.have / t.rate * 1e9)
}

// overdrawn reports whether the debt exceeds one second of rate: the
// streams already admitted use more than the whole budget.
func (t *tokens) overdrawn(now int64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.refill(now)
	return t.have < -t.rate
}

// set changes rate and burst, keeping what the bucket holds (clipped to
// the new burst). A new bucket starts full.
func (t *tokens) set(now int64, rate, burst float64, fresh bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.refill(now)
	t.rate, t.burst = rate, burst
	if fresh {
		t.have = burst
	}
	if t.have > burst {
		t.have = burst
	}
}

// held returns what the bucket holds now.
func (t *tokens) held(now int64) float64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.refill(now)
	return t.have
}
