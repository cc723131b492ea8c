package object

import (
	"encoding/json"

	jsonv1 "github.com/go-json-experiment/json/v1"

	"github.com/strata-storage/strata/internal/strata"
)

// decodeRecord reads a record in the compact form (recordwire.go), or a
// JSON one in one pass of encoding/json over its bytes.
//
// Decoding into record directly costs three more passes over the content
// map, which holds a small object's bytes inline (base64, so most of the
// record): json skips the map's text to hand it to contentMap's
// UnmarshalJSON, whose own json.Unmarshal validates it again before
// decoding it. That was the main CPU cost of a 4 KiB GET. Here the table
// form (every record written today) is decoded in place, as a field that
// shadows Content; a record in the first form (a plain array) fails that
// and takes the full path.
//
// The one pass is the JSON v2 engine in its v1 mode (the implementation
// behind Go's encoding/json under GOEXPERIMENT=jsonv2: the same results,
// only error texts differ). It decodes a 4 KiB object's record about 3
// times as fast as encoding/json and a chunked one 1.5 times; decoding
// was over half of a listing's CPU and a fifth of a HEAD's
// (BenchmarkDecodeRecord; FuzzDecodeRecord holds it to the full path).
func decodeRecord(b []byte) (*record, error) {
	if len(b) > 0 && b[0] == recordCompact {
		return decodeCompact(b)
	}
	var w struct {
		record
		Content  *contentTable `json:"c,omitempty"`
		Restored *contentTable `json:"rs,omitempty"`
	}
	if err := jsonv1.Unmarshal(b, &w); err != nil {
		return decodeRecordSlow(b)
	}
	r := w.record
	r.Content, r.Restored = w.Content.segments(), w.Restored.segments()
	return &r, nil
}

// decodeListed reads a record for a listing into r: a compact one in
// decodeCompactInto's listed form, a JSON one whole.
func decodeListed(r *record, b []byte) error {
	if len(b) > 0 && b[0] == recordCompact {
		return decodeCompactInto(r, b, true)
	}
	full, err := decodeRecord(b)
	if err != nil {
		return err
	}
	*r = *full
	return nil
}

// decodeRecordSlow reads any record, through contentMap's UnmarshalJSON.
func decodeRecordSlow(b []byte) (*record, error) {
	var r record
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, strata.E("object.decodeRecord", strata.Corrupt, err)
	}
	return &r, nil
}

// segments turns the table form into segments that share one *Metachunk
// per table entry (nil for no table).
func (t *contentTable) segments() contentMap {
	if t == nil {
		return nil
	}
	out := make([]segment, len(t.Segs))
	for i, r := range t.Segs {
		s := segment{Size: r.Size, Inline: r.Inline, Policy: r.Policy, Off: r.Off, Hole: r.Hole, Shared: r.Shared, Remote: r.Remote}
		if r.MC > 0 && r.MC <= len(t.MCs) {
			s.MC = t.MCs[r.MC-1]
		}
		out[i] = s
	}
	return out
}
