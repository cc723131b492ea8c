package object

import (
	"bytes"
	"encoding/json"
	"reflect"

	"testing"
	"time"

	"github.com/strata-storage/strata/internal/protect"
	"github.com/strata-storage/strata/internal/strata"
)

// sampleRecords are records of each content shape: inline bytes (a small
// object), one metachunk, slices sharing a metachunk, holes, a remote
// tier, a restored copy, and none (a delete marker).
func sampleRecords() []*record {
	mc := &protect.Metachunk{Size: 16 << 20, Fragments: []protect.Fragment{{Index: 0, Service: "blob-1", Chunk: strata.NewChunkID(), Size: 16 << 20}}}
	mc2 := &protect.Metachunk{Size: 1 << 20, Unit: 4096, Fragments: []protect.Fragment{{Index: 0, Service: "blob-1", Chunk: strata.NewChunkID()}, {Index: 1, Service: "blob-2", Chunk: strata.NewChunkID()}}}
	info := ObjectInfo{Key: "k", VersionID: "null", Size: 4096, ETag: "0123456789abcdef0123456789abcdef",
		Modified: time.Unix(1700000000, 5).UTC(), Headers: map[string]string{"Content-Type": "application/octet-stream"},
		UserMeta: map[string]string{"a": "b"}, Policy: "SINGLE", Owner: "acct", Checksums: map[string]string{"CRC32": "AAAAAA=="}}
	inline := bytes.Repeat([]byte("strata\x00\xff"), 512)
	return []*record{
		{Info: info, Nanos: 1, Content: contentMap{{Size: 4096, Inline: inline}}},
		{Info: info, Nanos: 2, Content: contentMap{{Size: mc.Size, Policy: "SINGLE", MC: mc}}},
		{Info: info, Nanos: 3, Content: contentMap{{Size: 100, Policy: "EC2+1", MC: mc2, Shared: true}, {Size: 50, Hole: true}, {Size: 200, Policy: "EC2+1", MC: mc2, Off: 100, Shared: true}},
			FS: &FileAttr{}},
		{Info: info, Nanos: 4, Content: contentMap{{Size: 10, Remote: &remoteRef{Tier: "cold", Key: "x/y"}}},
			Restored: contentMap{{Size: 10, Inline: []byte("0123456789")}}},
		{Info: ObjectInfo{Key: "gone", DeleteMarker: true}, Nanos: 5},
	}
}

// decodeRecord (one pass) reads exactly what the full path reads, from
// the JSON table form and from the first form (plain arrays).
func TestDecodeRecordFastPath(t *testing.T) {
	for i, rec := range sampleRecords() {
		b := encodeRecordJSON(rec)
		checkDecodeSame(t, b)
		got, err := decodeRecord(b)
		if err != nil || !reflect.DeepEqual(got, rec) {
			t.Fatalf("record %d: round trip differs: %v\n got %+v\nwant %+v", i, err, got, rec)
		}
		// Segments that shared a metachunk still share it.
		if i == 2 && got.Content[0].MC != got.Content[2].MC {
			t.Fatalf("record %d: shared metachunk decoded twice", i)
		}
		// The first form: content as a plain array of segments.
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			t.Fatal(err)
		}
		if len(rec.Content) > 0 {
			raw["c"], _ = json.Marshal([]segment(rec.Content))
			old, _ := json.Marshal(raw)
			checkDecodeSame(t, old)
			if got, err := decodeRecord(old); err != nil || !reflect.DeepEqual(got.Content, rec.Content) {
				t.Fatalf("record %d, first form: %v", i, err)
			}
		}
	}
	if _, err := decodeRecord([]byte(`{"i":`)); !strata.Is(err, strata.Corrupt) {
		t.Fatalf("truncated record: got %v, want Corrupt", err)
	}
}

// checkDecodeSame fails unless both paths agree on b, a JSON record: the
// same record, or both an error.
func checkDecodeSame(t *testing.T, b []byte) {
	t.Helper()
	if len(b) > 0 && b[0] == recordCompact {
		return // not JSON: FuzzDecodeCompact
	}
	fast, ferr := decodeRecord(b)
	slow, serr := decodeRecordSlow(b)
	if (ferr == nil) != (serr == nil) || !reflect.DeepEqual(fast, slow) {
		t.Fatalf("decode of %q: fast %+v (%v), full %+v (%v)", b, fast, ferr, slow, serr)
	}
}

// cpuTime is the process's user and system CPU time so far, in ns.
// cpuTime is in rdir_bench_test.go.

func FuzzDecodeRecord(f *testing.F) {
	for _, rec := range sampleRecords() {
		f.Add(encodeRecordJSON(rec))
	}
	f.Add([]byte(`{"c":[{"n":1,"d":"AA=="}]}`))
	f.Add([]byte(`{"c":null,"rs":{"t":null,"s":[]}}`))
	f.Fuzz(func(t *testing.T, b []byte) { checkDecodeSame(t, b) })
}

// BenchmarkDecodeRecord: the meta2 record of a 4 KiB object (inline) and
// of a 16 MiB one: JSON by the one-pass decoder and by the full path it
// replaced, and the compact form.
func BenchmarkDecodeRecord(b *testing.B) {
	recs := sampleRecords()
	for _, c := range []struct {
		name string
		rec  *record
	}{{"inline4KiB", recs[0]}, {"chunk16MiB", recs[1]}} {
		raw := encodeRecordJSON(c.rec)
		for _, way := range []struct {
			name string
			fn   func([]byte) (*record, error)
			raw  []byte
		}{{"full", decodeRecordSlow, raw}, {"onepass", decodeRecord, raw}, {"compact", decodeRecord, encodeRecord(c.rec)}} {
			raw := way.raw
			b.Run(c.name+"/"+way.name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(raw)))
				cpu0 := cpuTime()
				for b.Loop() {
					if _, err := way.fn(raw); err != nil {
						b.Fatal(err)
					}
				}
				// CPU time hardly moves with other processes' load.
				b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// encodeRecordJSON writes the very bytes json.Marshal of the record
// writes (through contentMap's MarshalJSON), so that records written
// before and after the wire struct compare and decode alike.
func TestEncodeRecordSameBytes(t *testing.T) {
	for i, rec := range sampleRecords() {
		want, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		if got := encodeRecordJSON(rec); !bytes.Equal(got, want) {
			t.Fatalf("record %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

func BenchmarkEncodeRecordInline(b *testing.B) {
	rec := sampleRecords()[0]
	b.ReportAllocs()
	for b.Loop() {
		encodeRecordJSON(rec)
	}
}

func BenchmarkEncodeRecordInlineCompact(b *testing.B) {
	rec := sampleRecords()[0]
	b.ReportAllocs()
	for b.Loop() {
		encodeRecord(rec)
	}
}

// The path encodeRecord took before: contentMap's MarshalJSON, whose
// output encoding/json compacts again.
func BenchmarkEncodeRecordInlineViaMarshaler(b *testing.B) {
	rec := sampleRecords()[0]
	b.ReportAllocs()
	for b.Loop() {
		json.Marshal(rec)
	}
}
