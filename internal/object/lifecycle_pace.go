package object

import (
	"context"
	"time"
)

// wait paces one lifecycle action. The bound is --lifecycle-rate scaled
// by the capacity the conscience reports free, so a busy cluster (low
// scores) gets fewer background actions and an idle one the full rate.
func (r *lcRun) wait(ctx context.Context) {
	if r.base > 0 && r.opts.Capacity != nil && time.Since(r.tune) >= time.Second {
		r.tune = time.Now()
		f := min(max(r.opts.Capacity(ctx), 0.05), 1) // never stop: due work must end
		r.pace.retune(max(int64(f*float64(r.base)), 1))
	}
	r.pace.wait(1)
}

// retune changes a pacer's rate from now on.
func (p *pacer) retune(rate int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if rate != p.rate {
		p.rate, p.start, p.n = rate, time.Now(), 0
	}
}
