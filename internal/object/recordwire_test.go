package object

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// fullRecords are records that use every field, rare ones included.
func fullRecords() []*record {
	recs := sampleRecords()
	when := time.Unix(1800000000, 123456789).UTC()
	full := &record{
		Info: ObjectInfo{Bucket: "b", Key: "dir/ключ", VersionID: "v1", IsLatest: true, Size: 12, ETag: "abc-2",
			Modified: when, Headers: map[string]string{"Content-Type": "text/plain", "Cache-Control": ""},
			UserMeta: map[string]string{"x": "1", "": "empty name"}, Tags: map[string]string{"t": "v"},
			StorageClass: "COLD", Policy: "EC6+3", Checksums: map[string]string{"CRC32C": "x=="},
			ChecksumType: "COMPOSITE", PartSizes: []int64{5, 0, 7}, Owner: "o", ACL: []byte("<acl/>"),
			ObjectLock: &ObjectLock{Mode: "GOVERNANCE", Until: when}, SSE: &SSEInfo{Mode: "aws:kms", KeyID: "k"},
			Replication: "PENDING", ReplicaOf: "site-b",
			PartChecksums: []map[string]string{{"CRC32C": "a"}, nil},
			Restore:       &RestoreStatus{Ongoing: true, Days: 2, Requested: when}},
		Nanos: when.UnixNano(), UploadID: "up", Content: contentMap{{Size: 12, Inline: []byte("hello, world")}},
		FS:  &FileAttr{Mode: 0o100644, Uid: 1, Gid: 2},
		Enc: &encMeta{Mode: "SSE-C", Salt: []byte{1, 2}, Check: []byte{3}},
	}
	recs = append(recs, full,
		&record{Info: ObjectInfo{Key: "zero", VersionID: "null", ETag: "d41d8cd98f00b204e9800998ecf8427e",
			Modified: when, Policy: "THREECOPIES", Owner: "acct"}, Nanos: when.UnixNano()},
		&record{Nanos: -1, Info: ObjectInfo{Size: -5}},
		&record{}) // nothing at all
	return recs
}

// Every record written in the compact form reads back as it was, and as
// the JSON form reads it.
func TestCompactRoundTrip(t *testing.T) {
	for i, rec := range fullRecords() {
		b := encodeRecord(rec)
		if b[0] != recordCompact {
			t.Fatalf("record %d: not written compact: %q", i, b)
		}
		got, err := decodeRecord(b)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		fromJSON, err := decodeRecord(encodeRecordJSON(rec))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, fromJSON) {
			t.Fatalf("record %d: compact and JSON differ\ncompact %+v\n   JSON %+v", i, got, fromJSON)
		}
		if !bytes.Equal(encodeRecord(got), b) {
			t.Fatalf("record %d: a second encoding differs", i)
		}
		// The volume index finds the same chunks in both forms.
		if c, j := recordMetachunks('v', b), recordMetachunks('v', encodeRecordJSON(rec)); !reflect.DeepEqual(c, j) {
			t.Fatalf("record %d: index reads %v from the compact form, %v from JSON", i, c, j)
		}
	}
}

// The compact form holds a 0-byte object's record in less than half the
// bytes of JSON (the point of it: more records per cached block).
func TestCompactSmaller(t *testing.T) {
	rec := fullRecords()[len(fullRecords())-3]
	c, j := encodeRecord(rec), encodeRecordJSON(rec)
	t.Logf("0-byte object: compact %d bytes, JSON %d", len(c), len(j))
	if 2*len(c) >= len(j) {
		t.Fatalf("compact %d bytes, JSON %d", len(c), len(j))
	}
}

// Times the compact form cannot hold exactly keep the JSON form.
func TestCompactFallsBackToJSON(t *testing.T) {
	for _, when := range []time.Time{
		time.Unix(1700000000, 0).In(time.FixedZone("X", 3600)),
		time.Unix(0, 0).UTC(),
		time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC),
	} {
		rec := &record{Info: ObjectInfo{Key: "k", Modified: when}}
		b := encodeRecord(rec)
		if b[0] != '{' {
			t.Fatalf("%v: written compact", when)
		}
		got, err := decodeRecord(b)
		if err != nil || !got.Info.Modified.Equal(when) {
			t.Fatalf("%v: read %v, %v", when, got, err)
		}
	}
}

// Malformed compact records are Corrupt, never a panic or a half record.
func TestCompactCorrupt(t *testing.T) {
	good := encodeRecord(fullRecords()[len(fullRecords())-4])
	for name, b := range map[string][]byte{
		"unknown tag":       {recordCompact, 99},
		"tags out of order": {recordCompact, tagVersionID, 1, 'v', tagKey, 1, 'k'},
		"tag twice":         {recordCompact, tagKey, 1, 'k', tagKey, 1, 'k'},
		"length past end":   {recordCompact, tagKey, 9, 'k'},
		"empty string":      {recordCompact, tagKey, 0},
		"zero size":         {recordCompact, tagSize, 0},
		"unsorted map":      {recordCompact, tagHeaders, 2, 1, 'b', 0, 1, 'a', 0},
		"huge map":          {recordCompact, tagHeaders, 0xff, 0xff, 0xff, 0x0f},
		"bad rest":          {recordCompact, tagRest, 1, '{'},
		"truncated varint":  {recordCompact, tagNanos, 0x80},
		"cut inside":        good[:len(good)-1],
	} {
		if r, err := decodeRecord(b); !strata.Is(err, strata.Corrupt) {
			t.Errorf("%s: got %+v, %v; want Corrupt", name, r, err)
		}
	}
}

// checkListedSame: a listing's decode of b, which decodeRecord read as
// want, gives the same Info and Nanos, into a record that held another
// version before (decodeListed resets it).
func checkListedSame(t *testing.T, want *record, b []byte) {
	t.Helper()
	got := record{Info: ObjectInfo{Key: "left over", Tags: map[string]string{"a": "b"}}, Nanos: 5, FS: &FileAttr{}}
	if err := decodeListed(&got, b); err != nil {
		t.Fatalf("listed decode of %q: %v", b, err)
	}
	if !reflect.DeepEqual(got.Info, want.Info) || got.Nanos != want.Nanos {
		t.Fatalf("listed decode of %q:\n got %+v (nanos %d)\nwant %+v (nanos %d)", b, got.Info, got.Nanos, want.Info, want.Nanos)
	}
	if got.Content != nil || got.FS != nil || got.Enc != nil || got.Restored != nil {
		t.Fatalf("listed decode of %q kept more than Info: %+v", b, got)
	}
}

// A listing reads every record's Info and Nanos as decodeRecord does, in
// the compact form and in JSON.
func TestDecodeListed(t *testing.T) {
	for i, rec := range fullRecords() {
		for _, b := range [][]byte{encodeRecord(rec), encodeRecordJSON(rec)} {
			want, err := decodeRecord(b)
			if err != nil {
				t.Fatalf("record %d: %v", i, err)
			}
			if b[0] == recordCompact {
				checkListedSame(t, want, b)
				continue
			}
			// JSON is decoded whole.
			var got record
			if err := decodeListed(&got, b); err != nil || !reflect.DeepEqual(&got, want) {
				t.Fatalf("record %d as JSON: %+v, %v", i, got, err)
			}
		}
	}
	for _, b := range [][]byte{{recordCompact, tagKey, 0}, {recordCompact, tagInline, 0}, {recordCompact, tagRest, 1, '{'}} {
		var r record
		if err := decodeListed(&r, b); !strata.Is(err, strata.Corrupt) && err == nil {
			t.Errorf("listed decode of %q: %v, want an error", b, err)
		}
	}
}

func FuzzDecodeCompact(f *testing.F) {
	for _, rec := range fullRecords() {
		f.Add(encodeRecord(rec))
	}
	f.Add([]byte{recordCompact, tagRest, 2, '{', '}'})
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) == 0 || b[0] != recordCompact {
			return
		}
		recordMetachunks('v', b) // never panics
		r, err := decodeRecord(b)
		if err != nil {
			return
		}
		checkListedSame(t, r, b)
		// What decodes re-encodes to a form that reads back the same.
		once := encodeRecord(r)
		again, err := decodeRecord(once)
		if err != nil {
			t.Fatalf("re-encoded %q: %v", once, err)
		}
		if !bytes.Equal(encodeRecord(again), once) || !bytes.Equal(encodeRecordJSON(again), encodeRecordJSON(r)) {
			t.Fatalf("%q read back differently:\n%+v\n%+v", b, r, again)
		}
	})
}

// Records of the compact form's first layout, with the bucket and the
// latest flag in the JSON field, still read; the same fields both there
// and in their own tags are Corrupt (one record, one encoding).
func TestCompactFirstLayout(t *testing.T) {
	rec := &record{Info: ObjectInfo{Bucket: "bk", Key: "k", IsLatest: true, Size: 3, ETag: "e",
		Modified: time.Unix(1800000000, 7).UTC()}, Nanos: 9,
		Content: contentMap{{Size: 3, Inline: []byte("abc")}}}
	now := encodeRecord(rec)
	if bytes.Contains(now, []byte(`"b":`)) || bytes.Contains(now, []byte(`"l":`)) {
		t.Fatalf("bucket or latest flag in the JSON field: %q", now)
	}
	first := []byte{recordCompact}
	first = appendStr(first, tagKey, "k")
	first = appendInt(first, tagSize, 3)
	first = appendStr(first, tagETag, "e")
	first = appendInt(first, tagModified, rec.Info.Modified.UnixNano())
	first = appendInt(first, tagNanos, 9)
	first = appendStr(first, tagInline, "abc")
	first = appendStr(first, tagRest, `{"b":"bk","l":true}`)
	got, err := decodeRecord(first)
	if err != nil || !reflect.DeepEqual(got.Info, rec.Info) || got.Nanos != 9 || !bytes.Equal(got.Content[0].Inline, []byte("abc")) {
		t.Fatalf("first layout read %+v, %v", got, err)
	}
	if !bytes.Equal(encodeRecord(got), now) {
		t.Fatal("a first-layout record does not re-encode to today's layout")
	}
	for _, twice := range [][]byte{appendStr(bytes.Clone(first), tagBucket, "bk"), append(bytes.Clone(first), tagLatest)} {
		if _, err := decodeRecord(twice); !strata.Is(err, strata.Corrupt) {
			t.Fatalf("%q: %v, want Corrupt", twice, err)
		}
	}
}

// A 0-byte object's content (one empty segment) has a tag of its own:
// no JSON field to decode in such a record.
func TestCompactEmptyContent(t *testing.T) {
	rec := &record{Info: ObjectInfo{Key: "k", VersionID: "null", ETag: "d41d8cd98f00b204e9800998ecf8427e",
		Modified: time.Unix(1800000000, 7).UTC()}, Nanos: 9, Content: contentMap{{Inline: []byte{}}}}
	b := encodeRecord(rec)
	if compactRest(b) != nil || b[len(b)-1] != tagEmpty {
		t.Fatalf("0-byte record %q", b)
	}
	got, err := decodeRecord(b)
	want, _ := decodeRecord(encodeRecordJSON(rec))
	if err != nil || !reflect.DeepEqual(got, want) || len(got.Content) != 1 || got.Content[0].Size != 0 {
		t.Fatalf("read %+v, %v; JSON reads %+v", got, err, want)
	}
	inlineAndEmpty := appendStr([]byte{recordCompact}, tagInline, "x")
	if _, err := decodeRecord(append(inlineAndEmpty, tagEmpty)); !strata.Is(err, strata.Corrupt) {
		t.Fatalf("inline and empty content: %v, want Corrupt", err)
	}
}
