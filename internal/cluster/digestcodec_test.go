package cluster

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// simDigest is a digest of n nodes of 12 volumes with varied scores, as
// the scale simulation's publisher writes them.
func simDigest(n int) digest {
	rng := rand.New(rand.NewPCG(1, 2))
	d := digest{Formula: "cpu*0.3+io*0.3+space*0.4"}
	for i := range n {
		dn := digestNode{Node: fmt.Sprintf("node-%04d", i), Rev: int64(1000 + rng.IntN(1_000_000))}
		for range 12 {
			dn.Score = append(dn.Score, byte(40+rng.IntN(60)))
			dn.Free = append(dn.Free, byte(rng.IntN(101)))
		}
		d.Nodes = append(d.Nodes, dn)
	}
	return d
}

// TestDigestCodec: the binary digest decodes to what was encoded, a JSON
// digest (an older publisher's) still decodes, and the binary form is
// much smaller than the JSON one at 1,000 nodes.
func TestDigestCodec(t *testing.T) {
	for _, n := range []int{0, 1, 10, 1000} {
		d := simDigest(n)
		b := encodeDigest(d)
		got, err := decodeDigest(b)
		if err != nil {
			t.Fatalf("%d nodes: %v", n, err)
		}
		if len(d.Nodes) == 0 {
			d.Nodes = []digestNode{}
		}
		if !reflect.DeepEqual(got, d) {
			t.Fatalf("%d nodes: decoded digest differs", n)
		}
		js, _ := json.Marshal(d)
		fromJSON, err := decodeDigest(js)
		if err != nil || !reflect.DeepEqual(fromJSON, d) {
			t.Fatalf("%d nodes: JSON digest not read back (%v)", n, err)
		}
		if n == 1000 {
			t.Logf("1,000 nodes × 12 volumes: JSON %d bytes, binary %d bytes", len(js), len(b))
			if len(b)*2 > len(js) {
				t.Errorf("binary digest %d bytes, not half of JSON's %d", len(b), len(js))
			}
		}
	}
}

// TestDigestCodecRejects: truncated, trailing and garbage digests are
// errors, not panics or partial digests.
func TestDigestCodecRejects(t *testing.T) {
	raw := rawDigest(simDigest(3))
	for name, b := range map[string][]byte{
		"empty":      nil,
		"magic":      {digestMagic},
		"not flate":  {digestMagic, 0xff, 0xff, 0xff},
		"truncated":  deflate(raw[:len(raw)-5]),
		"trailing":   deflate(append(bytes.Clone(raw), 0)),
		"huge count": deflate([]byte{0, 0xff, 0xff, 0xff, 0xff, 0x0f}),
		"bad json":   []byte("{nodes"),
	} {
		if _, err := decodeDigest(b); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}

// FuzzDecodeDigest: no input panics, and what decodes from the binary
// form encodes and decodes to the same digest.
func FuzzDecodeDigest(f *testing.F) {
	f.Add(encodeDigest(simDigest(2)))
	f.Add(encodeDigest(digest{}))
	js, _ := json.Marshal(simDigest(1))
	f.Add(js)
	f.Add(deflate([]byte{1, 'f', 1, 1, 'n', 5, 2, 50, 60, 10, 20}))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := decodeDigest(b)
		if err != nil || len(b) == 0 || b[0] != digestMagic {
			return
		}
		again, err := decodeDigest(encodeDigest(d))
		if err != nil || !reflect.DeepEqual(again, d) {
			t.Fatalf("re-encoded digest differs (%v)", err)
		}
	})
}
