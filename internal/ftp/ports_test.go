package ftp

import (
	"testing"
)

func TestParsePorts(t *testing.T) {
	for _, c := range []struct {
		in         string
		start, end int
		ok         bool
	}{
		{"", 0, 0, true},
		{"40000-40100", 40000, 40100, true},
		{" 2121 ", 2121, 2121, true},
		{"5-5", 5, 5, true},
		{"10-9", 0, 0, false},
		{"0-10", 0, 0, false},
		{"1-65536", 0, 0, false},
		{"a-b", 0, 0, false},
		{"-", 0, 0, false},
	} {
		r, err := ParsePorts(c.in)
		if (err == nil) != c.ok {
			t.Fatalf("%q: err %v", c.in, err)
		}
		if r != nil && (r.Start != c.start || r.End != c.end) {
			t.Fatalf("%q: %+v", c.in, r)
		}
	}
}

// FuzzParsePorts: any input is refused or gives 1 <= Start <= End <= 65535.
func FuzzParsePorts(f *testing.F) {
	for _, s := range []string{"", "1-2", "40000-40100", "65535", "x", "9-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParsePorts(s)
		if err != nil || r == nil {
			return
		}
		if r.Start < 1 || r.End < r.Start || r.End > 65535 {
			t.Fatalf("%q: %+v", s, r)
		}
	})
}
