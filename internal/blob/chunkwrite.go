package blob

import (
	"context"
	"encoding/binary"
	"hash/crc32"
	"io"
	"sync"

	"github.com/zeebo/xxh3"
)

// stageBlocks is how many blocks writeChunk gathers before one write:
// 16 blocks make a write of about 1 MiB.
const stageBlocks = 16

// stagePool holds staging buffers laid out as the file is: blocks with
// their CRC after each, so the data is read straight into place and
// written without another copy.
var stagePool = sync.Pool{New: func() any { b := make([]byte, stageBlocks*blockStride+footerSize); return &b }}

// writeChunk writes header, checksummed blocks and footer. Each block is
// read from r into its place in a staging buffer, its CRC is put after
// it, and the buffer goes out in one write of about 1 MiB.
func writeChunk(ctx context.Context, w io.Writer, h header, r io.Reader) (int64, uint64, error) {
	if _, err := w.Write(encodeHeader(h)); err != nil {
		return 0, 0, err
	}
	bp := stagePool.Get().(*[]byte)
	defer stagePool.Put(bp)
	stage := *bp
	sum := xxh3.New()
	var size int64
	for eof := false; !eof; {
		if err := ctx.Err(); err != nil {
			return 0, 0, err
		}
		off := 0
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
		if off > 0 {
			if _, err := w.Write(stage[:off]); err != nil {
				return 0, 0, err
			}
		}
	}
	return size, sum.Sum64(), nil
}
