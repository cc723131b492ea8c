package event

import "testing"

func TestMatchName(t *testing.T) {
	for _, c := range []struct {
		pattern, name string
		want          bool
	}{
		{"s3:ObjectCreated:*", ObjectCreatedPut, true},
		{"s3:ObjectCreated:*", "s3:ObjectCreated:Copy", true},
		{"ObjectCreated:*", ObjectCreatedMultipart, true},
		{"s3:ObjectCreated:Put", ObjectCreatedPut, true},
		{"s3:ObjectCreated:Put", ObjectCreatedPost, false},
		{"s3:ObjectCreated:Put", "s3:ObjectCreated:Put", true},
		{"s3:ObjectRemoved:*", ObjectRemovedMarker, true},
		{"s3:ObjectRemoved:*", ObjectCreatedPut, false},
		{"s3:*", BucketCreated, true},
		{"*", ObjectACLPut, true},
		{"s3:Bucket*", BucketRemoved, true},
		{"s3:Bucket*", ObjectCreatedPut, false},
		{"s3:ObjectCreated", ObjectCreatedPut, false},
	} {
		if got := MatchName(c.pattern, c.name); got != c.want {
			t.Errorf("MatchName(%q, %q) = %v", c.pattern, c.name, got)
		}
	}
}

func TestKeyFilter(t *testing.T) {
	f := KeyFilter{Prefix: "img/", Suffix: ".jpg"}
	for key, want := range map[string]bool{"img/a.jpg": true, "img/a.png": false, "doc/a.jpg": false, "img/.jpg": true} {
		if f.Match(key) != want {
			t.Errorf("Match(%q) != %v", key, want)
		}
	}
	if !(KeyFilter{}).Match("anything") {
		t.Error("zero filter refuses a key")
	}
}
