package object

import (
	"encoding/json"
	"sync/atomic"
	"time"

	"github.com/strata-storage/strata/internal/protect"
)

// segment is a piece of an object's content: inline bytes or one
// metachunk protected by a policy.
//
// A segment may also be a slice of a metachunk (Off bytes into it), a
// hole that reads as zeros, or shared: files written through a mount
// reference log chunks from several versions and links, so their chunks
// are never deleted with one record but left to the orphan collector,
// which checks every reference (see gc.go).
type segment struct {
	Size   int64              `json:"n"`
	Inline []byte             `json:"d,omitempty"`
	Policy string             `json:"p,omitempty"`
	MC     *protect.Metachunk `json:"m,omitempty"`
	Off    int64              `json:"o,omitempty"` // offset of this segment in the metachunk's data
	Hole   bool               `json:"h,omitempty"` // Size zero bytes, stored nowhere
	Shared bool               `json:"s,omitempty"`
	// Remote: the bytes are in an object on a remote tier (tier.go).
	Remote *remoteRef `json:"x,omitempty"`
}

// record is a version as stored in meta2 (under both the version key and,
// for the latest, the current key).
type record struct {
	Info     ObjectInfo `json:"i"`
	Nanos    int64      `json:"t"` // creation time, orders versions
	Content  contentMap `json:"c,omitempty"`
	UploadID string     `json:"u,omitempty"` // the multipart upload it was completed from
	FS       *FileAttr  `json:"f,omitempty"` // file-system attributes, once the mount has touched it
	Enc      *encMeta   `json:"e,omitempty"` // server-side encryption (sse.go)
	// Restored is the temporary readable copy of an archived version
	// (restore.go); its chunks belong to the version as Content's do.
	Restored contentMap `json:"rs,omitempty"`
}

// encodeRecord writes a record in the compact form (recordwire.go), or
// as JSON when that form cannot hold it exactly or when the process was
// told to (WriteJSONRecords).
func encodeRecord(r *record) []byte {
	if !jsonRecords.Load() {
		if b, ok := appendCompact(make([]byte, 0, 128), r); ok {
			return b
		}
	}
	return encodeRecordJSON(r)
}

// jsonRecords makes encodeRecord write JSON only.
var jsonRecords atomic.Bool

// WriteJSONRecords makes this process write meta2 records as JSON, the
// form gateways older than the compact one read, or (false) compact
// again. It is for the rolling upgrade of a cluster: every upgraded
// gateway writes JSON until the last old one is gone, then all of them
// are restarted without it. The setting is process-wide because the
// records' form is a property of the binary's storage format, shared by
// every meta2 store the process opens; both forms are always read.
func WriteJSONRecords(on bool) { jsonRecords.Store(on) }

// encodeRecordJSON writes a record as JSON, the form of records written
// before the compact one.
func encodeRecordJSON(r *record) []byte {
	w := recordWire{Info: r.Info, Nanos: r.Nanos, UploadID: r.UploadID, FS: r.FS, Enc: r.Enc}
	if len(r.Content) > 0 {
		w.Content = r.Content.table()
	}
	if len(r.Restored) > 0 {
		w.Restored = r.Restored.table()
	}
	b, err := json.Marshal(&w)
	if err != nil {
		panic(err) // records are plain data
	}
	return b
}

// recordWire is a record as encodeRecord writes it: the same JSON as
// json.Marshal(record), with the content maps as plain structs. Through
// contentMap's MarshalJSON, encoding/json re-scanned the map's text to
// compact it, byte by byte: 6% of the gateway's CPU under 4 KiB PUTs,
// whose bytes are inline in the record.
type recordWire struct {
	Info     ObjectInfo    `json:"i"`
	Nanos    int64         `json:"t"`
	Content  *contentTable `json:"c,omitempty"`
	UploadID string        `json:"u,omitempty"`
	FS       *FileAttr     `json:"f,omitempty"`
	Enc      *encMeta      `json:"e,omitempty"`
	Restored *contentTable `json:"rs,omitempty"`
}

func (r *record) modified() time.Time { return time.Unix(0, r.Nanos).UTC() }

// chunks lists every chunk of the content.
func chunksOf(segs []segment) []protect.Fragment {
	var out []protect.Fragment
	for _, s := range segs {
		if s.MC != nil {
			out = append(out, s.MC.Fragments...)
		}
	}
	return out
}

// uploadRecord is a multipart upload as stored in meta2.
type uploadRecord struct {
	Upload Upload   `json:"u"`
	Policy string   `json:"p,omitempty"`
	Enc    *encMeta `json:"e,omitempty"` // the parts' encryption (sse.go)
}

// partRecord is one uploaded part.
type partRecord struct {
	Key      string    `json:"k"`
	UploadID string    `json:"u"`
	Part     Part      `json:"p"`
	MD5      []byte    `json:"m"`
	Content  []segment `json:"c,omitempty"`
	// Shortfall: written with less protection or spread than its
	// policy asks; the completed object is queued for the improver.
	Shortfall bool `json:"s,omitempty"`
}
