package usage

import "testing"

// FuzzDecodeRecord: any bytes decode to an error or to a record whose
// encoding decodes to the same record.
func FuzzDecodeRecord(f *testing.F) {
	f.Add(appendRecord(nil, record{Seq: 1, Hour: 493000, Class: ClassGet, BytesOut: 10, Account: "a", Bucket: "b"}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, n, err := decodeRecord(b)
		if err != nil {
			return
		}
		if n <= 0 || n > len(b) {
			t.Fatalf("length %d of %d", n, len(b))
		}
		again, _, err := decodeRecord(appendRecord(nil, r))
		if err != nil || again != r {
			t.Fatalf("re-encoded %+v as %+v, %v", r, again, err)
		}
	})
}

// FuzzParsePriceSheet: a sheet that parses validates, and never panics.
func FuzzParsePriceSheet(f *testing.F) {
	f.Add([]byte(sheetYAML))
	f.Add([]byte(`{"egress_gib": 1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParsePriceSheet(b)
		if err == nil && p.Validate() != nil {
			t.Fatal("parsed sheet does not validate")
		}
	})
}
