package blob

import (
	"encoding/binary"
	"hash/crc32"
	"io"

	"github.com/strata-storage/strata/internal/strata"
)

// fillBlocks is how many blocks a blockReader reads per system call.
const fillBlocks = 16

// blockReader returns verified bytes of a chunk's data range. It reads up
// to 16 blocks per system call and checks each block's CRC32C before any
// of its bytes leave.
//
// The read scatters each block's data and its CRC to separate places
// (preadv), so the data of the 16 blocks lands contiguous and is handed
// out from there (Borrow, WriteTo): a GET copies its bytes once, from this
// buffer to the socket, in writes of up to 1 MiB.
type blockReader struct {
	c        *chunkFile
	off, end int64  // next data offset to return, end of the range
	buf      []byte // verified data not yet returned
	pool     *[]byte
	iov      [2 * fillBlocks][]byte
	err      error
}

// Borrowing is what Borrow offers; object and protect find it by type
// assertion.
var _ interface{ Borrow() ([]byte, error) } = (*blockReader)(nil)

func (r *blockReader) Read(p []byte) (int, error) {
	if err := r.ready(); err != nil {
		return 0, err
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// Borrow returns the next verified bytes of the range (io.EOF at its
// end). The slice is the reader's own: it is valid only until the next
// call on the reader, and the caller must not keep or modify it.
func (r *blockReader) Borrow() ([]byte, error) {
	if err := r.ready(); err != nil {
		return nil, err
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

// ready fills r.buf if it is empty.
func (r *blockReader) ready() error {
	if len(r.buf) > 0 {
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
	return nil
}

// fill reads and verifies the blocks that hold r.off onwards.
func (r *blockReader) fill() error {
	if r.pool == nil {
		r.pool = blockPool.Get().(*[]byte)
	}
	// The pool's buffers hold fillBlocks strides: the data of the blocks
	// first, then their CRCs.
	data, crcs := (*r.pool)[:fillBlocks*BlockSize], (*r.pool)[fillBlocks*BlockSize:]
	first := r.off / BlockSize
	last := (r.end - 1) / BlockSize
	nblocks := min(last-first+1, fillBlocks)
	// The last block of the chunk may be short.
	dataEnd := min((first+nblocks)*BlockSize, r.c.info.Size)
	dataLen := dataEnd - first*BlockSize
	iov := r.iov[:0]
	for b := int64(0); b < nblocks; b++ {
		n := min(BlockSize, dataLen-b*BlockSize)
		iov = append(iov, data[b*BlockSize:b*BlockSize+n], crcs[4*b:4*b+4])
	}
	pos := r.c.headerLen + first*blockStride
	if err := readv(r.c.f, iov, dataLen+4*nblocks, pos); err != nil {
		return strata.Errorf("blob.Read", strata.Corrupt, "chunk %s: short read: %v", r.c.info.ID, err)
	}
	for b := int64(0); b < nblocks; b++ {
		if crc32.Checksum(iov[2*b], castagnoli) != binary.BigEndian.Uint32(iov[2*b+1]) {
			return strata.Errorf("blob.Read", strata.Corrupt, "chunk %s: block %d checksum mismatch", r.c.info.ID, first+b)
		}
	}
	skip := r.off - first*BlockSize
	avail := min(dataLen-skip, r.end-r.off)
	r.buf = data[skip : skip+avail]
	r.off += avail
	return nil
}

func (r *blockReader) Close() error {
	if r.pool != nil {
		blockPool.Put(r.pool)
		r.pool = nil
		r.buf = nil
		clear(r.iov[:])
	}
	return r.c.f.Close()
}
