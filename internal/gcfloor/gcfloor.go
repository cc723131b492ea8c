package gcfloor

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// basePercent is GOGC's default, kept whenever it asks more of the heap
// than the floor does.
const basePercent = 100

// minHeap is the runtime's own smallest heap goal base (4 MiB): a live
// heap below it, or none measured yet (before the first cycle), counts
// as that much, so the first goal is the floor and not a hundred times
// 4 MiB.
const minHeap = 4 << 20

// maxPercent bounds the percent a tiny floor would never reach anyway.
const maxPercent = 10000

var once sync.Once

// Start keeps the heap goal at floor bytes or more for the life of the
// process. It does nothing when the operator set GOGC or floor is not
// positive, and only its first call counts.
func Start(floor int64) {
	if floor <= 0 || os.Getenv("GOGC") != "" {
		return
	}
	once.Do(func() {
		t := &tuner{floor: floor, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
		t.tune()
		t.arm()
	})
}

type tuner struct {
	floor  int64
	sample []metrics.Sample
}

// arm sets a finalizer on a fresh object: the collector runs it after the
// next cycle that finds the object dead, so the tuner runs once per cycle.
func (t *tuner) arm() {
	s := new(sentinel)
	s.t = t
	runtime.SetFinalizer(s, func(s *sentinel) {
		s.t.tune()
		s.t.arm()
	})
}

// sentinel holds a pointer, so it is never tiny-allocated (only
// pointer-free objects share a tiny block, which would keep it alive).
type sentinel struct{ t *tuner }

// tune sets GOGC from the live heap of the last cycle.
func (t *tuner) tune() {
	metrics.Read(t.sample)
	live := int64(0)
	if t.sample[0].Value.Kind() == metrics.KindUint64 {
		live = int64(t.sample[0].Value.Uint64())
	}
	debug.SetGCPercent(Percent(live, t.floor))
}

// Percent is the GOGC that puts the heap goal of a live heap at floor,
// never under GOGC's default nor over maxPercent.
func Percent(live, floor int64) int {
	live = max(live, minHeap)
	p := (floor - live) * 100 / live
	return int(max(basePercent, min(maxPercent, p)))
}

// For is the floor for a process on a machine of mem bytes: a 16th of it,
// between 64 MiB and 256 MiB (64 MiB when mem is unknown). The cap was
// 1 GiB: under warp's 4 KiB PUTs (an S3 server whose live heap is tens of
// MiB) that took 23% off the PUT rate against no floor, while GOGC=400
// (a goal of a few hundred MiB) took nothing off (docs/SHARDING.md, "The
// collector's heap floor"); each allocation then touches memory long out
// of the caches.
func For(mem int64) int64 {
	return max(64<<20, min(256<<20, mem/16))
}
