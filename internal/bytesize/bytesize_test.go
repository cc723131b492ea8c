package bytesize

import (
	"strconv"
	"testing"
)

func TestParse(t *testing.T) {
	for in, want := range map[string]int64{
		"0": 0, "4096": 4096, "4096B": 4096, "64MiB": 64 << 20, "1GiB": 1 << 30, "512KiB": 512 << 10,
		" 2 MiB ": 2 << 20, "16MB": 16 << 20, "4K": 4 << 10, "2TiB": 2 << 40, "3T": 3 << 40, "1G": 1 << 30,
		"4611686018427387904": 1 << 62, "4194304TiB": 1 << 62,
	} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", " ", "-1", "+1", "MiB", "1.5GiB", "1PiB", "1 0", "0x10", "4194305TiB", "9223372036854775807", "lots"} {
		if n, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) = %d; want an error", bad, n)
		}
	}
}

// FuzzParse: any input either fails or gives a count in [0, 2^62] that
// the same digits and unit give back.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"0", "64MiB", " 2 GiB", "1TB", "-1", "1.5G", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			return
		}
		if n < 0 || n > 1<<62 {
			t.Fatalf("Parse(%q) = %d: out of range", s, n)
		}
		if back, err := Parse(strconv.FormatInt(n, 10)); err != nil || back != n {
			t.Fatalf("Parse(%q) = %d, but its digits give %d, %v", s, n, back, err)
		}
	})
}
