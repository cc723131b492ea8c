package blob

import (
	"context"
	"io"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// BackRef says which object a chunk belongs to, so that a rebuilder can
// find the object of a lost chunk and the garbage collector can tell an
// orphan from a live chunk. It is stored with the chunk.
type BackRef struct {
	Container string `json:"container"` // strata.ContainerID in hex
	Object    string `json:"object"`    // object key, or "\x00mpu/<uploadID>" for a multipart part
	Version   string `json:"version"`   // version id
	Position  string `json:"position"`  // "<metachunk>.<fragment>", e.g. "0.3"
}

// ChunkInfo describes a stored chunk.
type ChunkInfo struct {
	ID       strata.ChunkID `json:"id"`
	Size     int64          `json:"size"`     // data bytes, without headers or checksums
	Checksum string         `json:"checksum"` // hex digest of the whole data (xxh3-64 or similar)
	Ref      BackRef        `json:"ref"`
	Created  time.Time      `json:"created"`
}

// Usage is the space and activity of a volume, for the conscience.
type Usage struct {
	TotalBytes int64   `json:"total_bytes"`
	FreeBytes  int64   `json:"free_bytes"`
	Chunks     int64   `json:"chunks"`
	IOIdle     float64 `json:"io_idle"` // percent of time the disk was idle recently
}

// Store holds the chunks of one volume. All methods are safe for concurrent
// use.
type Store interface {
	// Put reads r to EOF and stores it as chunk id. The chunk is durable
	// (fsync'd, with its directory entry) before Put returns nil; on any
	// error no chunk is visible under id. Errors: strata.Exist if id is
	// taken, strata.NoSpace, strata.Invalid for a malformed id.
	Put(ctx context.Context, id strata.ChunkID, ref BackRef, r io.Reader) (ChunkInfo, error)
	// Open returns length bytes of the chunk's data from offset off
	// (length < 0: to the end). Every block read is verified; a mismatch
	// fails the Read with strata.Corrupt and never returns wrong bytes.
	// Errors: strata.NotExist, strata.Invalid for a bad range.
	Open(ctx context.Context, id strata.ChunkID, off, length int64) (io.ReadCloser, error)
	// Stat returns the chunk's description without reading its data.
	Stat(ctx context.Context, id strata.ChunkID) (ChunkInfo, error)
	// Delete removes the chunk. Deleting a missing chunk is strata.NotExist.
	Delete(ctx context.Context, id strata.ChunkID) error
	// Walk calls fn for every chunk on the volume, in no particular order.
	Walk(ctx context.Context, fn func(ChunkInfo) error) error
	// Usage reports the volume's space and activity.
	Usage(ctx context.Context) (Usage, error)
}

// Verifier is an optional ability: read a whole chunk and check every
// checksum, for the scrubber. Stores without it are scrubbed by reading.
type Verifier interface {
	Verify(ctx context.Context, id strata.ChunkID) error
}
