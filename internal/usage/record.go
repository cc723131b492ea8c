package usage

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"time"
)

// Request is what the gateway tells the meter about one S3 request.
type Request struct {
	Time      time.Time
	Account   string // the account charged: the bucket's owner, or the caller for service calls
	Bucket    string // "" for calls on no bucket (ListBuckets, CreateBucket before it exists)
	Operation string // "s3:PutObject", see ClassOf
	BytesIn   int64  // request body bytes read
	BytesOut  int64  // response body bytes written
}

// Traffic is the request counters of one account, bucket and hour.
type Traffic struct {
	Put      int64 `json:"put"`
	Get      int64 `json:"get"`
	Delete   int64 `json:"delete"`
	BytesIn  int64 `json:"bytes_in"`
	BytesOut int64 `json:"bytes_out"`
}

// Requests returns the count of class c.
func (t Traffic) Requests(c Class) int64 {
	switch c {
	case ClassPut:
		return t.Put
	case ClassGet:
		return t.Get
	case ClassDelete:
		return t.Delete
	}
	return 0
}

// Add adds u to t.
func (t *Traffic) Add(u Traffic) {
	t.Put += u.Put
	t.Get += u.Get
	t.Delete += u.Delete
	t.BytesIn += u.BytesIn
	t.BytesOut += u.BytesOut
}

// IsZero reports whether nothing was counted.
func (t Traffic) IsZero() bool { return t == Traffic{} }

// record is one spooled request.
type record struct {
	Seq      uint64
	Hour     int64 // unix hours
	Class    Class
	BytesIn  int64
	BytesOut int64
	Account  string
	Bucket   string
}

func (r record) traffic() Traffic {
	t := Traffic{BytesIn: r.BytesIn, BytesOut: r.BytesOut}
	switch r.Class {
	case ClassPut:
		t.Put = 1
	case ClassGet:
		t.Get = 1
	case ClassDelete:
		t.Delete = 1
	}
	return t
}

// Spool record framing: a 4-byte little-endian payload length, a 4-byte
// CRC-32C of the payload, then the payload: uvarint seq, varint hour,
// class byte, uvarint bytes in and out, and the account and bucket as
// uvarint-length-prefixed strings. The CRC tells a record torn by a
// crash (or a damaged file) from a whole one.
const headerLen = 8

// maxPayload bounds a record: names are at most a few hundred bytes.
const maxPayload = 4096

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errTorn is a record cut short or damaged: the spool ends there.
var errTorn = errors.New("usage: torn or damaged spool record")

// appendRecord appends the framed record r to b.
func appendRecord(b []byte, r record) []byte {
	start := len(b)
	b = append(b, 0, 0, 0, 0, 0, 0, 0, 0) // length and CRC, filled in below
	b = binary.AppendUvarint(b, r.Seq)
	b = binary.AppendVarint(b, r.Hour)
	b = append(b, byte(r.Class))
	b = binary.AppendUvarint(b, uint64(max(r.BytesIn, 0)))
	b = binary.AppendUvarint(b, uint64(max(r.BytesOut, 0)))
	b = binary.AppendUvarint(b, uint64(len(r.Account)))
	b = append(b, r.Account...)
	b = binary.AppendUvarint(b, uint64(len(r.Bucket)))
	b = append(b, r.Bucket...)
	payload := b[start+headerLen:]
	binary.LittleEndian.PutUint32(b[start:], uint32(len(payload)))
	binary.LittleEndian.PutUint32(b[start+4:], crc32.Checksum(payload, castagnoli))
	return b
}

// decodeRecord reads the record at the start of b and returns it and its
// framed length; errTorn if b does not start with a whole, intact one.
func decodeRecord(b []byte) (record, int, error) {
	var r record
	if len(b) < headerLen {
		return r, 0, errTorn
	}
	n := binary.LittleEndian.Uint32(b)
	if n == 0 || n > maxPayload || uint64(len(b)-headerLen) < uint64(n) {
		return r, 0, errTorn
	}
	p := b[headerLen : headerLen+int(n)]
	if crc32.Checksum(p, castagnoli) != binary.LittleEndian.Uint32(b[4:]) {
		return r, 0, errTorn
	}
	d := decoder{b: p}
	r.Seq = d.uvarint()
	r.Hour = d.varint()
	r.Class = Class(d.byte())
	r.BytesIn = int64(d.uvarint())
	r.BytesOut = int64(d.uvarint())
	r.Account = d.str()
	r.Bucket = d.str()
	if d.bad || len(d.b) != 0 || r.Class >= NumClasses || r.BytesIn < 0 || r.BytesOut < 0 {
		return record{}, 0, errTorn
	}
	return r, headerLen + int(n), nil
}

// decoder reads varints off a payload, remembering the first failure.
type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.bad = true
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.bad || n > uint64(len(d.b)) {
		d.bad = true
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}
