package pebble

import "testing"

func TestCacheFor(t *testing.T) {
	for _, c := range []struct{ mem, want int64 }{
		{0, 256 << 20},       // unknown
		{1 << 30, 256 << 20}, // small machines keep the floor
		{8 << 30, 1 << 30},   // an eighth
		{24 << 30, 3 << 30},  //
		{256 << 30, 8 << 30}, // capped
	} {
		if got := cacheFor(c.mem); got != c.want {
			t.Errorf("cacheFor(%d) = %d, want %d", c.mem, got, c.want)
		}
	}
	if d := DefaultCacheSize(); d < minCache || d > maxCache {
		t.Errorf("DefaultCacheSize() = %d, outside [%d, %d]", d, minCache, maxCache)
	}
}
