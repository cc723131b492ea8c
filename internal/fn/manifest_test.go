package fn

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/event"
)

func TestManifestValidate(t *testing.T) {
	var m Manifest
	if err := json.Unmarshal([]byte(`{"name":"thumb","triggers":[{"events":["s3:ObjectCreated:*"],"bucket":"photos","prefix":"in/"}],
		"limits":{"memory_mib":64,"timeout":"5s"},"retries":1,"concurrency":2,"schedule":"@every 1m"}`), &m); err != nil {
		t.Fatal(err)
	}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	if m.Runtime != RuntimeWasm || m.attempts() != 2 || m.Lanes() != 2 || m.limits().Timeout != 5*time.Second || m.limits().MemoryMiB != 64 {
		t.Fatalf("defaults: %+v", m)
	}
	bad := []string{
		`{"name":"a b"}`,
		`{"name":"x","runtime":"jvm"}`,
		`{"name":"x","runtime":"native"}`,
		`{"name":"x","triggers":[{"events":["s3:Nope"],"bucket":"b"}]}`,
		`{"name":"x","triggers":[{"events":["s3:ObjectCreated:*"]}]}`,
		`{"name":"x","schedule":"every day"}`,
		`{"name":"x","limits":{"memory_mib":100000}}`,
		`{"name":"x","limits":{"timeout":"2h"}}`,
		`{"name":"x","retries":-1}`,
		`{"name":"x","concurrency":1000}`,
	}
	for _, b := range bad {
		var m Manifest
		if err := json.Unmarshal([]byte(b), &m); err != nil {
			continue // refused while parsing: fine too
		}
		if err := m.Validate(); err == nil {
			t.Errorf("%s accepted", b)
		}
	}
}

func TestTriggerMatch(t *testing.T) {
	tr := Trigger{Events: []string{"s3:ObjectCreated:*"}, Bucket: "photos", Prefix: "in/", Suffix: ".jpg",
		Metadata: map[string]string{"kind": "photo"}, Tags: map[string]string{"t": "1"}}
	ev := event.Event{Name: event.ObjectCreatedPut, Bucket: "photos", Key: "in/a.jpg",
		UserMeta: map[string]string{"kind": "photo"}, Tags: map[string]string{"t": "1"}}
	if !tr.matches(&ev) {
		t.Fatal("should match")
	}
	for _, edit := range []func(e *event.Event){
		func(e *event.Event) { e.Bucket = "other" },
		func(e *event.Event) { e.Name = event.ObjectRemovedDelete },
		func(e *event.Event) { e.Key = "out/a.jpg" },
		func(e *event.Event) { e.Key = "in/a.png" },
		func(e *event.Event) { e.UserMeta = nil },
		func(e *event.Event) { e.Tags = map[string]string{"t": "2"} },
	} {
		e := ev
		edit(&e)
		if tr.matches(&e) {
			t.Errorf("matches %+v", e)
		}
	}
	any := Trigger{Events: []string{"s3:ObjectCreated:*"}, Bucket: "*"}
	if e := (event.Event{Name: "ObjectCreated:Batch", Bucket: "x", Key: "k"}); !any.matches(&e) {
		t.Error("bucket * matches every bucket, and batch events are ObjectCreated")
	}
}

func TestHasTags(t *testing.T) {
	if !hasTags(map[string]string{"gpu": "1", "zone": "a"}, map[string]string{"gpu": "1"}) {
		t.Fatal("subset")
	}
	if hasTags(map[string]string{"zone": "a"}, map[string]string{"gpu": "1"}) || hasTags(nil, map[string]string{"gpu": ""}) {
		t.Fatal("missing tag accepted")
	}
	if !hasTags(map[string]string{"gpu": "a100"}, map[string]string{"gpu": ""}) {
		t.Fatal("an empty value asks for the tag with any value")
	}
}
