package replication

import (
	"errors"
	"testing"

	"github.com/strata-storage/strata/internal/event"
)

const v2Rule = `<ReplicationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Role>arn:aws:iam::1:role/r</Role>
<Rule><ID>logs</ID><Priority>2</Priority><Status>Enabled</Status><Filter><Prefix>logs/</Prefix></Filter>
<DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication>
<Destination><Bucket>arn:strata:s3:::target/b</Bucket><StorageClass>STANDARD_IA</StorageClass></Destination></Rule>
<Rule><ID>tagged</ID><Priority>5</Priority><Status>Enabled</Status>
<Filter><And><Prefix>logs/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></And></Filter>
<DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>
<SourceSelectionCriteria><ReplicaModifications><Status>Enabled</Status></ReplicaModifications></SourceSelectionCriteria>
<Destination><Bucket>arn:strata:s3:::target/c</Bucket></Destination></Rule>
</ReplicationConfiguration>`

func TestParseAndMatch(t *testing.T) {
	c, err := ParseXML([]byte(v2Rule))
	if err != nil {
		t.Fatal(err)
	}
	if r := c.Match("logs/a", map[string]string{"k": "v"}); r == nil || r.ID != "tagged" {
		t.Fatalf("tagged key: rule %+v, want the higher priority one", r)
	}
	if r := c.Match("logs/a", nil); r == nil || r.ID != "logs" || !r.DeleteMarkers() {
		t.Fatalf("untagged key: rule %+v", r)
	}
	if r := c.Match("other", nil); r != nil {
		t.Fatalf("key outside every filter matched %s", r.ID)
	}
	if !c.Rule("tagged").ReplicaModifications() || c.Rule("logs").ReplicaModifications() {
		t.Fatal("ReplicaModifications misread")
	}
	if got := c.Destinations(); len(got) != 2 {
		t.Fatalf("destinations %v", got)
	}
	// The stored form reads back the same.
	back, err := ParseStored(c.XML())
	if err != nil || len(back.Rules) != 2 || back.Rules[1].Filter.And.Tags[0].Key != "k" {
		t.Fatalf("round trip: %+v, %v", back, err)
	}
}

func TestValidateLikeS3(t *testing.T) {
	dest := `<Destination><Bucket>arn:strata:s3:::target/b</Bucket></Destination>`
	dm := `<DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>`
	cases := []struct {
		name, doc, code string
	}{
		{"not xml", `<Replication`, "MalformedXML"},
		{"other root", `<Foo></Foo>`, "MalformedXML"},
		{"no rule", `<ReplicationConfiguration></ReplicationConfiguration>`, "MalformedXML"},
		{"bad status", `<ReplicationConfiguration><Rule><Priority>1</Priority><Status>On</Status><Filter/>` + dm + dest + `</Rule></ReplicationConfiguration>`, "MalformedXML"},
		{"no priority", `<ReplicationConfiguration><Rule><Status>Enabled</Status><Filter/>` + dm + dest + `</Rule></ReplicationConfiguration>`, "InvalidRequest"},
		{"no delete marker element", `<ReplicationConfiguration><Rule><Priority>1</Priority><Status>Enabled</Status><Filter/>` + dest + `</Rule></ReplicationConfiguration>`, "InvalidRequest"},
		{"same priority", `<ReplicationConfiguration><Rule><ID>a</ID><Priority>1</Priority><Status>Enabled</Status><Filter/>` + dm + dest +
			`</Rule><Rule><ID>b</ID><Priority>1</Priority><Status>Enabled</Status><Filter/>` + dm + dest + `</Rule></ReplicationConfiguration>`, "InvalidRequest"},
		{"same id", `<ReplicationConfiguration><Rule><ID>a</ID><Priority>1</Priority><Status>Enabled</Status><Filter/>` + dm + dest +
			`</Rule><Rule><ID>a</ID><Priority>2</Priority><Status>Enabled</Status><Filter/>` + dm + dest + `</Rule></ReplicationConfiguration>`, "InvalidArgument"},
		{"two filters", `<ReplicationConfiguration><Rule><Priority>1</Priority><Status>Enabled</Status><Filter><Prefix>a</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></Filter>` + dm + dest + `</Rule></ReplicationConfiguration>`, "MalformedXML"},
		{"markers with tags", `<ReplicationConfiguration><Rule><Priority>1</Priority><Status>Enabled</Status><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter><DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication>` + dest + `</Rule></ReplicationConfiguration>`, "InvalidRequest"},
		{"no destination", `<ReplicationConfiguration><Rule><Priority>1</Priority><Status>Enabled</Status><Filter/>` + dm + `</Rule></ReplicationConfiguration>`, "MalformedXML"},
		{"destination not an ARN", `<ReplicationConfiguration><Rule><Priority>1</Priority><Status>Enabled</Status><Filter/>` + dm + `<Destination><Bucket>b</Bucket></Destination></Rule></ReplicationConfiguration>`, "InvalidArgument"},
		{"bad class", `<ReplicationConfiguration><Rule><Priority>1</Priority><Status>Enabled</Status><Filter/>` + dm + `<Destination><Bucket>arn:aws:s3:::b</Bucket><StorageClass>FAST</StorageClass></Destination></Rule></ReplicationConfiguration>`, "MalformedXML"},
		{"v1 and v2 mixed", `<ReplicationConfiguration><Rule><ID>a</ID><Status>Enabled</Status><Prefix>x</Prefix>` + dest +
			`</Rule><Rule><ID>b</ID><Priority>1</Priority><Status>Enabled</Status><Filter/>` + dm + dest + `</Rule></ReplicationConfiguration>`, "InvalidRequest"},
		{"v1 ok", `<ReplicationConfiguration><Rule><Status>Enabled</Status><Prefix>x</Prefix>` + dest + `</Rule></ReplicationConfiguration>`, ""},
	}
	for _, tc := range cases {
		_, err := ParseXML([]byte(tc.doc))
		var ce *event.ConfigError
		switch {
		case tc.code == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.code != "" && (!errors.As(err, &ce) || ce.Code != tc.code):
			t.Errorf("%s: got %v, want %s", tc.name, err, tc.code)
		}
	}
}

func TestConflictRule(t *testing.T) {
	c, _ := ParseXML([]byte(v2Rule))
	_ = c
	base := mustTime("2026-12-01T10:00:00Z")
	if !newer(base.Add(2e9), "a", base, "b") || newer(base, "a", base.Add(2e9), "b") {
		t.Fatal("the later second must win")
	}
	// Same second: both sides pick the larger ETag, whichever asks.
	if newer(base, "a", base.Add(5e8), "b") == newer(base.Add(5e8), "b", base, "a") {
		t.Fatal("a tie must have one winner seen from both sides")
	}
}
