package blob

import (
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// A chunk file is:
//
//	header:  "STRCHNK1" | uint32 JSON length | JSON {ref, created}
//	blocks:  up to BlockSize data bytes, then their CRC32C (4 bytes), repeated
//	footer:  "STRCFTR1" | uint64 data size | uint64 xxh3-64 of the data
//
// Per-block checksums let a ranged read verify exactly the blocks it
// returns; the footer lets Stat answer without reading the data.
const (
	BlockSize   = 64 << 10
	blockStride = BlockSize + 4
	footerSize  = 24
	headerMagic = "STRCHNK1"
	footerMagic = "STRCFTR1"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

type header struct {
	Ref     BackRef   `json:"ref"`
	Created time.Time `json:"created"`
}

func encodeHeader(h header) []byte {
	j, _ := json.Marshal(h)
	b := make([]byte, 12+len(j))
	copy(b, headerMagic)
	binary.BigEndian.PutUint32(b[8:], uint32(len(j)))
	copy(b[12:], j)
	return b
}

func encodeFooter(size int64, sum uint64) []byte {
	b := make([]byte, footerSize)
	copy(b, footerMagic)
	binary.BigEndian.PutUint64(b[8:], uint64(size))
	binary.BigEndian.PutUint64(b[16:], sum)
	return b
}

func decodeFooter(b []byte) (size int64, sum uint64, err error) {
	if len(b) != footerSize || string(b[:8]) != footerMagic {
		return 0, 0, strata.Errorf("blob.footer", strata.Corrupt, "bad chunk footer")
	}
	return int64(binary.BigEndian.Uint64(b[8:])), binary.BigEndian.Uint64(b[16:]), nil
}

// dataFileSize is the file size of a chunk holding size data bytes.
func dataFileSize(headerLen int64, size int64) int64 {
	blocks := (size + BlockSize - 1) / BlockSize
	return headerLen + size + 4*blocks + footerSize
}
