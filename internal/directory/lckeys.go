package directory

import "encoding/binary"

// Lifecycle index keys, under c/<cid:32>/ (see internal/object/lcindex.go):
//
//	y/c/<nanos:8><key>\x00<version>  -> "": a version (or delete marker) created at nanos
//	y/u/<nanos:8><key>\x00<upload>   -> "": a multipart upload initiated at nanos
//	y/t/<nanos:8><key>\x00<version> -> "": a version's tags changed at nanos (kept until the
//	                                    scanner's tag-filtered tasks have read it)
//	y/s                              -> the scanner's state: config hash and task cursors (JSON)
//
// Ordered by time, so a pass reads only the entries between a rule's
// cursor and the age it acts at.

// LCCreated is the index key of a version created at nanos.
func (m Meta2) LCCreated(nanos int64, key, version string) []byte {
	return lcEntry(m.with('y', []byte("c/")), nanos, key, version)
}

// LCCreatedPrefix is the prefix of the version index.
func (m Meta2) LCCreatedPrefix() []byte { return m.with('y', []byte("c/")) }

// LCUpload is the index key of an upload initiated at nanos.
func (m Meta2) LCUpload(nanos int64, key, uploadID string) []byte {
	return lcEntry(m.with('y', []byte("u/")), nanos, key, uploadID)
}

// LCUploadPrefix is the prefix of the upload index.
func (m Meta2) LCUploadPrefix() []byte { return m.with('y', []byte("u/")) }

// LCTouched is the index key of a version whose tags changed at nanos.
func (m Meta2) LCTouched(nanos int64, key, version string) []byte {
	return lcEntry(m.with('y', []byte("t/")), nanos, key, version)
}

// LCTouchedPrefix is the prefix of the tag-change index.
func (m Meta2) LCTouchedPrefix() []byte { return m.with('y', []byte("t/")) }

// LCState is the key of the lifecycle scanner's state of the container.
func (m Meta2) LCState() []byte { return m.with('y', []byte("s")) }

func lcEntry(prefix []byte, nanos int64, key, id string) []byte {
	k := binary.BigEndian.AppendUint64(prefix, uint64(nanos))
	return append(append(append(k, key...), 0), id...)
}

// LCParse splits an index entry (without its prefix) into time, key and
// version or upload id.
func LCParse(entry []byte) (nanos int64, key, id string, ok bool) {
	if len(entry) < 9 {
		return 0, "", "", false
	}
	nanos = int64(binary.BigEndian.Uint64(entry))
	rest := entry[8:]
	for i := len(rest) - 1; i >= 0; i-- {
		if rest[i] == 0 {
			return nanos, string(rest[:i]), string(rest[i+1:]), true
		}
	}
	return 0, "", "", false
}
