package s3

import (
	"encoding/json"
	"testing"
)

func FuzzParsePostPolicy(f *testing.F) {
	f.Add([]byte(`{"expiration":"2030-01-01T00:00:00Z","conditions":[{"bucket":"b"},["starts-with","$key",""]]}`))
	f.Add([]byte(`{"EXPIRATION":"x","CONDITIONS":[]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if _, err := parsePostPolicy(raw); err == nil {
			// Whatever is accepted names no key but the two known ones.
			var keys map[string]json.RawMessage
			json.Unmarshal(raw, &keys)
			for k := range keys {
				if k != "expiration" && k != "conditions" {
					t.Fatalf("accepted key %q", k)
				}
			}
		}
		postTags(string(raw)) // must not panic
	})
}

func TestParsePostPolicyCaseSensitive(t *testing.T) {
	for _, doc := range []string{`{"CONDITIONS":[],"expiration":"2030-01-01T00:00:00Z"}`, `{"conditions":[],"EXPIRATION":"2030-01-01T00:00:00Z"}`} {
		if _, err := parsePostPolicy([]byte(doc)); err == nil {
			t.Errorf("accepted %s", doc)
		}
	}
	if _, err := parsePostPolicy([]byte(`{"conditions":[],"expiration":"2030-01-01T00:00:00Z"}`)); err != nil {
		t.Error(err)
	}
}
