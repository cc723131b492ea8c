package fn

import (
	"errors"
	"testing"
	"time"
)

func TestParseEvents(t *testing.T) {
	doc := `{"Records":[{"eventVersion":"2.1","eventSource":"strata:s3","eventTime":"2026-01-02T03:04:05.000Z",
	"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"photos"},"object":{"key":"in/my+cat%3F.png",
	"size":42,"eTag":"abc","versionId":"v1","sequencer":"0000000000000003","contentType":"image/png"}},
	"strata":{"eventId":"ev1","seq":3}}]}`
	evs, err := ParseEvents([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := Event{ID: "ev1", Name: "ObjectCreated:Put", Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Bucket: "photos", Key: "in/my cat?.png", Size: 42, ETag: "abc", VersionID: "v1",
		ContentType: "image/png", Seq: 3}
	if len(evs) != 1 || evs[0] != want {
		t.Fatalf("got %+v, want %+v", evs, want)
	}
}

func TestOutsideWasm(t *testing.T) {
	if _, err := ReadObject("b", "k"); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("ReadObject: %v", err)
	}
	if err := WriteObject("b", "k", nil, ""); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("WriteObject: %v", err)
	}
	if _, err := ReadEvent(); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("ReadEvent: %v", err)
	}
}
