package blob

import (
	"bytes"
	"context"
	"io"
	"math/rand"
	"os"
	"syscall"
	"testing"
	"testing/iotest"

	"github.com/strata-storage/strata/internal/strata"
)

// The three ways out of a blockReader (Read, Borrow, WriteTo) return the
// same bytes for any range, across block and fill boundaries.
func TestBlockReaderWays(t *testing.T) {
	d := openDisk(t)
	ctx := context.Background()
	rng := rand.New(rand.NewSource(3))
	for _, size := range []int{1, BlockSize, 40*BlockSize + 123} {
		data := randBytes(size, int64(size))
		id := strata.NewChunkID()
		if _, err := d.Put(ctx, id, BackRef{}, bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
		ranges := [][2]int64{{0, int64(size)}, {int64(size) - 1, 1}}
		for k := 0; k < 20; k++ {
			off := rng.Int63n(int64(size))
			ranges = append(ranges, [2]int64{off, rng.Int63n(int64(size)-off) + 1})
		}
		for _, r := range ranges {
			want := data[r[0] : r[0]+r[1]]
			for _, way := range []string{"read", "borrow", "writeto"} {
				rc, err := d.Open(ctx, id, r[0], r[1])
				if err != nil {
					t.Fatal(err)
				}
				got, err := drain(rc, way)
				rc.Close()
				if err != nil || !bytes.Equal(got, want) {
					t.Fatalf("size %d range %v by %s: err %v, %d bytes, equal %v", size, r, way, err, len(got), bytes.Equal(got, want))
				}
			}
		}
	}
}

func drain(rc io.ReadCloser, way string) ([]byte, error) {
	var out bytes.Buffer
	switch way {
	case "read":
		_, err := io.Copy(&out, iotest.HalfReader(struct{ io.Reader }{rc}))
		return out.Bytes(), err
	case "writeto":
		_, err := rc.(io.WriterTo).WriteTo(&out)
		return out.Bytes(), err
	}
	br := rc.(interface{ Borrow() ([]byte, error) })
	for {
		b, err := br.Borrow()
		out.Write(b)
		if err == io.EOF {
			return out.Bytes(), nil
		}
		if err != nil {
			return out.Bytes(), err
		}
	}
}

// A corrupt block stops Borrow and WriteTo before any of its bytes leave.
func TestBorrowStopsAtCorruptBlock(t *testing.T) {
	d := openDisk(t)
	ctx := context.Background()
	data := randBytes(20*BlockSize, 9)
	id := strata.NewChunkID()
	if _, err := d.Put(ctx, id, BackRef{}, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	c, err := d.openChunk("test", id)
	if err != nil {
		t.Fatal(err)
	}
	c.f.Close()
	f, err := os.OpenFile(d.path(id), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Block 17 is in the second fill of a whole-chunk read.
	if _, err := f.WriteAt([]byte{0xde, 0xad}, c.headerLen+17*blockStride+9); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, way := range []string{"borrow", "writeto"} {
		rc, err := d.Open(ctx, id, 0, -1)
		if err != nil {
			t.Fatal(err)
		}
		got, err := drain(rc, way)
		rc.Close()
		if !strata.Is(err, strata.Corrupt) || len(got) != 16*BlockSize || !bytes.Equal(got, data[:len(got)]) {
			t.Fatalf("%s: got %d bytes, err %v; want the 16 good blocks, then Corrupt", way, len(got), err)
		}
	}
}

// BenchmarkGetPath is the disk side of a large GET: a 16 MiB chunk read
// whole into a writer, by Read into a caller's buffer (as before Borrow)
// and by WriteTo (the blocks straight from the disk read's buffer).
func BenchmarkGetPath(b *testing.B) {
	d, err := OpenDisk(b.TempDir(), DiskOptions{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	data := randBytes(16<<20, 1)
	id := strata.NewChunkID()
	if _, err := d.Put(ctx, id, BackRef{}, bytes.NewReader(data)); err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 1<<20)
	for _, way := range []string{"read", "writeto"} {
		b.Run(way, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			cpu0 := cpuTime()
			for b.Loop() {
				rc, err := d.Open(ctx, id, 0, -1)
				if err != nil {
					b.Fatal(err)
				}
				if way == "read" {
					_, err = io.CopyBuffer(struct{ io.Writer }{io.Discard}, struct{ io.Reader }{rc}, buf)
				} else {
					_, err = rc.(io.WriterTo).WriteTo(io.Discard)
				}
				rc.Close()
				if err != nil {
					b.Fatal(err)
				}
			}
			// CPU time, unlike wall time, hardly moves with the load
			// other processes put on a shared machine.
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime is the process's user and system CPU time so far, in ns.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}
