package server

import (
	"strings"
	"testing"
)

func TestParseVolume(t *testing.T) {
	for _, c := range []struct {
		in, dir, pool string
		bad           bool
	}{
		{in: "/data/v0", dir: "/data/v0"},
		{in: "/data/v0:pool=ssd", dir: "/data/v0", pool: "ssd"},
		{in: "/mnt/a:b/v1:pool=hdd-2.x", dir: "/mnt/a:b/v1", pool: "hdd-2.x"},
		{in: "/data/v0:other=1", dir: "/data/v0:other=1"}, // not a pool suffix: part of the folder
		{in: "/data/v0:pool=", bad: true},
		{in: "/data/v0:pool=a b", bad: true},
		{in: "/data/v0:pool=a,b", bad: true},
		{in: ":pool=ssd", bad: true},
		{in: "", bad: true},
	} {
		dir, pool, err := ParseVolume(c.in)
		if (err != nil) != c.bad || dir != c.dir || pool != c.pool {
			t.Errorf("ParseVolume(%q) = %q, %q, %v", c.in, dir, pool, err)
		}
	}
}

// FuzzParseVolume: a parsed entry gives back exactly its input, its pool
// is a valid pool name, and its folder is never empty.
func FuzzParseVolume(f *testing.F) {
	for _, s := range []string{"/d", "/d:pool=ssd", "/a:pool=x:pool=y", "c:\\v:pool=a", ":pool=", "/d:pool=é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dir, pool, err := ParseVolume(s)
		if err != nil {
			return
		}
		if strings.TrimSpace(dir) == "" {
			t.Fatalf("%q: empty folder", s)
		}
		back := dir
		if pool != "" {
			if !poolName.MatchString(pool) {
				t.Fatalf("%q: bad pool %q accepted", s, pool)
			}
			back += ":pool=" + pool
		}
		if back != s {
			t.Fatalf("%q parsed as %q + %q", s, dir, pool)
		}
		if VolumeDir(s) != dir {
			t.Fatalf("VolumeDir(%q) = %q", s, VolumeDir(s))
		}
	})
}
