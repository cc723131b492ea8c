package directory

import (
	"bytes"
	"testing"

	"github.com/strata-storage/strata/internal/strata"
)

func TestVolumeIndexKeyRoundTrip(t *testing.T) {
	cid := strata.NewContainerID("acct", "bucket")
	rec := []byte("v/a\x00key\x00\xff\x01ver")
	k := VolumeIndexKey("vol-1", cid, "0123456789abcdef0123456789abcdef", rec)
	e, ok := ParseVolumeIndexKey(k)
	if !ok || e.Volume != "vol-1" || e.CID != cid || e.Chunk != "0123456789abcdef0123456789abcdef" || !bytes.Equal(e.Record, rec) {
		t.Fatalf("parsed %+v %v", e, ok)
	}
	if !bytes.HasPrefix(k, VolumeIndexPrefix("vol-1")) || bytes.HasPrefix(k, VolumeIndexPrefix("vol-")) {
		t.Fatal("a volume's prefix must not cover another volume")
	}
	m2 := NewMeta2(cid)
	full := m2.RecordKey(rec)
	gotCID, rel, ok := SplitRecordKey(full)
	if !ok || gotCID != cid || !bytes.Equal(rel, rec) {
		t.Fatalf("SplitRecordKey(%q) = %v %q %v", full, gotCID, rel, ok)
	}
	for _, bad := range [][]byte{nil, []byte("V/"), []byte("V/v\x00short"), []byte("R/b/x"), VolumeIndexKey("v", cid, "c", []byte("x"))} {
		if _, ok := ParseVolumeIndexKey(bad); ok {
			t.Fatalf("%q parsed", bad)
		}
	}
}

// FuzzParseVolumeIndexKey: whatever parses is rebuilt byte for byte by
// VolumeIndexKey, and SplitRecordKey never panics.
func FuzzParseVolumeIndexKey(f *testing.F) {
	cid := strata.NewContainerID("a", "b")
	f.Add(VolumeIndexKey("vol0", cid, "0123456789abcdef0123456789abcdef", []byte("v/k\x00\x01\x02v")))
	f.Add([]byte("V/x\x00"))
	f.Add(append([]byte("c/"), bytes.Repeat([]byte{'/'}, 40)...))
	f.Fuzz(func(t *testing.T, k []byte) {
		if e, ok := ParseVolumeIndexKey(k); ok {
			if got := VolumeIndexKey(e.Volume, e.CID, e.Chunk, e.Record); !bytes.Equal(got, k) {
				t.Fatalf("%q parsed to %+v, rebuilt as %q", k, e, got)
			}
		}
		if cid, rel, ok := SplitRecordKey(k); ok {
			if got := NewMeta2(cid).RecordKey(rel); !bytes.Equal(got, k) {
				t.Fatalf("%q split to %v %q, rebuilt as %q", k, cid, rel, got)
			}
		}
	})
}
