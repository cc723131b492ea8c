package vfs

import (
	"bytes"
	"testing"
)

// TestDirtyBatchBuffers: sequential writes fill one buffer that grows no
// larger than the limit, and after a flush the next batch fills the
// recycled buffer instead of a new one, with the right bytes.
func TestDirtyBatchBuffers(t *testing.T) {
	const chunk, limit = 32 << 10, 4 << 20
	d := dirtySet{limit: limit + chunk}
	p := make([]byte, chunk)
	var off int64
	fill := func() []byte {
		t.Helper()
		for d.bytes < limit {
			for i := range p {
				p[i] = byte(off + int64(i))
			}
			d.write(off, p)
			off += chunk
		}
		if len(d.ext) != 1 || cap(d.ext[0].data) > limit+chunk {
			t.Fatalf("batch: %d extents, cap %d", len(d.ext), cap(d.ext[0].data))
		}
		runs, body := d.batch()
		for i, b := range body {
			if want := byte(runs[0].Off + int64(i)); b != want {
				t.Fatalf("byte %d of the batch at %d: %d, want %d", i, runs[0].Off, b, want)
			}
		}
		d.reset()
		return body
	}
	first := fill()
	d.recycle(first)
	second := fill()
	if &second[0] != &first[0] {
		t.Fatal("the second batch did not reuse the first one's buffer")
	}
	if !bytes.Equal(second[:4], []byte{0, 1, 2, 3}) {
		t.Fatalf("second batch starts with %v", second[:4])
	}
	if d.spare != nil {
		t.Fatal("the spare buffer is still kept while in use")
	}
}
