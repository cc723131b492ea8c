package hoststats

import (
	"context"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// SampleInterval is how often a Sampler reads the CPU counters: short
// enough for scores to follow load, long enough for the jiffy counters
// (usually 100 Hz) to give a stable percentage.
const SampleInterval = time.Second

// Sampler tracks the host's CPU idle percentage over the last
// SampleInterval. It is safe for concurrent use.
type Sampler struct {
	read func() (cpuTimes, error)

	mu   sync.Mutex
	idle float64
	last cpuTimes
	have bool // last holds a reading
	err  error
}

// cpuTimes are the cumulative jiffies of the aggregate "cpu" line.
type cpuTimes struct{ idle, total uint64 }

// NewSampler returns a sampler over /proc/stat. Until Run has taken two
// readings a second apart, Idle reports 100: a node that just started is
// assumed free rather than kept out of placement.
func NewSampler() *Sampler { return newSampler(readProcStat) }

func newSampler(read func() (cpuTimes, error)) *Sampler {
	s := &Sampler{read: read, idle: 100}
	s.sample()
	return s
}

// Run samples every SampleInterval until ctx is done, then returns nil. It
// returns an error of kind strata.Unavailable at once if the counters
// cannot be read at all (not Linux, no /proc), leaving Idle at 100.
func (s *Sampler) Run(ctx context.Context) error {
	s.mu.Lock()
	err := s.err
	if s.have {
		err = nil // a later failure may pass; keep sampling
	}
	s.mu.Unlock()
	if err != nil {
		return err
	}
	t := time.NewTicker(SampleInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			s.sample()
		}
	}
}

// Idle returns the latest CPU idle percentage, 0..100.
func (s *Sampler) Idle() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.idle
}

// Err returns the error of the latest reading, nil if it succeeded.
func (s *Sampler) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func (s *Sampler) sample() {
	now, err := s.read()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.err = err
	if err != nil {
		return
	}
	// Counters only grow; a reading that goes backwards (a counter reset
	// or wrap) starts a new baseline instead of a nonsense percentage.
	if s.have && now.total > s.last.total && now.idle >= s.last.idle && now.idle-s.last.idle <= now.total-s.last.total {
		s.idle = 100 * float64(now.idle-s.last.idle) / float64(now.total-s.last.total)
	}
	s.last, s.have = now, true
}

func readProcStat() (cpuTimes, error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return cpuTimes{}, strata.E("hoststats.CPU", strata.Unavailable, err)
	}
	return parseProcStat(string(b))
}

// parseProcStat reads the aggregate "cpu" line: user nice system idle
// iowait irq softirq steal [guest guest_nice]. Idle counts idle and
// iowait: a CPU waiting on the disk is free for work, and the disk's
// own busyness is scored separately as io. Guest time is already inside
// user and nice, so it is not added twice.
func parseProcStat(s string) (cpuTimes, error) {
	line, _, _ := strings.Cut(s, "\n")
	f := strings.Fields(line)
	if len(f) < 5 || f[0] != "cpu" {
		return cpuTimes{}, strata.Errorf("hoststats.CPU", strata.Unavailable, "no cpu line in /proc/stat")
	}
	var t cpuTimes
	for i, x := range f[1:min(len(f), 9)] {
		v, err := strconv.ParseUint(x, 10, 64)
		if err != nil {
			return cpuTimes{}, strata.Errorf("hoststats.CPU", strata.Unavailable, "bad /proc/stat field %q", x)
		}
		t.total += v
		if i == 3 || i == 4 {
			t.idle += v
		}
	}
	return t, nil
}
