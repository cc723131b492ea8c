package directory

import (
	"bytes"

	"github.com/strata-storage/strata/internal/strata"
)

// Volume chunk index keys ("rdir"), at the top level of each meta2 shard
// engine, beside the containers (see internal/object/rdir.go):
//
//	V/<volume>\x00<cid:32><chunk>\x00<record> -> <metachunk position:uvarint>
//	V!backfill                                -> 'c'<last record key indexed> while the
//	                                             backfill of older records runs, 'd' once done
//
// <record> is the record key inside its container (v/..., p/..., l/...),
// so the record's full key is c/<cid:32>/<record>. Keyed by volume first,
// a rebuild of one lost volume reads only that volume's range. The index
// is not under R/: on a single node the root engine is also meta2 shard
// 0, and replication keeps its configuration under R/ there.
var (
	volIndexPref = []byte("V/")
	volBackfill  = []byte("V!backfill")
	recordPref   = []byte("c/")
)

// VolumeIndexKey is the index key of chunk on volume, named by record
// (the container-relative record key) of container cid.
func VolumeIndexKey(volume string, cid strata.ContainerID, chunk string, record []byte) []byte {
	k := make([]byte, 0, len(volIndexPref)+len(volume)+1+len(cid)+len(chunk)+1+len(record))
	k = append(append(append(k, volIndexPref...), volume...), 0)
	k = append(append(append(k, cid[:]...), chunk...), 0)
	return append(k, record...)
}

// VolumeIndexPrefix is the prefix of one volume's index entries.
func VolumeIndexPrefix(volume string) []byte {
	return append(append(append([]byte(nil), volIndexPref...), volume...), 0)
}

// VolumeIndexAll is the prefix of every volume's index entries.
func VolumeIndexAll() []byte { return append([]byte(nil), volIndexPref...) }

// VolumeBackfill is the key of the index backfill's cursor.
func VolumeBackfill() []byte { return append([]byte(nil), volBackfill...) }

// VolumeEntry is a parsed volume index key.
type VolumeEntry struct {
	Volume string
	CID    strata.ContainerID
	Chunk  string
	Record []byte // container-relative record key (v/..., p/..., l/...)
}

// ParseVolumeIndexKey parses a key written by VolumeIndexKey.
func ParseVolumeIndexKey(k []byte) (VolumeEntry, bool) {
	var e VolumeEntry
	rest, ok := bytes.CutPrefix(k, volIndexPref)
	if !ok {
		return e, false
	}
	vol, rest, ok := bytes.Cut(rest, []byte{0})
	if !ok || len(vol) == 0 || len(rest) < len(e.CID) {
		return e, false
	}
	copy(e.CID[:], rest)
	chunk, rec, ok := bytes.Cut(rest[len(e.CID):], []byte{0})
	if !ok || len(chunk) == 0 || len(rec) < 2 || rec[1] != '/' {
		return e, false
	}
	e.Volume, e.Chunk, e.Record = string(vol), string(chunk), rec
	return e, true
}

// SplitRecordKey splits a meta2 key c/<cid:32>/<kind>/... into its
// container and container-relative part (<kind>/...).
func SplitRecordKey(k []byte) (strata.ContainerID, []byte, bool) {
	var cid strata.ContainerID
	n := len(recordPref) + len(cid)
	if len(k) < n+3 || !bytes.HasPrefix(k, recordPref) || k[n] != '/' || k[n+2] != '/' {
		return cid, nil, false
	}
	copy(cid[:], k[len(recordPref):n])
	return cid, k[n+1:], true
}

// RecordKey is the full key of a container-relative record key.
func (m Meta2) RecordKey(record []byte) []byte { return append(m.All(), record...) }

// IsShardRecords reports whether k is a container key of a meta2 shard
// (c/...), the range the index backfill walks.
func IsShardRecords(k []byte) bool { return bytes.HasPrefix(k, recordPref) }

// ShardRecordsPrefix is the prefix of every container key of a meta2 shard.
func ShardRecordsPrefix() []byte { return append([]byte(nil), recordPref...) }
