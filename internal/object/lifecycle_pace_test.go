package object

import (
	"context"
	"testing"
	"time"
)

// TestLifecyclePaceFollowsCapacity: the lifecycle rate is scaled by the
// capacity the conscience reports, floored so that due work still ends.
func TestLifecyclePaceFollowsCapacity(t *testing.T) {
	for _, tc := range []struct {
		capacity float64
		want     int64
	}{{1, 1000}, {0.5, 500}, {0.2, 200}, {0, 50}, {3, 1000}} {
		r := &lcRun{opts: LifecycleOptions{Rate: 1000, Capacity: func(context.Context) float64 { return tc.capacity }},
			pace: &pacer{rate: 1000, start: time.Now()}, base: 1000}
		r.wait(context.Background())
		if r.pace.rate != tc.want {
			t.Errorf("capacity %v: rate %d, want %d", tc.capacity, r.pace.rate, tc.want)
		}
	}
}
