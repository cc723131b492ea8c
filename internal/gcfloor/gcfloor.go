package gcfloor

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"

	"github.com/strata-storage/strata/internal/bytesize"
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
// process. STRATA_GC_FLOOR, when set (bytes, or with a KiB, MiB or GiB
// suffix; 0 turns the floor off), replaces floor; an unreadable one is
// reported and floor kept. It does nothing when the operator set GOGC or
// the floor is not positive, and only its first call counts.
func Start(floor int64) error {
	floor, err := setting(floor)
	if floor <= 0 || os.Getenv("GOGC") != "" {
		return err
	}
	once.Do(func() {
		t := &tuner{floor: floor, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
		t.tune()
		t.arm()
	})
	return err
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
// between 32 MiB and 64 MiB (32 MiB when mem is unknown). The cap was
// 1 GiB, then 256 MiB; both cost small requests. Through a mount, 4,000
// creates and then 4,000 removes took 13% and 23% less time with 64 MiB
// than with 256 MiB, and the gateway 14% less CPU (five rounds
// alternating; docs/SHARDING.md, "A floor of 64 MiB"). With a larger goal
// each allocation lands in memory long out of the caches, and a fresh
// process takes three times the page faults growing into it.
func For(mem int64) int64 {
	return max(32<<20, min(64<<20, mem/16))
}

// setting is STRATA_GC_FLOOR when set, else floor. An unreadable value
// keeps floor and says why.
func setting(floor int64) (int64, error) {
	v, ok := os.LookupEnv("STRATA_GC_FLOOR")
	if !ok {
		return floor, nil
	}
	n, err := bytesize.Parse(v)
	if err != nil {
		return floor, fmt.Errorf("STRATA_GC_FLOOR=%q is not a size (bytes, or with KiB, MiB, GiB or TiB); the floor stays %d MiB", v, floor>>20)
	}
	return n, nil
}
