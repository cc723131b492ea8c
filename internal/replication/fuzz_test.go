package replication

import (
	"errors"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/event"
)

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// FuzzParseXML: any document either parses into a configuration whose
// stored form parses back equal in rules, or fails with an S3 code.
func FuzzParseXML(f *testing.F) {
	f.Add([]byte(v2Rule))
	f.Add([]byte(`<ReplicationConfiguration><Rule><Status>Enabled</Status><Prefix>x</Prefix><Destination><Bucket>arn:aws:s3:::b</Bucket></Destination></Rule></ReplicationConfiguration>`))
	f.Add([]byte(`<ReplicationConfiguration><Rule><Priority>-1</Priority><Status>Enabled</Status><Filter><And><Tag><Key>a</Key><Value></Value></Tag><Tag><Key>a</Key><Value>b</Value></Tag></And></Filter></Rule></ReplicationConfiguration>`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		c, err := ParseXML(doc)
		if err != nil {
			var ce *event.ConfigError
			if !errors.As(err, &ce) || ce.Code == "" {
				t.Fatalf("error without an S3 code: %v", err)
			}
			return
		}
		back, err := ParseStored(c.XML())
		if err != nil {
			t.Fatalf("stored form does not parse: %v\n%s", err, c.XML())
		}
		if len(back.Rules) != len(c.Rules) {
			t.Fatalf("%d rules back, %d stored", len(back.Rules), len(c.Rules))
		}
		for i := range c.Rules {
			if back.Rules[i].ID != c.Rules[i].ID || back.Rules[i].Destination != c.Rules[i].Destination {
				t.Fatalf("rule %d changed: %+v -> %+v", i, c.Rules[i], back.Rules[i])
			}
		}
		c.Match("some/key", map[string]string{"a": "b"})
	})
}
