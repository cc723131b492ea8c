package protect

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand"
	"sync"
	"testing"

	"github.com/strata-storage/strata/internal/strata"
)

// memFragments stores fragments in memory for the pure-logic tests.
type memFragments struct {
	mu      sync.Mutex
	data    map[strata.ChunkID][]byte
	corrupt map[int]bool // fragment indexes whose reads return flipped bytes... then fail
}

func newMem() *memFragments {
	return &memFragments{data: map[strata.ChunkID][]byte{}, corrupt: map[int]bool{}}
}

func (m *memFragments) put(ctx context.Context, i int, r io.Reader) (Fragment, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return Fragment{}, err
	}
	id := strata.NewChunkID()
	m.mu.Lock()
	m.data[id] = b
	m.mu.Unlock()
	return Fragment{Index: i, Service: fmt.Sprint("svc", i), Chunk: id, Size: int64(len(b))}, nil
}

func (m *memFragments) open(ctx context.Context, f Fragment, off, length int64) (io.ReadCloser, error) {
	m.mu.Lock()
	b, ok := m.data[f.Chunk]
	bad := m.corrupt[f.Index]
	m.mu.Unlock()
	if !ok {
		return nil, strata.Errorf("open", strata.NotExist, "gone")
	}
	if length < 0 {
		length = int64(len(b)) - off
	}
	if off+length > int64(len(b)) {
		return nil, strata.Errorf("open", strata.Invalid, "range")
	}
	var r io.Reader = bytes.NewReader(b[off : off+length])
	if bad {
		// Serve some bytes, then fail as a checksum mismatch would.
		r = io.MultiReader(io.LimitReader(r, length/2), errReader{})
	}
	return io.NopCloser(r), nil
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) {
	return 0, strata.Errorf("read", strata.Corrupt, "bad block")
}

func TestWriteReadPolicies(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewSource(1))
	for _, name := range []string{"SINGLE", "TWOCOPIES", "THREECOPIES", "EC4+2", "EC2+1", "EC6+3"} {
		p, err := ParsePolicy(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{1, 4095, MaxUnit - 1, MaxUnit, 4*MaxUnit + 1, 9*MaxUnit + 7} {
			src := make([]byte, size)
			rng.Read(src)
			m := newMem()
			mc, err := Write(ctx, p, bytes.NewReader(src), m.put)
			if err != nil {
				t.Fatalf("%s/%d: write: %v", name, size, err)
			}
			if mc.Size != int64(size) || len(mc.Fragments) != p.Width() {
				t.Fatalf("%s/%d: got size %d, %d fragments", name, size, mc.Size, len(mc.Fragments))
			}
			check := func(label string, mc Metachunk) {
				for k := 0; k < 5; k++ {
					off := rng.Int63n(int64(size))
					n := rng.Int63n(int64(size)-off) + 1
					if k == 0 {
						off, n = 0, int64(size)
					}
					rc, err := Read(ctx, p, mc, off, n, m.open)
					if err != nil {
						t.Fatalf("%s/%d/%s: open: %v", name, size, label, err)
					}
					got, err := io.ReadAll(rc)
					rc.Close()
					if err != nil || !bytes.Equal(got, src[off:off+n]) {
						t.Fatalf("%s/%d/%s: range %d+%d: err %v, equal %v", name, size, label, off, n, err, bytes.Equal(got, src[off:off+n]))
					}
				}
			}
			check("all", mc)
			// Lose as many fragments as the policy tolerates.
			lost := mc
			lost.Fragments = append([]Fragment(nil), mc.Fragments[p.Tolerates():]...)
			check("degraded", lost)
			// Corrupt fragments mid-stream instead.
			for i := 0; i < p.Tolerates(); i++ {
				m.corrupt[i] = true
			}
			check("corrupt", mc)
			m.corrupt = map[int]bool{}
			// One more loss than tolerated fails clearly.
			over := mc
			over.Fragments = append([]Fragment(nil), mc.Fragments[p.Tolerates()+1:]...)
			rc, err := Read(ctx, p, over, 0, int64(size), m.open)
			if err == nil {
				_, err = io.ReadAll(rc)
			}
			if !strata.Is(err, strata.Unavailable) {
				t.Fatalf("%s/%d: read beyond tolerance: got %v, want Unavailable", name, size, err)
			}
			// Repair brings back the lost ones, and they alone suffice.
			if p.Tolerates() > 0 {
				fixed, err := Repair(ctx, p, lost, m.open, m.put)
				if err != nil || len(fixed.Fragments) != p.Width() {
					t.Fatalf("%s/%d: repair: %v (%d fragments)", name, size, err, len(fixed.Fragments))
				}
				only := fixed
				fresh := fixed.Fragments[len(lost.Fragments):]
				only.Fragments = append(append([]Fragment(nil), fresh...), lost.Fragments[:max(0, p.Needed()-len(fresh))]...)
				check("repaired", only)
			}
		}
	}
}

func TestQuorum(t *testing.T) {
	p, _ := ParsePolicy("THREECOPIES")
	m := newMem()
	failing := func(ctx context.Context, i int, r io.Reader) (Fragment, error) {
		if i > 0 {
			return Fragment{}, strata.Errorf("put", strata.NoSpace, "full")
		}
		return m.put(ctx, i, r)
	}
	_, err := Write(context.Background(), p, bytes.NewReader(make([]byte, 3<<20)), failing)
	if !strata.Is(err, strata.NoSpace) {
		t.Fatalf("got %v, want NoSpace", err)
	}
	oneFails := func(ctx context.Context, i int, r io.Reader) (Fragment, error) {
		if i == 2 {
			return Fragment{}, strata.Errorf("put", strata.Unavailable, "down")
		}
		return m.put(ctx, i, r)
	}
	mc, err := Write(context.Background(), p, bytes.NewReader(make([]byte, 3<<20)), oneFails)
	if err != nil || len(mc.Fragments) != 2 {
		t.Fatalf("quorum write: %v, %d fragments", err, len(mc.Fragments))
	}
}

func TestParsePolicy(t *testing.T) {
	for in, want := range map[string]string{"single": "SINGLE", "EC4+2": "EC4+2", "EC_6_3": "EC6+3", "THREECOPIES": "THREECOPIES"} {
		p, err := ParsePolicy(in)
		if err != nil || p.Name != want {
			t.Errorf("%s: %v %v", in, p.Name, err)
		}
	}
	for _, bad := range []string{"", "EC0+2", "FOURCOPIES", "EC4-2"} {
		if _, err := ParsePolicy(bad); !strata.Is(err, strata.Invalid) {
			t.Errorf("%q: want Invalid, got %v", bad, err)
		}
	}
}

func BenchmarkWriteEC42(b *testing.B)    { benchWrite(b, "EC4+2") }
func BenchmarkWrite3Copies(b *testing.B) { benchWrite(b, "THREECOPIES") }

func benchWrite(b *testing.B, name string) {
	p, _ := ParsePolicy(name)
	src := make([]byte, 16<<20)
	discard := func(ctx context.Context, i int, r io.Reader) (Fragment, error) {
		n, err := io.Copy(io.Discard, r)
		return Fragment{Index: i, Size: n}, err
	}
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		if _, err := Write(context.Background(), p, bytes.NewReader(src), discard); err != nil {
			b.Fatal(err)
		}
	}
}
