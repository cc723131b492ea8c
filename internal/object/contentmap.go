package object

import (
	"bytes"
	"encoding/json"

	"github.com/strata-storage/strata/internal/protect"
)

// contentMap is a content map as stored in meta2. A file written through
// a mount in small random writes has thousands of segments that slice a
// few log chunks, so the map stores each metachunk once, in a table, and
// segments point into it. Plain arrays of segments (the first format)
// are still read.
type contentMap []segment

type segmentRef struct {
	Size   int64  `json:"n"`
	Inline []byte `json:"d,omitempty"`
	Policy string `json:"p,omitempty"`
	MC     int    `json:"m,omitempty"` // 1-based index in the table; 0 = none
	Off    int64  `json:"o,omitempty"`
	Hole   bool   `json:"h,omitempty"`
	Shared bool   `json:"s,omitempty"`
	// Remote: on a remote tier (tier.go).
	Remote *remoteRef `json:"x,omitempty"`
}

type contentTable struct {
	MCs  []*protect.Metachunk `json:"t"`
	Segs []segmentRef         `json:"s"`
}

// MarshalJSON writes the table form.
func (c contentMap) MarshalJSON() ([]byte, error) { return json.Marshal(c.table()) }

// table is the map's table form.
func (c contentMap) table() *contentTable {
	var tab contentTable
	index := map[*protect.Metachunk]int{}
	byChunk := map[string]int{}
	for _, s := range c {
		ref := segmentRef{Size: s.Size, Inline: s.Inline, Policy: s.Policy, Off: s.Off, Hole: s.Hole, Shared: s.Shared, Remote: s.Remote}
		if s.MC != nil {
			i, ok := index[s.MC]
			if !ok && len(s.MC.Fragments) > 0 {
				f := s.MC.Fragments[0]
				i, ok = byChunk[f.Service+"/"+string(f.Chunk)]
			}
			if !ok {
				tab.MCs = append(tab.MCs, s.MC)
				i = len(tab.MCs)
				index[s.MC] = i
				if len(s.MC.Fragments) > 0 {
					f := s.MC.Fragments[0]
					byChunk[f.Service+"/"+string(f.Chunk)] = i
				}
			}
			ref.MC = i
		}
		tab.Segs = append(tab.Segs, ref)
	}
	return &tab
}

// UnmarshalJSON reads either form; segments that share a metachunk share
// one *Metachunk in memory.
func (c *contentMap) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var segs []segment
		if err := json.Unmarshal(b, &segs); err != nil {
			return err
		}
		*c = segs
		return nil
	}
	if string(b) == "null" {
		*c = nil
		return nil
	}
	var tab contentTable
	if err := json.Unmarshal(b, &tab); err != nil {
		return err
	}
	*c = tab.segments()
	return nil
}
