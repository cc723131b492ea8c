package gcfloor

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		live, floor int64
		want        int
	}{
		{16 << 20, 256 << 20, 1500},
		{128 << 20, 256 << 20, 100},
		{1 << 30, 256 << 20, 100},
		{1 << 10, 256 << 20, 6300}, // as 4 MiB: the goal is the floor
		{0, 256 << 20, 6300},
		{0, 64 << 20, 1500},
		{0, 1 << 40, maxPercent},
	} {
		if got := Percent(c.live, c.floor); got != c.want {
			t.Errorf("Percent(%d, %d) = %d, want %d", c.live, c.floor, got, c.want)
		}
	}
	if For(0) != 32<<20 || For(512<<20) != 32<<20 || For(768<<20) != 48<<20 || For(1<<30) != 64<<20 || For(64<<30) != 64<<20 {
		t.Error("For: wrong floors")
	}
}

// TestStartTunesAfterEachCycle: after Start, each collection leaves GOGC
// set from the live heap it found (far above 100 for this test's small
// heap), and GOGC set by the operator is left alone.
func TestStartTunesAfterEachCycle(t *testing.T) {
	t.Setenv("GOGC", "")
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	Start(256 << 20)
	deadline := time.Now().Add(10 * time.Second)
	for {
		debug.SetGCPercent(100) // the tuner must set it again
		runtime.GC()
		runtime.GC() // the finalizer of the first cycle's sentinel runs
		time.Sleep(10 * time.Millisecond)
		if p := debug.SetGCPercent(100); p > 1000 {
			debug.SetGCPercent(p)
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("GOGC not raised after collections")
		}
	}
}

func TestSettingReplacesFloor(t *testing.T) {
	for env, want := range map[string]int64{"256MiB": 256 << 20, "0": 0, "lots": 64 << 20} {
		t.Setenv("STRATA_GC_FLOOR", env)
		got, err := setting(64 << 20)
		if got != want || (err != nil) != (env == "lots") {
			t.Errorf("STRATA_GC_FLOOR=%q: floor %d, %v; want %d", env, got, err, want)
		}
	}
}
