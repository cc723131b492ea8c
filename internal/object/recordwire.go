package object

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"time"

	jsonv1 "github.com/go-json-experiment/json/v1"

	"github.com/strata-storage/strata/internal/strata"
)

// The compact form of a record: a format byte, then tagged fields in
// increasing tag order, each a varint, a length-prefixed string or bytes,
// a map or a list, and one JSON field for the rare parts (object lock,
// encryption, chunked content, file attributes, ...).
//
// The JSON form spelled every field name in every record: a 0-byte
// object's record was about 300 bytes, half of them names, and meta2
// holds each version twice (current and version keys). At 20 M objects
// the current records outgrew the block cache, and a HEAD read its block
// from the file and decoded it again; smaller records keep more of them
// in the cache and decode without parsing text. A small object's bytes
// are stored raw instead of base64. Three fields were first in the JSON
// field and have tags of their own now, after it: the bucket name, the
// latest flag, and the content of a 0-byte object (one empty segment),
// which put a JSON field into every such record: its decoding was a
// third of a LIST's CPU at 10 M objects. Records of the first layout
// read.
//
// encodeRecord writes this form whenever it holds the record exactly and
// JSON otherwise (a time not in UTC, or outside the nanosecond range);
// decodeRecord reads both, so records written before stay readable. An
// older gateway cannot read the compact form: every gateway of a cluster
// must run this version before any writes it.

// recordCompact is the first byte of a compact record (JSON records
// start with '{').
const recordCompact = 0x01

// The compact form's field tags, in the order they are written.
const (
	tagKey = iota + 1
	tagVersionID
	tagDeleteMarker
	tagSize
	tagETag
	tagModified
	tagHeaders
	tagUserMeta
	tagTags
	tagStorageClass
	tagPolicy
	tagChecksums
	tagChecksumType
	tagPartSizes
	tagOwner
	tagACL
	tagReplication
	tagReplicaOf
	tagNanos
	tagUploadID
	tagInline // the whole content: one segment of inline bytes
	tagRest   // recordRest as JSON
	// Tags added after the JSON field, so that records written before
	// them (with these fields in the JSON) keep their layout.
	tagLatest // Info.IsLatest, no value
	tagBucket // Info.Bucket
	tagEmpty  // the content of a 0-byte object: one empty segment, no value
)

// recordRest holds a record's rare fields, in the compact form's JSON
// field. Their JSON round trip is the one records always had.
type recordRest struct {
	restInfo
	Content  *contentTable `json:"c,omitempty"`
	FS       *FileAttr     `json:"f,omitempty"`
	Enc      *encMeta      `json:"e,omitempty"`
	Restored *contentTable `json:"rs,omitempty"`
}

// restInfo is the part of recordRest that ObjectInfo holds: all that a
// listing decodes of it (json skips the chunk tables unread).
type restInfo struct {
	Bucket        string              `json:"b,omitempty"` // tagBucket since; read for records written before
	IsLatest      bool                `json:"l,omitempty"` // tagLatest since; as Bucket
	ObjectLock    *ObjectLock         `json:"lk,omitempty"`
	SSE           *SSEInfo            `json:"sse,omitempty"`
	PartChecksums []map[string]string `json:"pc,omitempty"`
	Restore       *RestoreStatus      `json:"rt,omitempty"`
}

// into sets i's fields from the JSON field.
func (r *restInfo) into(i *ObjectInfo) {
	i.Bucket, i.IsLatest, i.ObjectLock, i.SSE = r.Bucket, r.IsLatest, r.ObjectLock, r.SSE
	i.PartChecksums, i.Restore = r.PartChecksums, r.Restore
}

func (r *recordRest) empty() bool {
	return r.Bucket == "" && !r.IsLatest && r.ObjectLock == nil && r.SSE == nil && len(r.PartChecksums) == 0 &&
		r.Restore == nil && r.Content == nil && r.FS == nil && r.Enc == nil && r.Restored == nil
}

// compactTime reports whether t survives a round trip through its Unix
// nanoseconds: the zero time (not written), or a UTC time within the
// int64 nanosecond range.
func compactTime(t time.Time) bool {
	if t.IsZero() {
		return true
	}
	return t.Location() == time.UTC && t.Year() > 1678 && t.Year() < 2262 && t.UnixNano() != 0
}

// appendCompact appends r's compact form to b, or reports false when
// that form cannot hold r exactly.
func appendCompact(b []byte, r *record) ([]byte, bool) {
	i := &r.Info
	if !compactTime(i.Modified) {
		return b, false
	}
	b = append(b, recordCompact)
	b = appendStr(b, tagKey, i.Key)
	b = appendStr(b, tagVersionID, i.VersionID)
	if i.DeleteMarker {
		b = append(b, tagDeleteMarker)
	}
	b = appendInt(b, tagSize, i.Size)
	b = appendStr(b, tagETag, i.ETag)
	if !i.Modified.IsZero() {
		b = appendInt(b, tagModified, i.Modified.UnixNano())
	}
	b = appendMap(b, tagHeaders, i.Headers)
	b = appendMap(b, tagUserMeta, i.UserMeta)
	b = appendMap(b, tagTags, i.Tags)
	b = appendStr(b, tagStorageClass, i.StorageClass)
	b = appendStr(b, tagPolicy, i.Policy)
	b = appendMap(b, tagChecksums, i.Checksums)
	b = appendStr(b, tagChecksumType, i.ChecksumType)
	if len(i.PartSizes) > 0 {
		b = binary.AppendUvarint(append(b, tagPartSizes), uint64(len(i.PartSizes)))
		for _, n := range i.PartSizes {
			b = binary.AppendVarint(b, n)
		}
	}
	b = appendStr(b, tagOwner, i.Owner)
	b = appendStr(b, tagACL, string(i.ACL))
	b = appendStr(b, tagReplication, i.Replication)
	b = appendStr(b, tagReplicaOf, i.ReplicaOf)
	b = appendInt(b, tagNanos, r.Nanos)
	b = appendStr(b, tagUploadID, r.UploadID)
	rest := recordRest{restInfo: restInfo{ObjectLock: i.ObjectLock, SSE: i.SSE,
		PartChecksums: i.PartChecksums, Restore: i.Restore}, FS: r.FS, Enc: r.Enc}
	empty := emptyOnly(r.Content)
	if inlineOnly(r.Content) {
		b = appendStr(b, tagInline, string(r.Content[0].Inline))
	} else if len(r.Content) > 0 && !empty {
		rest.Content = r.Content.table()
	}
	if len(r.Restored) > 0 {
		rest.Restored = r.Restored.table()
	}
	if !rest.empty() {
		j, err := json.Marshal(&rest)
		if err != nil {
			panic(err) // records are plain data
		}
		b = appendStr(b, tagRest, string(j))
	}
	if i.IsLatest {
		b = append(b, tagLatest)
	}
	b = appendStr(b, tagBucket, i.Bucket)
	if empty {
		b = append(b, tagEmpty)
	}
	return b, true
}

// emptyOnly: the content is one segment of nothing, the shape of every
// 0-byte object (read back with nil Inline, as from JSON).
func emptyOnly(c contentMap) bool {
	if len(c) != 1 {
		return false
	}
	s := c[0]
	return s.Size == 0 && len(s.Inline) == 0 && s.Policy == "" && s.MC == nil && s.Off == 0 && !s.Hole && !s.Shared && s.Remote == nil
}

// inlineOnly: the content is one segment of inline bytes and nothing
// else, the shape of every small object.
func inlineOnly(c contentMap) bool {
	if len(c) != 1 {
		return false
	}
	s := c[0]
	return len(s.Inline) > 0 && s.Size == int64(len(s.Inline)) && s.Policy == "" && s.MC == nil &&
		s.Off == 0 && !s.Hole && !s.Shared && s.Remote == nil
}

func appendStr(b []byte, tag byte, s string) []byte {
	if s == "" {
		return b
	}
	b = binary.AppendUvarint(append(b, tag), uint64(len(s)))
	return append(b, s...)
}

func appendInt(b []byte, tag byte, n int64) []byte {
	if n == 0 {
		return b
	}
	return binary.AppendVarint(append(b, tag), n)
}

// appendMap writes a map's pairs sorted by name, so that one record has
// one encoding (o/ and v/ are compared byte for byte).
func appendMap(b []byte, tag byte, m map[string]string) []byte {
	if len(m) == 0 {
		return b
	}
	b = binary.AppendUvarint(append(b, tag), uint64(len(m)))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = binary.AppendUvarint(b, uint64(len(m[k])))
		b = append(b, m[k]...)
	}
	return b
}

var errCompact = errors.New("malformed compact record")

// compactReader reads a compact record's fields; the first error sticks.
type compactReader struct {
	b   []byte
	err error
	// shared, when set, is the record's bytes (from b's start) as one
	// string, which str hands out pieces of: one allocation per record
	// instead of one per string.
	shared string
}

// piece returns v, which bytes just read, as a string: a piece of shared
// if the reader has it.
func (c *compactReader) piece(v []byte) string {
	if c.shared == "" || len(v) == 0 {
		return string(v)
	}
	end := len(c.shared) - len(c.b)
	return c.shared[end-len(v) : end]
}

func (c *compactReader) uvarint() uint64 {
	n, k := binary.Uvarint(c.b)
	if k <= 0 {
		c.err, c.b = errCompact, nil
		return 0
	}
	c.b = c.b[k:]
	return n
}

func (c *compactReader) varint() int64 {
	n, k := binary.Varint(c.b)
	if k <= 0 {
		c.err, c.b = errCompact, nil
		return 0
	}
	c.b = c.b[k:]
	return n
}

func (c *compactReader) bytes() []byte {
	n := c.uvarint()
	if n > uint64(len(c.b)) {
		c.err, c.b = errCompact, nil
		return nil
	}
	v := c.b[:n:n]
	c.b = c.b[n:]
	return v
}

// str reads a non-empty string (empty ones are never written).
func (c *compactReader) str() string {
	v := c.bytes()
	if len(v) == 0 {
		c.err = errCompact
	}
	return c.piece(v)
}

func (c *compactReader) strMap() map[string]string {
	n := c.uvarint()
	if n == 0 || n > uint64(len(c.b))/2 { // a pair takes at least two bytes
		c.err, c.b = errCompact, nil
		return nil
	}
	m := make(map[string]string, n)
	prev := ""
	for i := uint64(0); i < n && c.err == nil; i++ {
		k := c.piece(c.bytes())
		v := c.piece(c.bytes())
		if i > 0 && k <= prev {
			c.err = errCompact // sorted, no duplicates
		}
		m[k], prev = v, k
	}
	return m
}

// decodeCompact reads a record in the compact form.
func decodeCompact(b []byte) (*record, error) {
	r := &record{}
	if err := decodeCompactInto(r, b, false); err != nil {
		return nil, err
	}
	return r, nil
}

// maxSharedRecord is the largest record a listing decodes into one
// string: a larger one holds inline bytes or chunk tables the listing
// would keep alive for nothing, and its strings are allocated each.
const maxSharedRecord = 512

// decodeCompactInto reads a record in the compact form into r, which it
// resets first. A listing (listed) needs only the version's Info and
// Nanos: its strings then share one allocation of the record's bytes (if
// it is small), and its content (inline bytes, chunk tables), file
// attributes and encryption keys are skipped, not decoded.
func decodeCompactInto(r *record, b []byte, listed bool) error {
	*r = record{}
	i := &r.Info
	c := compactReader{b: b[1:]}
	if listed && len(c.b) <= maxSharedRecord {
		c.shared = string(c.b)
	}
	last := 0
	for len(c.b) > 0 && c.err == nil {
		tag := int(c.b[0])
		c.b = c.b[1:]
		if tag <= last {
			c.err = errCompact // in order, each once
			break
		}
		last = tag
		switch tag {
		case tagKey:
			i.Key = c.str()
		case tagVersionID:
			i.VersionID = c.str()
		case tagDeleteMarker:
			i.DeleteMarker = true
		case tagSize:
			i.Size = c.nonZero()
		case tagETag:
			i.ETag = c.str()
		case tagModified:
			i.Modified = time.Unix(0, c.nonZero()).UTC()
		case tagHeaders:
			i.Headers = c.strMap()
		case tagUserMeta:
			i.UserMeta = c.strMap()
		case tagTags:
			i.Tags = c.strMap()
		case tagStorageClass:
			i.StorageClass = c.str()
		case tagPolicy:
			i.Policy = c.str()
		case tagChecksums:
			i.Checksums = c.strMap()
		case tagChecksumType:
			i.ChecksumType = c.str()
		case tagPartSizes:
			n := c.uvarint()
			if n == 0 || n > uint64(len(c.b)) {
				c.err = errCompact
				break
			}
			i.PartSizes = make([]int64, n)
			for k := range i.PartSizes {
				i.PartSizes[k] = c.varint()
			}
		case tagOwner:
			i.Owner = c.str()
		case tagACL:
			i.ACL = []byte(c.str())
		case tagReplication:
			i.Replication = c.str()
		case tagReplicaOf:
			i.ReplicaOf = c.str()
		case tagNanos:
			r.Nanos = c.nonZero()
		case tagUploadID:
			r.UploadID = c.str()
		case tagInline:
			if d := c.bytes(); len(d) == 0 {
				c.err = errCompact
			} else if !listed {
				d = bytes.Clone(d)
				r.Content = contentMap{{Size: int64(len(d)), Inline: d}}
			}
		case tagRest:
			if listed {
				c.infoRest(i, c.bytes())
			} else {
				c.rest(r, c.bytes())
			}
		case tagLatest:
			if i.IsLatest {
				c.err = errCompact // also in the JSON field: two encodings of one record
			}
			i.IsLatest = true
		case tagBucket:
			if i.Bucket != "" {
				c.err = errCompact
			}
			i.Bucket = c.str()
		case tagEmpty:
			if r.Content != nil {
				c.err = errCompact // one content only
			} else if !listed {
				r.Content = contentMap{{}}
			}
		default:
			c.err = errCompact
		}
	}
	if c.err != nil {
		return strata.E("object.decodeRecord", strata.Corrupt, c.err)
	}
	return nil
}

// nonZero reads a varint that was written because it is not zero.
func (c *compactReader) nonZero() int64 {
	n := c.varint()
	if n == 0 {
		c.err = errCompact
	}
	return n
}

// rest reads the JSON field into r.
func (c *compactReader) rest(r *record, j []byte) {
	if c.err != nil {
		return
	}
	var rest recordRest
	if err := jsonv1.Unmarshal(j, &rest); err != nil {
		c.err = err
		return
	}
	if rest.Content != nil && r.Content != nil {
		c.err = errCompact // inline and a table: one content only
		return
	}
	rest.into(&r.Info)
	r.FS, r.Enc = rest.FS, rest.Enc
	if rest.Content != nil {
		r.Content = rest.Content.segments()
	}
	r.Restored = rest.Restored.segments()
}

// infoRest reads the JSON field's Info fields into i, for a listing.
func (c *compactReader) infoRest(i *ObjectInfo, j []byte) {
	if c.err != nil {
		return
	}
	var rest restInfo
	if err := jsonv1.Unmarshal(j, &rest); err != nil {
		c.err = err
		return
	}
	rest.into(i)
}

// compactRest returns the JSON field of a compact record (nil if it has
// none or does not parse), without decoding the other fields: the volume
// index reads only the chunk tables, on every commit (rdir.go).
func compactRest(b []byte) []byte {
	c := compactReader{b: b[1:]}
	for len(c.b) > 0 && c.err == nil {
		tag := c.b[0]
		c.b = c.b[1:]
		switch tag {
		case tagDeleteMarker:
		case tagSize, tagModified, tagNanos:
			c.varint()
		case tagHeaders, tagUserMeta, tagTags, tagChecksums:
			for n := c.uvarint(); n > 0 && c.err == nil; n-- {
				c.bytes()
				c.bytes()
			}
		case tagPartSizes:
			for n := c.uvarint(); n > 0 && c.err == nil; n-- {
				c.varint()
			}
		case tagRest:
			return c.bytes()
		default:
			if tag > tagRest {
				return nil
			}
			c.bytes()
		}
	}
	return nil
}
