package directory

import (
	"testing"

	"github.com/strata-storage/strata/internal/strata"
)

func TestRangeStateKey(t *testing.T) {
	m := NewMeta2(strata.ContainerID{1, 2, 3})
	for _, k := range [][]byte{m.Fence(), m.Versioned()} {
		if !RangeStateKey(k) {
			t.Errorf("RangeStateKey(%q) = false", k)
		}
	}
	for _, k := range [][]byte{
		m.Current("x"), m.Current(""), m.Config("lock"), m.UsageSlot(3), m.UsageCounted(),
		m.EventSeq(""), m.All(), OutboxKey(1, 2), OutboxLease(), []byte("c/"), nil,
		append(m.Fence(), 'x'), m.Fence()[:len(m.Fence())-1],
	} {
		if RangeStateKey(k) {
			t.Errorf("RangeStateKey(%q) = true", k)
		}
	}
}

func FuzzRangeStateKey(f *testing.F) {
	m := NewMeta2(strata.ContainerID{9})
	f.Add(m.Fence())
	f.Add(m.Current("k"))
	f.Fuzz(func(t *testing.T, k []byte) {
		// A hot key is exactly a fence or marks key of the container it names.
		if !RangeStateKey(k) {
			return
		}
		var cid strata.ContainerID
		copy(cid[:], k[2:])
		m := NewMeta2(cid)
		if string(k) != string(m.Fence()) && string(k) != string(m.Versioned()) {
			t.Fatalf("RangeStateKey(%q) = true for a key that is neither", k)
		}
	})
}
