package nfs

import (
	"encoding/binary"
	"errors"
	"hash/fnv"
)

// fileID names a file for as long as it lives: the bucket (by key) and
// the inode number the namespace gave it. Inode numbers are kept by
// renames and across restarts, so a handle made of them is too.
type fileID struct {
	bucket uint64 // bucketKey of the bucket; 0 = the root of all buckets
	ino    uint64 // 0 = the bucket's root folder
}

// handleVersion leads every handle, so that a later layout can tell old
// handles apart.
const handleVersion = 1

// handleLen is the length of a handle (NFSv3 allows up to 64 bytes): a
// multiple of 4, as go-nfs reads some handles without their XDR padding.
// Layout: version, 3 zero bytes, bucket key, inode.
const handleLen = 20

var errHandle = errors.New("nfs: not a Strata file handle")

func encodeHandle(id fileID) []byte {
	b := make([]byte, handleLen)
	b[0] = handleVersion
	binary.BigEndian.PutUint64(b[4:], id.bucket)
	binary.BigEndian.PutUint64(b[12:], id.ino)
	return b
}

func decodeHandle(b []byte) (fileID, error) {
	if len(b) != handleLen || b[0] != handleVersion || b[1]|b[2]|b[3] != 0 {
		return fileID{}, errHandle
	}
	id := fileID{bucket: binary.BigEndian.Uint64(b[4:]), ino: binary.BigEndian.Uint64(b[12:])}
	if id.bucket == 0 && id.ino != 0 {
		return fileID{}, errHandle
	}
	return id, nil
}

// bucketKey is a bucket's key in handles: a hash of its name, so that it
// needs no allocation and is the same on every node. (Two bucket names
// with one key would share handles; the table keeps the first, and the
// second's handles are checked against their inode like any other.)
func bucketKey(name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	if k := h.Sum64(); k != 0 {
		return k
	}
	return 1
}
