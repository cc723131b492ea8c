package hoststats

import "testing"

func TestParseLimit(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"2147483648\n", 2 << 30, true},
		{"max\n", 0, false}, // v2: no limit
		{"", 0, false},      //
		{"-1\n", 0, false},  //
		{"9223372036854771712\n", 9223372036854771712, true}, // v1: no limit, larger than any machine
	} {
		if got, ok := parseLimit(c.in); got != c.want || ok != c.ok {
			t.Errorf("parseLimit(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	if m := Memory(); m <= 0 {
		t.Errorf("Memory() = %d", m)
	}
}
