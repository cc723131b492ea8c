package event

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

func TestRecordsRoundTrip(t *testing.T) {
	evs := []Event{{
		ID: "ev1", Name: ObjectCreatedPut, Time: time.Date(2025, 3, 4, 5, 6, 7, 891_000_000, time.UTC),
		Bucket: "bkt", Key: "dir/my file+ü=?.txt", Seq: 0x1F, VersionID: "v1", Size: 42, ETag: "abc",
		Type: "text/plain", UserMeta: map[string]string{"a": "b"}, Tags: map[string]string{"t": "u"},
		Principal: "acct", Region: "us-east-1", Cause: []string{"fn1", "fn2"},
	}, {
		ID: "ev2", Name: BucketCreated, Time: time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC), Bucket: "bkt",
	}}
	b := Records("cfg1", evs...)
	got, err := ParseRecords(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, evs) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, evs)
	}

	var doc struct {
		Records []map[string]any
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	r := doc.Records[0]
	if r["eventTime"] != "2025-03-04T05:06:07.891Z" || r["eventVersion"] != "2.1" || r["eventSource"] != "strata:s3" {
		t.Fatalf("header fields: %v", r)
	}
	s3 := r["s3"].(map[string]any)
	obj := s3["object"].(map[string]any)
	if obj["key"] != "dir/my+file%2B%C3%BC%3D%3F.txt" || obj["sequencer"] != "000000000000001F" {
		t.Fatalf("object: %v", obj)
	}
	if s3["configurationId"] != "cfg1" || s3["bucket"].(map[string]any)["arn"] != "arn:aws:s3:::bkt" {
		t.Fatalf("s3: %v", s3)
	}
	if _, ok := doc.Records[1]["s3"].(map[string]any)["object"]; ok {
		t.Fatal("bucket event carries an object")
	}
}

func TestParseRecordsAWS(t *testing.T) {
	// Trimmed from the AWS documentation's example.
	aws := `{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-west-2",
	"eventTime":"1970-01-01T00:00:00.000Z","eventName":"ObjectCreated:Put",
	"userIdentity":{"principalId":"AIDAJDPLRKLG7UEXAMPLE"},
	"responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
	"s3":{"s3SchemaVersion":"1.0","configurationId":"testConfigRule","bucket":{"name":"mybucket"},
	"object":{"key":"HappyFace.jpg","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e","sequencer":"0055AED6DCD90281E5"}}}]}`
	evs, err := ParseRecords([]byte(aws))
	if err != nil {
		t.Fatal(err)
	}
	ev := evs[0]
	if ev.ID != "C3D13FE58DE4C810" || ev.Key != "HappyFace.jpg" || ev.Size != 1024 || ev.Bucket != "mybucket" ||
		ev.Region != "us-west-2" || ev.Principal != "AIDAJDPLRKLG7UEXAMPLE" {
		t.Fatalf("%+v", ev)
	}
	if _, err := ParseRecords([]byte(`{"Records":[{"eventTime":"yesterday"}]}`)); err == nil {
		t.Fatal("bad time accepted")
	}
}

// FuzzParseRecords: no input panics, and what parses renders and parses
// back to the same document.
func FuzzParseRecords(f *testing.F) {
	f.Add(Records("c", Event{ID: "x", Name: ObjectRemovedDelete, Bucket: "b", Key: "a b/c", Seq: 3}))
	f.Add(Records("", Event{Name: BucketRemoved, Bucket: "b"}))
	f.Add([]byte(`{"Records":[{"s3":{"object":{"key":"%zz"}}}]}`))
	f.Add([]byte(`{"Records":[{"eventTime":"9999-12-31T23:00:00-05:00"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		evs, err := ParseRecords(b)
		if err != nil {
			return
		}
		once := Records("c", evs...)
		again, err := ParseRecords(once)
		if err != nil {
			t.Fatalf("rendered records do not parse: %v\n%s", err, once)
		}
		if twice := Records("c", again...); !bytes.Equal(once, twice) {
			t.Fatalf("not stable:\n%s\n%s", once, twice)
		}
	})
}
