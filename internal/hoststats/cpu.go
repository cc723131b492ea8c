package hoststats

import (
	"context"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Sampler tracks the host's CPU idle percentage, sampled once a second.
type Sampler struct {
	mu         sync.Mutex
	idle       float64
	lastIdle   uint64
	lastTotal  uint64
	haveSample bool
}

// NewSampler returns a sampler that reports 100 until its first interval.
func NewSampler() *Sampler {
	s := &Sampler{idle: 100}
	s.sample()
	return s
}

// Run samples every second until ctx ends.
func (s *Sampler) Run(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.sample()
		}
	}
}

// Idle returns the latest CPU idle percentage (0..100).
func (s *Sampler) Idle() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.idle
}

func (s *Sampler) sample() {
	idle, total, ok := readCPU()
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.haveSample && total > s.lastTotal {
		s.idle = 100 * float64(idle-s.lastIdle) / float64(total-s.lastTotal)
	}
	s.lastIdle, s.lastTotal, s.haveSample = idle, total, true
}

// readCPU returns idle (idle+iowait) and total jiffies from /proc/stat.
func readCPU() (idle, total uint64, ok bool) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, false
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 5 || f[0] != "cpu" {
		return 0, 0, false
	}
	for i, x := range f[1:] {
		v, _ := strconv.ParseUint(x, 10, 64)
		total += v
		if i == 3 || i == 4 {
			idle += v
		}
	}
	return idle, total, true
}
