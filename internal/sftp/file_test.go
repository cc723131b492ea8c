package sftp

import (
	"bytes"
	"context"
	"io"
	"math/rand"
	"testing"
)

// memHandle is a file in memory that counts how its writes and reads
// arrive: what the vfs would see.
type memHandle struct {
	data      []byte
	end       int64 // where the last write ended
	unordered int   // writes that did not start where the previous ended
	reads     int
}

func (m *memHandle) Write(_ context.Context, p []byte, off int64) (int, error) {
	if off != m.end {
		m.unordered++
	}
	if need := off + int64(len(p)); need > int64(len(m.data)) {
		m.data = append(m.data, make([]byte, need-int64(len(m.data)))...)
	}
	copy(m.data[off:], p)
	m.end = off + int64(len(p))
	return len(p), nil
}

func (m *memHandle) Read(_ context.Context, p []byte, off int64) (int, error) {
	m.reads++
	if off >= int64(len(m.data)) {
		return 0, nil
	}
	return copy(p, m.data[off:]), nil
}

func (m *memHandle) Flush(context.Context) error   { return nil }
func (m *memHandle) Release(context.Context) error { return nil }

// shuffled is 0..n-1 with each index moved by at most w places: the
// order pkg/sftp's workers may deliver a pipelined stream in.
func shuffled(rng *rand.Rand, n, w int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	for i := 0; i+w <= n; i += w {
		rng.Shuffle(w, func(a, b int) { idx[i+a], idx[i+b] = idx[i+b], idx[i+a] })
	}
	return idx
}

// TestWritesInOrder: chunks written a few places out of order reach the
// handle in order, and the content is exact; a sparse write is applied
// at the latest at close.
func TestWritesInOrder(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	want := make([]byte, 8<<20)
	rng.Read(want)
	const chunk = 32 << 10
	for _, w := range []int{1, 3, 8, 64} {
		m := &memHandle{}
		f := &file{h: m, seq: newWriteSeq()}
		for _, i := range shuffled(rng, len(want)/chunk, w) {
			if n, err := f.WriteAt(want[i*chunk:(i+1)*chunk], int64(i*chunk)); err != nil || n != chunk {
				t.Fatal(n, err)
			}
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(m.data, want) {
			t.Fatalf("window %d: content differs", w)
		}
		if m.unordered > 0 {
			t.Errorf("window %d: %d writes reached the handle out of order", w, m.unordered)
		}
	}

	m := &memHandle{}
	f := &file{h: m, seq: newWriteSeq()}
	f.WriteAt([]byte("head"), 0)
	f.WriteAt([]byte("tail"), 1<<20)
	got := make([]byte, 4)
	if _, err := f.ReadAt(got, 1<<20); err != nil || string(got) != "tail" {
		t.Fatalf("read of a held write: %q %v", got, err)
	}
	f.WriteAt([]byte("more"), 2<<20)
	f.Close()
	if len(m.data) != 2<<20+4 || string(m.data[2<<20:]) != "more" {
		t.Fatal("a held write was lost at close")
	}
}

// TestReadWindows: reads a few places out of order are answered from
// the windows with few reads below, exactly, and the end of the file is
// io.EOF.
func TestReadWindows(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	m := &memHandle{data: make([]byte, 16<<20+1000)}
	rng.Read(m.data)
	f := &file{h: m, seq: newWriteSeq(), wins: &windows{size: readWindow}}
	const chunk = 32 << 10
	n := (len(m.data) + chunk - 1) / chunk
	got := make([]byte, len(m.data))
	for _, i := range shuffled(rng, n, 8) {
		buf := make([]byte, chunk)
		k, err := f.ReadAt(buf, int64(i*chunk))
		if err != nil && (err != io.EOF || i != n-1) {
			t.Fatalf("read %d: %v", i, err)
		}
		copy(got[i*chunk:], buf[:k])
	}
	if !bytes.Equal(got, m.data) {
		t.Fatal("content differs")
	}
	if max := len(m.data)/readWindow + 2; m.reads > max {
		t.Errorf("%d reads below for %d windows", m.reads, max)
	}
	if k, err := f.ReadAt(make([]byte, 10), int64(len(m.data))); k != 0 || err != io.EOF {
		t.Fatalf("read at the end: %d %v", k, err)
	}
}
