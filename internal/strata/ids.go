package strata

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"sync"
	"time"
)

// ContainerID names a container (an S3 bucket) in the directory: the
// SHA-256 of its account and name, so any node computes it without a lookup.
type ContainerID [32]byte

// NewContainerID hashes account and container name.
func NewContainerID(account, container string) ContainerID {
	h := sha256.New()
	h.Write([]byte(account))
	h.Write([]byte{0})
	h.Write([]byte(container))
	var id ContainerID
	h.Sum(id[:0])
	return id
}

func (c ContainerID) String() string { return hex.EncodeToString(c[:]) }

// Slot is the meta0 slot of the container: its first two bytes.
func (c ContainerID) Slot() uint16 { return binary.BigEndian.Uint16(c[:2]) }

// ParseContainerID parses the hex form of a container id.
func ParseContainerID(s string) (ContainerID, error) {
	var id ContainerID
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(id) {
		return id, Errorf("strata.ParseContainerID", Invalid, "bad container id %q", s)
	}
	copy(id[:], b)
	return id, nil
}

// ChunkID names one chunk (one copy or one fragment) on a blob volume:
// 32 lowercase hex characters of randomness.
type ChunkID string

// NewChunkID returns a fresh random chunk id.
func NewChunkID() ChunkID {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on Linux
	}
	return ChunkID(hex.EncodeToString(b[:]))
}

// Valid reports whether the id has the right form (it becomes a file name).
func (c ChunkID) Valid() bool {
	if len(c) != 32 {
		return false
	}
	for i := 0; i < len(c); i++ {
		ch := c[i]
		if !('0' <= ch && ch <= '9' || 'a' <= ch && ch <= 'f') {
			return false
		}
	}
	return true
}

var versionClock struct {
	sync.Mutex
	last int64
}

// NewVersionID returns a version id that sorts by creation time
// (newest last) on this node: 16 hex digits of nanoseconds, strictly
// increasing, then 8 random hex digits so that nodes do not collide.
func NewVersionID() string {
	versionClock.Lock()
	now := time.Now().UnixNano()
	if now <= versionClock.last {
		now = versionClock.last + 1
	}
	versionClock.last = now
	versionClock.Unlock()
	var b [12]byte
	binary.BigEndian.PutUint64(b[:8], uint64(now))
	rand.Read(b[8:])
	return hex.EncodeToString(b[:])
}

// NullVersion is the version id of objects written while versioning is
// off or suspended, as S3 names it.
const NullVersion = "null"
