package object

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/strata"
)

// countingStore counts the bytes read through Open: what the gateway
// pulls from blob services.
type countingStore struct {
	blob.Store
	n *atomic.Int64
}

func (c countingStore) Open(ctx2 context.Context, id strata.ChunkID, off, length int64) (io.ReadCloser, error) {
	rc, err := c.Store.Open(ctx2, id, off, length)
	if err != nil {
		return nil, err
	}
	return countingReader{rc, c.n}, nil
}

type countingReader struct {
	io.ReadCloser
	n *atomic.Int64
}

func (r countingReader) Read(p []byte) (int, error) {
	n, err := r.ReadCloser.Read(p)
	r.n.Add(int64(n))
	return n, err
}

// patternReader yields a stream whose 8-byte word at offset o is o*K, so
// any range can be checked without keeping the object.
type patternReader struct{ off, end int64 }

const patternK = 0x9E3779B97F4A7C15

func pattern(off, n int64) []byte {
	b := make([]byte, n)
	for i := range b {
		o := off + int64(i)
		var w [8]byte
		binary.LittleEndian.PutUint64(w[:], uint64(o&^7)*patternK)
		b[i] = w[o&7]
	}
	return b
}

func (p *patternReader) Read(b []byte) (int, error) {
	if p.off >= p.end {
		return 0, io.EOF
	}
	n := min(int64(len(b)), p.end-p.off, 1<<20)
	copy(b, pattern(p.off, n))
	p.off += n
	return int(n), nil
}

// rchar is this process's bytes read through read(2)-like calls so far
// (files and sockets; this test has no sockets).
func rchar(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		t.Skip("no /proc/self/io")
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "rchar: "); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	t.Skip("no rchar")
	return 0
}

// TestSSERangeReadsOnlyItsPackages: a 1 MiB range of a large SSE object
// reads under 2 MiB from the blob stores and from files. 64 MiB always;
// STRATA_SSE_RANGE_GIB=1 (or more) runs the same on that many GiB.
func TestSSERangeReadsOnlyItsPackages(t *testing.T) {
	size := int64(64 << 20)
	if g, _ := strconv.Atoi(os.Getenv("STRATA_SSE_RANGE_GIB")); g > 0 {
		size = int64(g) << 30
	}
	e := newEnv(t, 1, "SINGLE")
	e.svc.cfg.MetachunkSize = 64 << 20 // as a server has it
	var n atomic.Int64
	for id, st := range e.vols.stores {
		e.vols.stores[id] = countingStore{st, &n}
	}
	key := bytes.Repeat([]byte{42}, 32)
	sse := &SSE{Mode: SSEModeC, CustomerKey: key}
	if _, err := e.svc.PutObject(ctx, "b", "big", &patternReader{end: size}, PutOptions{Size: size, SSE: sse}); err != nil {
		t.Fatal(err)
	}
	for _, start := range []int64{size/2 + 12345, 0, size - 1<<20} {
		rng := &Range{Start: start, End: start + 1<<20 - 1}
		n.Store(0)
		before := rchar(t)
		_, rc, err := e.svc.GetObject(ctx, "b", "big", GetOptions{Range: rng, SSE: sse})
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		fileBytes := rchar(t) - before
		if !bytes.Equal(got, pattern(start, 1<<20)) {
			t.Fatalf("range at %d: wrong plaintext", start)
		}
		t.Logf("object %d MiB, 1 MiB range at %d: %d bytes read from blob stores, %d bytes read(2) from files",
			size>>20, start, n.Load(), fileBytes)
		if n.Load() >= 2<<20 || fileBytes >= 2<<20 {
			t.Fatalf("a 1 MiB range read %d bytes from blob stores, %d from files: want < 2 MiB", n.Load(), fileBytes)
		}
	}
}
