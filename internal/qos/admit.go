package qos

import (
	"errors"
	"time"
)

// Refusal is the error of a request over a rate limit (or arriving while
// a bandwidth budget is overdrawn): S3 answers it 503 SlowDown.
type Refusal struct {
	Scope Scope // the first scope whose limit refused
}

func (r *Refusal) Error() string { return "qos: over the limit of " + r.Scope.String() }

// IsRefusal reports whether err is (or wraps) a Refusal.
func IsRefusal(err error) bool {
	var r *Refusal
	return errors.As(err, &r)
}

// Ticket is an admitted request's hold on the bandwidth limits that apply
// to it. The zero Ticket limits nothing.
type Ticket struct {
	l *Limiter
	e [3]*entry // cluster, account, bucket: those with a bandwidth limit
}

// Admit decides whether a request may start: account is the signer's
// (empty when anonymous), bucket the one addressed (empty for the
// service), in whether it sends a body and out whether its answer may
// carry one. It counts the request against each scope's rate, and refuses
// it if any scope is over its rate or has its byte budget for the
// request's direction overdrawn. It never blocks.
func (l *Limiter) Admit(account, bucket string, in, out bool) (Ticket, error) {
	s := l.snap.Load()
	if s.empty() {
		return Ticket{}, nil
	}
	var es [3]*entry
	n := 0
	if s.cluster != nil {
		es[n], n = s.cluster, n+1
	}
	if account != "" {
		if e := s.accounts[account]; e != nil {
			es[n], n = e, n+1
		} else if s.anyAccount {
			if e := l.defaultEntry(account); e != nil {
				es[n], n = e, n+1
			}
		}
	}
	if e := s.buckets[bucket]; e != nil && bucket != "" {
		es[n], n = e, n+1
	}
	if n == 0 {
		return Ticket{}, nil
	}
	now := l.now()
	for i := range n {
		es[i].seen[0].Add(1)
	}
	for i := range n {
		e := es[i]
		if e.req != nil && !e.req.take(now, 1) {
			refund(es[:i])
			return Ticket{}, refuse(e.scope)
		}
		if in && e.in != nil && e.in.overdrawn(now) || out && e.out != nil && e.out.overdrawn(now) {
			refund(es[:i+1])
			return Ticket{}, refuse(e.scope)
		}
	}
	t := Ticket{l: l}
	k := 0
	for i := range n {
		if es[i].in != nil || es[i].out != nil {
			t.e[k], k = es[i], k+1
		}
	}
	if k == 0 {
		return Ticket{}, nil
	}
	return t, nil
}

func refuse(sc Scope) error {
	refused.WithLabelValues(sc.String()).Inc()
	return &Refusal{Scope: sc}
}

func refund(es []*entry) {
	for _, e := range es {
		if e.req != nil {
			e.req.give(1)
		}
	}
}

// Limited reports whether the ticket throttles any body.
func (t Ticket) Limited() bool { return t.l != nil }

// WaitIn counts n request body bytes and returns how long to wait before
// reading more, so that the body keeps to every byte budget it falls in.
func (t Ticket) WaitIn(n int) time.Duration { return t.wait(n, 1) }

// WaitOut is WaitIn for response bytes.
func (t Ticket) WaitOut(n int) time.Duration { return t.wait(n, 2) }

// wait counts n bytes in dimension d (1 in, 2 out) of every scope.
func (t Ticket) wait(n int, d int) time.Duration {
	if t.l == nil || n <= 0 {
		return 0
	}
	now := t.l.now()
	var w time.Duration
	for _, e := range t.e {
		if e == nil {
			break
		}
		b := e.in
		if d == 2 {
			b = e.out
		}
		if b != nil {
			e.seen[d].Add(int64(n))
			w = max(w, b.reserve(now, float64(n)))
		}
	}
	return w
}
