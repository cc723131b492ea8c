package qos

import (
	"context"
	"io"
	"time"
)

// Reader throttles a request body to the ticket's byte budgets: each
// read's bytes are counted, and the read returns only once the budget
// allows them. It stops waiting, with ctx's error, when ctx ends.
func (t Ticket) Reader(ctx context.Context, r io.Reader) io.Reader {
	if !t.Limited() {
		return r
	}
	return &reader{ctx: ctx, r: r, t: t}
}

type reader struct {
	ctx context.Context
	r   io.Reader
	t   Ticket
}

func (r *reader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if n > 0 {
		if werr := sleep(r.ctx, r.t.WaitIn(n), "in"); werr != nil {
			return n, werr
		}
	}
	return n, err
}

// Writer throttles a response body the same way: each write waits until
// the budget allows its bytes, then goes through.
func (t Ticket) Writer(ctx context.Context, w io.Writer) io.Writer {
	if !t.Limited() {
		return w
	}
	return &writer{ctx: ctx, w: w, t: t}
}

type writer struct {
	ctx context.Context
	w   io.Writer
	t   Ticket
}

// chunk bounds what one wait covers, so that a large write is paced
// rather than sent in one burst after one long wait.
const chunk = 64 << 10

func (w *writer) Write(p []byte) (int, error) {
	done := 0
	for done < len(p) {
		n := min(len(p)-done, chunk)
		if err := sleep(w.ctx, w.t.WaitOut(n), "out"); err != nil {
			return done, err
		}
		m, err := w.w.Write(p[done : done+n])
		done += m
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

func sleep(ctx context.Context, d time.Duration, dir string) error {
	if d <= 0 {
		return nil
	}
	throttled.WithLabelValues(dir).Add(d.Seconds())
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
