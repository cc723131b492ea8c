package bytesize

import (
	"fmt"
	"strconv"
	"strings"
)

// units are the suffixes Parse takes, all powers of 1024: KB and K mean
// KiB, as they do for most storage tools' flags. Longer suffixes come
// first so that "MiB" is not read as "B".
var units = []struct {
	suffix string
	mult   int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
	{"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"TB", 1 << 40},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"T", 1 << 40},
	{"B", 1},
}

// Parse reads a byte count: whole digits with an optional unit (B, KiB,
// MiB, GiB, TiB, or KB/MB/GB/TB and K/M/G/T for the same), spaces
// allowed around the number. It refuses negative counts, fractions and
// anything past 2^62 bytes.
func Parse(s string) (int64, error) {
	num, mult := strings.TrimSpace(s), int64(1)
	for _, u := range units {
		if t, ok := strings.CutSuffix(num, u.suffix); ok {
			num, mult = t, u.mult
			break
		}
	}
	num = strings.TrimSpace(num)
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult || (num != "" && num[0] == '+') {
		return 0, fmt.Errorf("bad size %q: want bytes, or a whole number with KiB, MiB, GiB or TiB", s)
	}
	return n * mult, nil
}
