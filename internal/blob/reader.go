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
type blockReader struct {
	c        *chunkFile
	off, end int64  // next data offset to return, end of the range
	buf      []byte // verified data not yet returned
	pool     *[]byte
	err      error
}

func (r *blockReader) Read(p []byte) (int, error) {
	if len(r.buf) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		if r.off >= r.end {
			return 0, io.EOF
		}
		if err := r.fill(); err != nil {
			r.err = err
			return 0, err
		}
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// fill reads and verifies the blocks that hold r.off onwards.
func (r *blockReader) fill() error {
	if r.pool == nil {
		r.pool = blockPool.Get().(*[]byte)
	}
	raw := *r.pool
	first := r.off / BlockSize
	last := (r.end - 1) / BlockSize
	nblocks := last - first + 1
	if max := int64(len(raw) / blockStride); nblocks > max {
		nblocks = max
	}
	// The last block of the chunk may be short.
	dataEnd := (first + nblocks) * BlockSize
	if dataEnd > r.c.info.Size {
		dataEnd = r.c.info.Size
	}
	dataLen := dataEnd - first*BlockSize
	rawLen := dataLen + 4*nblocks
	pos := r.c.headerLen + first*blockStride
	if _, err := r.c.f.ReadAt(raw[:rawLen], pos); err != nil {
		return strata.Errorf("blob.Read", strata.Corrupt, "chunk %s: short read: %v", r.c.info.ID, err)
	}
	// Verify in place and compact the data so it is contiguous.
	var out int64
	for b := int64(0); b < nblocks; b++ {
		n := int64(BlockSize)
		if rem := dataLen - b*BlockSize; rem < n {
			n = rem
		}
		blk := raw[b*blockStride : b*blockStride+n]
		want := binary.BigEndian.Uint32(raw[b*blockStride+n:])
		if crc32.Checksum(blk, castagnoli) != want {
			return strata.Errorf("blob.Read", strata.Corrupt, "chunk %s: block %d checksum mismatch", r.c.info.ID, first+b)
		}
		copy(raw[out:], blk)
		out += n
	}
	skip := r.off - first*BlockSize
	avail := out - skip
	if rem := r.end - r.off; avail > rem {
		avail = rem
	}
	r.buf = raw[skip : skip+avail]
	r.off += avail
	return nil
}

func (r *blockReader) Close() error {
	if r.pool != nil {
		blockPool.Put(r.pool)
		r.pool = nil
		r.buf = nil
	}
	return r.c.f.Close()
}
