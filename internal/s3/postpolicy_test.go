package s3

import "testing"

func FuzzParsePostPolicy(f *testing.F) {
	f.Add([]byte(`{"expiration":"2030-01-01T00:00:00Z","conditions":[{"bucket":"b"},["starts-with","$key",""]]}`))
	f.Add([]byte(`{"EXPIRATION":"x","CONDITIONS":[]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		p, err := parsePostPolicy(raw)
		if err == nil && p.Expiration == "" && p.Conditions == nil && len(raw) > 2 && raw[0] == '{' {
			// an empty object is the only accepted document with neither key
			if string(raw) != "{}" {
				return
			}
		}
		postTags(string(raw))
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
