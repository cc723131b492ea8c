package console

import (
	"sync"
	"time"
)

// limiter slows password guessing: after freeFailures failed logins from
// one IP or against one access key, each further attempt must wait twice
// as long as the previous one (1 s, 2 s, 4 s, ... up to maxDelay). A
// success clears the key's and the IP's records. Attempts made too early
// are refused without checking the secret, so a guesser cannot go faster
// by sending more.
type limiter struct {
	mu  sync.Mutex
	m   map[string]*failures
	now func() time.Time
}

type failures struct {
	n    int
	last time.Time
}

const (
	freeFailures = 3
	maxDelay     = 5 * time.Minute
	limiterCap   = 100000 // entries kept before old ones are dropped
)

func newLimiter(now func() time.Time) *limiter {
	return &limiter{m: map[string]*failures{}, now: now}
}

func delayAfter(n int) time.Duration {
	if n < freeFailures {
		return 0
	}
	d := time.Second << min(n-freeFailures, 16)
	return min(d, maxDelay)
}

// wait returns how long the caller must still wait before trying any of
// keys (0: may try now).
func (l *limiter) wait(keys ...string) time.Duration {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	var w time.Duration
	for _, k := range keys {
		f := l.m[k]
		if f == nil {
			continue
		}
		if left := f.last.Add(delayAfter(f.n)).Sub(now); left > w {
			w = left
		}
	}
	return w
}

func (l *limiter) fail(keys ...string) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.m) > limiterCap {
		for k, f := range l.m {
			if now.Sub(f.last) > maxDelay {
				delete(l.m, k)
			}
		}
	}
	for _, k := range keys {
		f := l.m[k]
		if f == nil {
			f = &failures{}
			l.m[k] = f
		}
		f.n++
		f.last = now
	}
}

func (l *limiter) succeed(keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		delete(l.m, k)
	}
}
