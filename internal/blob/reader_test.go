package blob

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand"
	"net"
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
// whole and written to a loopback TCP connection, by Read into a caller's
// buffer ("read", a copy more), by WriteTo (from the disk read's buffer,
// in writes of up to 1 MiB), by WriteTo cut into one write per 64 KiB
// block ("writeto-blocks", to show what the write size costs), and by a
// way not taken ("verify-sendfile": each block read into a small buffer
// for its CRC, then sent from the page cache by sendfile, which saves
// the copy into the socket but cost more CPU on 2026-12-06).
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
	conn := loopback(b)
	buf := make([]byte, 1<<20)
	for _, way := range []string{"read", "writeto", "writeto-blocks", "verify-sendfile"} {
		b.Run(way, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			cpu0 := cpuTime()
			for b.Loop() {
				rc, err := d.Open(ctx, id, 0, -1)
				if err != nil {
					b.Fatal(err)
				}
				switch way {
				case "read":
					_, err = io.CopyBuffer(struct{ io.Writer }{conn}, struct{ io.Reader }{rc}, buf)
				case "writeto":
					_, err = rc.(io.WriterTo).WriteTo(conn)
				case "verify-sendfile":
					err = verifySendfile(rc.(*blockReader).c, conn.(*net.TCPConn))
				default:
					_, err = rc.(io.WriterTo).WriteTo(blockWriter{conn})
				}
				rc.Close()
				if err != nil {
					b.Fatal(err)
				}
			}
			// CPU time, unlike wall time, hardly moves with the load
			// other processes put on a shared machine. It includes the
			// receiving side's.
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// verifySendfile sends chunk c's data to conn block by block: each block
// and its CRC read into one small buffer and checked, then the block sent
// from the file by sendfile (net.TCPConn.ReadFrom of a limited *os.File).
func verifySendfile(c *chunkFile, conn *net.TCPConn) error {
	buf := make([]byte, blockStride)
	for off := int64(0); off < c.info.Size; off += BlockSize {
		n := min(BlockSize, c.info.Size-off)
		pos := c.headerLen + off/BlockSize*blockStride
		b := buf[:n+4]
		if _, err := c.f.ReadAt(b, pos); err != nil {
			return err
		}
		if crc32.Checksum(b[:n], castagnoli) != binary.BigEndian.Uint32(b[n:]) {
			return fmt.Errorf("block at %d: checksum mismatch", off)
		}
		if _, err := c.f.Seek(pos, io.SeekStart); err != nil {
			return err
		}
		if _, err := conn.ReadFrom(&io.LimitedReader{R: c.f, N: n}); err != nil {
			return err
		}
	}
	return nil
}

// loopback returns the sending end of a TCP connection on 127.0.0.1
// whose other end discards what it reads.
func loopback(b *testing.B) net.Conn {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ln.Close() })
	go func() {
		c, err := ln.Accept()
		if err == nil {
			io.Copy(io.Discard, c)
			c.Close()
		}
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { conn.Close() })
	return conn
}

// blockWriter writes in pieces of at most one block.
type blockWriter struct{ w io.Writer }

func (bw blockWriter) Write(p []byte) (int, error) {
	var n int
	for len(p) > 0 {
		m, err := bw.w.Write(p[:min(len(p), BlockSize)])
		n += m
		if err != nil {
			return n, err
		}
		p = p[m:]
	}
	return n, nil
}

// cpuTime is the process's user and system CPU time so far, in ns.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}
