package blob

import (
	"encoding/binary"
	"hash/crc32"
	"io"

	"github.com/strata-storage/strata/internal/strata"
)

// blockReader returns verified bytes of a chunk's data range. It reads up
// to 16 blocks per system call and checks each block's CRC32C before any
// of its bytes leave.
//
// The verified blocks stay where the disk read put them, each followed by
// its CRC: the reader hands them out block by block (Borrow, WriteTo)
// instead of first compacting them, so a GET copies its bytes once, from
// this buffer to the socket.
type blockReader struct {
	c        *chunkFile
	off, end int64  // next data offset to stage, end of the range
	buf      []byte // verified data staged and not yet returned
	pool     *[]byte
	raw      []byte // the last fill: nblk verified blocks from block first
	first    int64
	nblk     int64
	next     int64 // index in raw of the next block to stage
	err      error
}

// Borrowing is what Borrow offers; object and protect find it by type
// assertion.
var _ interface{ Borrow() ([]byte, error) } = (*blockReader)(nil)

func (r *blockReader) Read(p []byte) (int, error) {
	if len(r.buf) == 0 {
		if err := r.stage(); err != nil {
			return 0, err
		}
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// Borrow returns the next verified bytes of the range (io.EOF at its
// end). The slice is the reader's own: it is valid only until the next
// call on the reader, and the caller must not keep or modify it.
func (r *blockReader) Borrow() ([]byte, error) {
	if len(r.buf) == 0 {
		if err := r.stage(); err != nil {
			return nil, err
		}
	}
	b := r.buf
	r.buf = nil
	return b, nil
}

// WriteTo writes the rest of the range straight from the read buffer.
func (r *blockReader) WriteTo(w io.Writer) (int64, error) {
	var total int64
	for {
		b, err := r.Borrow()
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
		n, err := w.Write(b)
		total += int64(n)
		if err != nil {
			return total, err
		}
	}
}

// stage makes r.buf the next verified block's bytes within the range,
// reading more blocks when the last fill is used up.
func (r *blockReader) stage() error {
	for {
		for r.next < r.nblk {
			b := r.next
			r.next++
			start := (r.first + b) * BlockSize
			n := min(BlockSize, r.c.info.Size-start)
			lo, hi := max(r.off-start, 0), min(n, r.end-start)
			if lo >= hi {
				continue
			}
			r.buf = r.raw[b*blockStride+lo : b*blockStride+hi]
			r.off = start + hi
			return nil
		}
		if r.err != nil {
			return r.err
		}
		if r.off >= r.end {
			return io.EOF
		}
		if err := r.fill(); err != nil {
			r.err = err
			return err
		}
	}
}

// fill reads and verifies the blocks that hold r.off onwards.
func (r *blockReader) fill() error {
	if r.pool == nil {
		r.pool = blockPool.Get().(*[]byte)
	}
	raw := *r.pool
	first := r.off / BlockSize
	last := (r.end - 1) / BlockSize
	nblocks := min(last-first+1, int64(len(raw)/blockStride))
	// The last block of the chunk may be short.
	dataEnd := min((first+nblocks)*BlockSize, r.c.info.Size)
	dataLen := dataEnd - first*BlockSize
	rawLen := dataLen + 4*nblocks
	pos := r.c.headerLen + first*blockStride
	if _, err := r.c.f.ReadAt(raw[:rawLen], pos); err != nil {
		return strata.Errorf("blob.Read", strata.Corrupt, "chunk %s: short read: %v", r.c.info.ID, err)
	}
	for b := int64(0); b < nblocks; b++ {
		n := min(int64(BlockSize), dataLen-b*BlockSize)
		blk := raw[b*blockStride : b*blockStride+n]
		want := binary.BigEndian.Uint32(raw[b*blockStride+n:])
		if crc32.Checksum(blk, castagnoli) != want {
			return strata.Errorf("blob.Read", strata.Corrupt, "chunk %s: block %d checksum mismatch", r.c.info.ID, first+b)
		}
	}
	r.raw, r.first, r.nblk, r.next = raw, first, nblocks, 0
	return nil
}

func (r *blockReader) Close() error {
	if r.pool != nil {
		blockPool.Put(r.pool)
		r.pool = nil
		r.buf, r.raw, r.nblk = nil, nil, 0
	}
	return r.c.f.Close()
}
