package protect

import (
	"bytes"
	"context"
	"io"
	"math/rand"
	"testing"

	"github.com/strata-storage/strata/internal/strata"
)

// lender is a fragment reader that lends its own buffer, as a volume's
// chunk reader does, optionally failing after failAt bytes. Close
// scribbles over the buffer, so bytes used after their reader closed
// show up as wrong bytes.
type lender struct {
	src    []byte
	buf    []byte
	failAt int // -1: never
	pos    int
}

func (l *lender) Read(p []byte) (int, error) { panic("copyReader must borrow from a lender") }

func (l *lender) Borrow() ([]byte, error) {
	if l.pos >= len(l.src) {
		return nil, io.EOF
	}
	n := min(len(l.buf), len(l.src)-l.pos)
	if l.failAt >= 0 && l.pos+n > l.failAt {
		// Lend good bytes together with the error, the worst case.
		n = copy(l.buf, l.src[l.pos:l.failAt])
		l.pos = l.failAt
		return l.buf[:n], strata.Errorf("read", strata.Corrupt, "bad block")
	}
	n = copy(l.buf, l.src[l.pos:l.pos+n])
	l.pos += n
	return l.buf[:n], nil
}

func (l *lender) Close() error {
	for i := range l.buf {
		l.buf[i] = 0xaa
	}
	return nil
}

// Borrow returns the same bytes as Read, failing over to the next copy at
// the same offset when one fails mid-stream, from lending and non-lending
// readers alike.
func TestCopyReaderBorrow(t *testing.T) {
	ctx := context.Background()
	src := make([]byte, 300_001)
	rand.New(rand.NewSource(5)).Read(src)
	mc := Metachunk{Size: int64(len(src))}
	for i := range 3 {
		mc.Fragments = append(mc.Fragments, Fragment{Index: i, Chunk: strata.NewChunkID(), Size: mc.Size})
	}
	p, _ := ParsePolicy("THREECOPIES")
	for _, tc := range []struct {
		name   string
		failAt []int // per copy, -1: healthy
		lend   bool
	}{
		{"healthy", []int{-1, -1, -1}, true},
		{"first fails", []int{70_000, -1, -1}, true},
		{"two fail", []int{10, 200_000, -1}, true},
		{"not lending, first fails", []int{70_000, -1, -1}, false},
	} {
		open := func(ctx context.Context, f Fragment, off, length int64) (io.ReadCloser, error) {
			fail := tc.failAt[f.Index]
			if fail >= 0 {
				fail = max(0, fail-int(off))
			}
			l := &lender{src: src[off : off+length], buf: make([]byte, 64<<10), failAt: fail}
			if !tc.lend {
				return struct {
					io.Reader
					io.Closer
				}{iotestReader{l}, l}, nil
			}
			return l, nil
		}
		for _, r := range [][2]int64{{0, mc.Size}, {12345, 200_000}} {
			rc, err := ReadNear(ctx, p, mc, r[0], r[1], open, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			br := rc.(Borrower)
			for {
				b, err := br.Borrow()
				got.Write(b)
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s %v: %v", tc.name, r, err)
				}
			}
			rc.Close()
			if !bytes.Equal(got.Bytes(), src[r[0]:r[0]+r[1]]) {
				t.Fatalf("%s %v: %d bytes, not the source's", tc.name, r, got.Len())
			}
		}
	}
}

// iotestReader reads a lender as a plain reader (a remote volume).
type iotestReader struct{ l *lender }

func (r iotestReader) Read(p []byte) (int, error) {
	b, err := r.l.Borrow()
	return copy(p, b), err
}
