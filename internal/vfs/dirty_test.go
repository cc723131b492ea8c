package vfs

import (
	"bytes"
	"math/rand"
	"testing"
)

// model applies the same writes to a plain byte slice, with a mask of
// which bytes were written.
func checkDirty(t *testing.T, d *dirtySet, model []byte, mask []bool) {
	t.Helper()
	var total int64
	prevEnd := int64(-1)
	for _, e := range d.ext {
		if e.off <= prevEnd {
			t.Fatalf("extents overlap or touch: %d after end %d", e.off, prevEnd)
		}
		prevEnd = e.end()
		total += int64(len(e.data))
		if !bytes.Equal(e.data, model[e.off:e.end()]) {
			t.Fatalf("extent at %d holds the wrong bytes", e.off)
		}
		for i := e.off; i < e.end(); i++ {
			if !mask[i] {
				t.Fatalf("byte %d is dirty but was never written", i)
			}
		}
	}
	n := int64(0)
	for _, m := range mask {
		if m {
			n++
		}
	}
	if total != n || d.bytes != n {
		t.Fatalf("dirty bytes %d (counted %d), model %d", total, d.bytes, n)
	}
}

func FuzzDirtySet(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8})
	f.Fuzz(func(t *testing.T, ops []byte) {
		const size = 4096
		var d dirtySet
		model := make([]byte, size+256)
		mask := make([]bool, size+256)
		for i := 0; i+3 < len(ops); i += 4 {
			off := (int(ops[i])<<8 | int(ops[i+1])) % size
			n := int(ops[i+2]) % 200
			if ops[i+3]%7 == 0 { // truncate
				d.truncate(int64(off))
				for j := off; j < len(mask); j++ {
					mask[j], model[j] = false, 0
				}
				continue
			}
			b := bytes.Repeat([]byte{ops[i+3]}, n)
			d.write(int64(off), b)
			copy(model[off:], b)
			for j := off; j < off+n; j++ {
				mask[j] = true
			}
		}
		checkDirty(t, &d, model, mask)
	})
}

func TestDirtySetRandom(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	for range 200 {
		ops := make([]byte, 4*rnd.Intn(50))
		rnd.Read(ops)
		const size = 4096
		var d dirtySet
		model := make([]byte, size+256)
		mask := make([]bool, size+256)
		for i := 0; i+3 < len(ops); i += 4 {
			off := (int(ops[i])<<8 | int(ops[i+1])) % size
			n := int(ops[i+2]) % 200
			b := bytes.Repeat([]byte{ops[i+3]}, n)
			d.write(int64(off), b)
			copy(model[off:], b)
			for j := off; j < off+n; j++ {
				mask[j] = true
			}
		}
		checkDirty(t, &d, model, mask)
	}
}
