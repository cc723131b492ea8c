package blob

import (
	"context"
	"encoding/binary"
	"hash/crc32"
	"io"
	"sync"
	"unsafe"

	"github.com/zeebo/xxh3"
)

// stageBlocks is how many blocks writeChunk gathers before one write:
// 16 blocks make a write of about 1 MiB.
const stageBlocks = 16

// stageAlign is the alignment of staging buffers, and the most a
// prefixWriter leaves unwritten: direct I/O wants memory, file offsets
// and lengths aligned to the logical block size (512 B or 4 KiB).
const stageAlign = 4096

// stagePool holds staging buffers laid out as the file is: blocks with
// their CRC after each, so the data is read straight into place and
// written without another copy. Each starts on a stageAlign boundary and
// has room for the header or an unwritten remainder before its blocks.
var stagePool = sync.Pool{New: func() any {
	b := alignedBuf(stageAlign + stageBlocks*blockStride + footerSize)
	return &b
}}

// alignedBuf returns n bytes that start on a stageAlign boundary.
func alignedBuf(n int) []byte {
	b := make([]byte, n+stageAlign)
	skip := (stageAlign - int(uintptr(unsafe.Pointer(&b[0]))&(stageAlign-1))) & (stageAlign - 1)
	return b[skip : skip+n]
}

// prefixWriter is a writer that may take only a leading part of what it
// is given (at most stageAlign bytes short of all of it, or nothing);
// writeChunk then passes the rest again, at the front of its next write.
type prefixWriter interface {
	WritePrefix(p []byte) (int, error)
}

// writeChunk writes header, checksummed blocks and footer. Each block is
// read from r into its place in a staging buffer, its CRC is put after
// it, and the buffer goes out in one write of about 1 MiB. A
// prefixWriter (direct I/O) gets every write but the last through
// WritePrefix, straight from the aligned staging buffer.
func writeChunk(ctx context.Context, w io.Writer, h header, r io.Reader) (int64, uint64, error) {
	bp := stagePool.Get().(*[]byte)
	defer stagePool.Put(bp)
	stage := *bp
	pw, _ := w.(prefixWriter)
	sum := xxh3.New()
	var size int64
	off := copy(stage, encodeHeader(h)) // bytes staged, not yet written
	for eof := false; !eof; {
		if err := ctx.Err(); err != nil {
			return 0, 0, err
		}
		for i := 0; i < stageBlocks && !eof; i++ {
			block := stage[off : off+BlockSize]
			n, err := fill(r, block)
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return 0, 0, err
			}
			if n == 0 {
				break
			}
			sum.Write(block[:n])
			binary.BigEndian.PutUint32(stage[off+n:], crc32.Checksum(block[:n], castagnoli))
			off += n + 4
			size += int64(n)
		}
		if eof {
			off += copy(stage[off:], encodeFooter(size, sum.Sum64()))
		}
		if off == 0 {
			continue
		}
		if pw != nil && !eof {
			n, err := pw.WritePrefix(stage[:off])
			if err != nil {
				return 0, 0, err
			}
			if n > 0 {
				off = copy(stage, stage[n:off])
				continue
			}
		}
		if _, err := w.Write(stage[:off]); err != nil {
			return 0, 0, err
		}
		off = 0
	}
	return size, sum.Sum64(), nil
}
