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
	Unit      int64      `json:"u,omitempty"` // EC: bytes per fragment per stripe
	Fragments []Fragment `json:"f"`
}

// PutFunc stores the stream of fragment index (reading r to EOF) and
// returns where it went. Write calls it concurrently, once per index.
type PutFunc func(ctx context.Context, index int, r io.Reader) (Fragment, error)

// OpenFunc opens length bytes (or to the end if length < 0) of a stored
// fragment from offset off.
type OpenFunc func(ctx context.Context, f Fragment, off, length int64) (io.ReadCloser, error)

// The functions of this package (implemented in their own files):
//
//	func ParsePolicy(name string) (Policy, error)   // SINGLE, TWOCOPIES, THREECOPIES, EC<k>+<m> e.g. "EC4+2" (also "EC_4_2"); strata.Invalid otherwise
//	func DefaultPolicy(volumes int) Policy           // see docs/DESIGN.md
//	func (p Policy) Width() int                      // fragments to write: Copies, or K+M
//	func (p Policy) WriteQuorum() int                // fragments that must succeed: replication majority (n/2+1), EC K+1 (K if M == 0)
//	func (p Policy) Tolerates() int                  // fragments that may be lost: Copies-1, or M
//	func Write(ctx context.Context, p Policy, r io.Reader, put PutFunc) (Metachunk, error)
//	func Read(ctx context.Context, p Policy, mc Metachunk, off, length int64, open OpenFunc) (io.ReadCloser, error)
//	func Repair(ctx context.Context, p Policy, mc Metachunk, open OpenFunc, put PutFunc) (Metachunk, error)
