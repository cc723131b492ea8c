package s3

import (
	"encoding/xml"
	"testing"
)

// FuzzWithRuleIDs: the rewrite never panics, and whatever it accepts
// stays well-formed XML in which every rule has an ID.
func FuzzWithRuleIDs(f *testing.F) {
	f.Add([]byte(`<LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><Filter><Prefix>a/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>`))
	f.Add([]byte(`<?xml version="1.0"?><LifecycleConfiguration><Rule><ID>x</ID><Status>Enabled</Status></Rule><Rule><Status>Disabled</Status></Rule></LifecycleConfiguration>`))
	f.Add([]byte(`<a><Rule><Rule></Rule></Rule></a>`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		out, err := withRuleIDs(doc)
		if err != nil {
			return
		}
		var lc struct {
			Rules []struct {
				ID *string `xml:"ID"`
			} `xml:"Rule"`
		}
		if err := xml.Unmarshal(out, &lc); err != nil {
			if xml.Unmarshal(doc, &lc) == nil {
				t.Fatalf("rewrite broke a well-formed document: %v\n%s", err, out)
			}
			return
		}
		for i, r := range lc.Rules {
			if r.ID == nil || *r.ID == "" {
				t.Fatalf("rule %d has no ID after rewrite:\n%s", i, out)
			}
		}
	})
}

func TestValidLifecycleDate(t *testing.T) {
	for s, want := range map[string]bool{"2023-09-27": true, "2023-09-27T00:00:00Z": true, "2023-09-27T00:00:00.000Z": true,
		"20200101": false, "2023-09-27T10:00:00Z": false, "": false} {
		if got := validLifecycleDate(s); got != want {
			t.Errorf("validLifecycleDate(%q) = %v", s, got)
		}
	}
}
