package cluster

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"sync"
)

// The digest travels to every gateway once per period, so its size is
// the root cluster's largest per-follower cost: as JSON (base64 scores)
// it was about 71 B per node, 71 KB per period at 1,000 nodes and 200
// gateways' worth of watch traffic. The binary form is
//
//	digestMagic, then DEFLATE of:
//	  uvarint len, formula
//	  uvarint count of nodes, and per node:
//	    uvarint len, name; uvarint description revision;
//	    uvarint services; one score byte per service; one free byte each
//
// Followers read both forms (a publisher of an older release writes JSON);
// a follower of an older release cannot read this one and scores itself
// (the fallback) until it is upgraded.
const digestMagic = 0xD1

// maxDigest bounds what a follower inflates: far above 1,000 nodes of 100
// services each, far below what would hurt a gateway.
const maxDigest = 64 << 20

var flaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

func encodeDigest(d digest) []byte { return deflate(rawDigest(d)) }

// rawDigest is the binary digest before compression.
func rawDigest(d digest) []byte {
	var raw []byte
	raw = appendString(raw, d.Formula)
	raw = binary.AppendUvarint(raw, uint64(len(d.Nodes)))
	for _, n := range d.Nodes {
		raw = appendString(raw, n.Node)
		raw = binary.AppendUvarint(raw, uint64(n.Rev))
		raw = binary.AppendUvarint(raw, uint64(len(n.Score)))
		raw = append(raw, n.Score...)
		raw = append(raw, n.Free...)
	}
	return raw
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errDigest = errors.New("malformed conscience digest")

// decodeDigest reads either form of the digest.
func decodeDigest(b []byte) (digest, error) {
	var d digest
	if len(b) == 0 {
		return d, errDigest
	}
	if b[0] != digestMagic {
		err := json.Unmarshal(b, &d)
		return d, err
	}
	raw, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(b[1:])), maxDigest+1))
	if err != nil || len(raw) > maxDigest {
		return d, errDigest
	}
	rd := digestReader{b: raw}
	d.Formula = rd.string()
	count := rd.uvarint()
	if count > uint64(len(raw)) { // each node takes at least 3 bytes
		return d, errDigest
	}
	d.Nodes = make([]digestNode, 0, count)
	for range count {
		n := digestNode{Node: rd.string(), Rev: int64(rd.uvarint())}
		svcs := rd.uvarint()
		n.Score, n.Free = rd.bytes(svcs), rd.bytes(svcs)
		if rd.err != nil {
			return d, rd.err
		}
		d.Nodes = append(d.Nodes, n)
	}
	if rd.err == nil && len(rd.b) != 0 {
		rd.err = errDigest
	}
	return d, rd.err
}

// digestReader reads the fields of a binary digest; the first error
// sticks and later reads return zero values.
type digestReader struct {
	b   []byte
	err error
}

func (r *digestReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errDigest
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *digestReader) bytes(n uint64) []byte {
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)) {
		r.err = errDigest
		return nil
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

func (r *digestReader) string() string { return string(r.bytes(r.uvarint())) }

// deflate compresses a raw digest behind the magic byte.
func deflate(raw []byte) []byte {
	var out bytes.Buffer
	out.WriteByte(digestMagic)
	w := flaters.Get().(*flate.Writer)
	defer flaters.Put(w)
	w.Reset(&out)
	w.Write(raw)
	w.Close()
	return out.Bytes()
}
