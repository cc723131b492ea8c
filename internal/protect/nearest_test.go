package protect

import (
	"bytes"
	"context"
	"io"
	"math/rand"
	"sort"
	"sync"
	"testing"
)

// countingOpen records which fragment indexes a read opened.
type countingOpen struct {
	m      *memFragments
	mu     sync.Mutex
	opened map[int]int
}

func (c *countingOpen) open(ctx context.Context, f Fragment, off, length int64) (io.ReadCloser, error) {
	c.mu.Lock()
	c.opened[f.Index]++
	c.mu.Unlock()
	return c.m.open(ctx, f, off, length)
}

func (c *countingOpen) indexes() []int {
	var out []int
	for i := range c.opened {
		out = append(out, i)
	}
	sort.Ints(out)
	return out
}

// TestReadNear: reads open the near fragments only, decoding from parity
// when the near ones are not the data fragments, and fail over to the far
// ones when a near one breaks.
func TestReadNear(t *testing.T) {
	ctx := context.Background()
	src := make([]byte, 5*MaxUnit+123)
	rand.New(rand.NewSource(2)).Read(src)
	cases := []struct {
		policy  string
		near    map[int]bool // fragment indexes on the reader's site
		corrupt map[int]bool
		want    []int // indexes opened
	}{
		{"THREECOPIES", map[int]bool{2: true}, nil, []int{2}},
		{"THREECOPIES", map[int]bool{1: true, 2: true}, nil, []int{1}},
		{"TWOCOPIES", map[int]bool{1: true}, map[int]bool{1: true}, []int{0, 1}},
		{"EC2+2", map[int]bool{1: true, 3: true}, nil, []int{1, 3}},
		{"EC2+2", map[int]bool{2: true, 3: true}, nil, []int{2, 3}},
		{"EC2+2", map[int]bool{0: true, 1: true}, nil, []int{0, 1}},
		{"EC4+2", map[int]bool{1: true, 2: true, 3: true, 4: true}, nil, []int{1, 2, 3, 4}},
		// A near fragment that breaks mid-stream: one far one joins.
		{"EC2+2", map[int]bool{1: true, 3: true}, map[int]bool{3: true}, []int{0, 1, 3}},
	}
	for _, tc := range cases {
		p, _ := ParsePolicy(tc.policy)
		m := newMem()
		mc, err := Write(ctx, p, bytes.NewReader(src), m.put)
		if err != nil {
			t.Fatal(err)
		}
		m.corrupt = tc.corrupt
		if m.corrupt == nil {
			m.corrupt = map[int]bool{}
		}
		c := &countingOpen{m: m, opened: map[int]int{}}
		rank := func(f Fragment) int {
			if tc.near[f.Index] {
				return 0
			}
			return 1
		}
		rc, err := ReadNear(ctx, p, mc, 0, -1, c.open, rank)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(got, src) {
			t.Fatalf("%s near %v: err %v, equal %v", tc.policy, tc.near, err, bytes.Equal(got, src))
		}
		if g := c.indexes(); !equalInts(g, tc.want) {
			t.Errorf("%s near %v corrupt %v: opened %v, want %v", tc.policy, tc.near, tc.corrupt, g, tc.want)
		}
	}
}

// TestReadOrderNilRank: without a rank, reads keep today's order (data
// fragments by index, missing ones last).
func TestReadOrderNilRank(t *testing.T) {
	p, _ := ParsePolicy("EC4+2")
	mc := Metachunk{Fragments: []Fragment{{Index: 0}, {Index: 2}, {Index: 3}, {Index: 4}, {Index: 5}}}
	if got := readOrder(p, mc, nil); !equalInts(got, []int{0, 2, 3, 4, 5, 1}) {
		t.Fatalf("order %v", got)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
