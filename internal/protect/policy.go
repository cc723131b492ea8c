package protect

import (
	"context"
	"io"

	"github.com/strata-storage/strata/internal/strata"
)

// Policy is a storage policy: replication (Copies > 0) or erasure coding
// (K data + M parity fragments).
type Policy struct {
	Name   string // canonical name: SINGLE, TWOCOPIES, THREECOPIES, EC4+2, ...
	Copies int    // replication: number of copies; 0 for EC
	K, M   int    // erasure coding: data and parity fragments; 0 for replication
}

// Fragment is one stored copy or fragment of a metachunk.
type Fragment struct {
	Index    int            `json:"i"`           // copy number, or fragment number (0..K+M-1)
	Service  string         `json:"s"`           // id of the blob service holding it
	Chunk    strata.ChunkID `json:"c"`           // chunk id on that service
	Size     int64          `json:"n"`           // bytes stored in the chunk
	Checksum string         `json:"h,omitempty"` // the chunk's whole-data checksum
}

// Metachunk is one placement unit of an object: Size bytes of object data
// protected by Fragments. Fragments may be fewer than the policy's width if
// a target failed; the rebuilder restores the missing indexes.
type Metachunk struct {
	Size      int64      `json:"n"`
	Fragments []Fragment `json:"f"`
}

// PutFunc stores the stream of fragment index (reading r to EOF) and
// returns where it went. Write calls it concurrently, once per index.
type PutFunc func(ctx context.Context, index int, r io.Reader) (Fragment, error)

// OpenFunc opens length bytes (or to the end if length < 0) of a stored
// fragment from offset off.
type OpenFunc func(ctx context.Context, f Fragment, off, length int64) (io.ReadCloser, error)
