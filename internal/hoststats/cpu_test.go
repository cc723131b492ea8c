package hoststats

import (
	"context"
	"math"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

func TestParseProcStat(t *testing.T) {
	const stat = "cpu  100 5 50 800 40 3 2 0 7 0\ncpu0 50 2 25 400 20 1 1 0 0 0\nintr 123\n"
	got, err := parseProcStat(stat)
	if err != nil {
		t.Fatal(err)
	}
	// guest (7) is inside user already: total is the first eight fields.
	if want := (cpuTimes{idle: 840, total: 1000}); got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for _, bad := range []string{"", "intr 1\n", "cpu 1 2 3\n", "cpu 1 2 x 4 5\n"} {
		if _, err := parseProcStat(bad); !strata.Is(err, strata.Unavailable) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// script is a fake /proc/stat reader that replays readings.
type script struct {
	mu    sync.Mutex
	reads []cpuTimes
	err   error
}

func (s *script) read() (cpuTimes, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return cpuTimes{}, s.err
	}
	r := s.reads[0]
	if len(s.reads) > 1 {
		s.reads = s.reads[1:]
	}
	return r, nil
}

func TestSamplerRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		src := &script{reads: []cpuTimes{
			{idle: 1000, total: 2000},
			{idle: 1075, total: 2100}, // 75 % idle
			{idle: 1075, total: 2200}, // 0 %: saturated
			{idle: 10, total: 20},     // counters reset: keep the last value
			{idle: 60, total: 120},    // 50 %
		}}
		s := newSampler(src.read)
		if s.Idle() != 100 {
			t.Fatalf("before the first interval: %v", s.Idle())
		}
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() { done <- s.Run(ctx) }()
		for _, want := range []float64{75, 0, 0, 50} {
			time.Sleep(SampleInterval)
			synctest.Wait()
			if got := s.Idle(); math.Abs(got-want) > 1e-9 {
				t.Fatalf("idle %v, want %v", got, want)
			}
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("Run: %v", err)
		}
	})
}

func TestSamplerUnavailable(t *testing.T) {
	s := newSampler((&script{err: strata.Errorf("test", strata.Unavailable, "no /proc")}).read)
	if err := s.Run(t.Context()); !strata.Is(err, strata.Unavailable) || s.Idle() != 100 {
		t.Fatalf("Run: %v, idle %v", err, s.Idle())
	}
}

func TestSamplerProc(t *testing.T) {
	s := NewSampler()
	if err := s.Err(); err != nil {
		t.Skipf("no /proc/stat here: %v", err)
	}
	if idle := s.Idle(); idle < 0 || idle > 100 {
		t.Fatalf("idle %v", idle)
	}
}

func TestVolume(t *testing.T) {
	total, free, err := Volume(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if total <= 0 || free < 0 || free > total {
		t.Fatalf("total %d free %d", total, free)
	}
	if _, _, err := Volume(t.TempDir() + "/missing"); !strata.Is(err, strata.NotExist) {
		t.Fatalf("missing dir: %v", err)
	}
}
