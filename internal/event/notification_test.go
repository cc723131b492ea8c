package event

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

const fullDoc = `<?xml version="1.0" encoding="UTF-8"?>
<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <QueueConfiguration>
    <Id>q</Id>
    <Queue>arn:strata:sqs:us-east-1:hook1:webhook</Queue>
    <Event>s3:ObjectCreated:*</Event>
    <Event>s3:ObjectRemoved:Delete</Event>
    <Filter><S3Key>
      <FilterRule><Name>Prefix</Name><Value>img/</Value></FilterRule>
      <FilterRule><Name>suffix</Name><Value>.jpg</Value></FilterRule>
    </S3Key></Filter>
  </QueueConfiguration>
  <TopicConfiguration>
    <Topic>arn:strata:sns::events:nats</Topic>
    <Event>s3:Bucket*</Event>
  </TopicConfiguration>
  <CloudFunctionConfiguration>
    <Id>f</Id>
    <CloudFunction>arn:strata:lambda:::function:thumb</CloudFunction>
    <Event>s3:ObjectCreated:Put</Event>
  </CloudFunctionConfiguration>
  <LambdaFunctionConfiguration>
    <Id>l</Id>
    <LambdaFunctionArn>arn:aws:lambda:us-east-1:123456789012:function:resize</LambdaFunctionArn>
    <Event>s3:ObjectTagging:*</Event>
  </LambdaFunctionConfiguration>
  <EventBridgeConfiguration/>
</NotificationConfiguration>`

func TestParseXML(t *testing.T) {
	c, err := ParseXML([]byte(fullDoc))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Rules) != 4 {
		t.Fatalf("%d rules", len(c.Rules))
	}
	want := Rule{ID: "q", Events: []string{"s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"},
		Filter: KeyFilter{Prefix: "img/", Suffix: ".jpg"}, Target: Target{KindWebhook, "hook1"}}
	if !reflect.DeepEqual(c.Rules[0], want) {
		t.Fatalf("rule 0 = %+v", c.Rules[0])
	}
	if r := c.Rules[1]; r.Target != (Target{KindNATS, "events"}) || !strings.HasPrefix(r.ID, "rule-") {
		t.Fatalf("rule 1 = %+v", r)
	}
	if c.Rules[3].Target != (Target{KindFunction, "resize"}) {
		t.Fatalf("rule 3 = %+v", c.Rules[3])
	}
	// The generated id is stable.
	again, _ := ParseXML([]byte(fullDoc))
	if again.Rules[1].ID != c.Rules[1].ID {
		t.Fatal("generated id changed")
	}
	// XML and JSON render back to the same configuration.
	fromXML, err := ParseXML(c.XML())
	if err != nil || !reflect.DeepEqual(fromXML, c) {
		t.Fatalf("XML round trip: %v\n%s", err, c.XML())
	}
	fromJSON, err := ParseJSON(c.JSON())
	if err != nil || !reflect.DeepEqual(fromJSON, c) {
		t.Fatalf("JSON round trip: %v\n%s", err, c.JSON())
	}
	if !strings.Contains(string(c.XML()), "<CloudFunctionConfiguration><Id>l</Id><CloudFunction>arn:strata:lambda:::function:resize</CloudFunction>") {
		t.Fatalf("function rendering:\n%s", c.XML())
	}
}

func TestParseXMLEmpty(t *testing.T) {
	for _, doc := range []string{`<NotificationConfiguration/>`,
		`<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></NotificationConfiguration>`,
		`<NotificationConfiguration><EventBridgeConfiguration></EventBridgeConfiguration></NotificationConfiguration>`} {
		c, err := ParseXML([]byte(doc))
		if err != nil || len(c.Rules) != 0 {
			t.Fatalf("%s: %v %+v", doc, err, c)
		}
	}
	c, err := ParseXML(Config{}.XML())
	if err != nil || len(c.Rules) != 0 {
		t.Fatalf("empty round trip: %v %+v", err, c)
	}
}

func TestParseXMLErrors(t *testing.T) {
	q := func(inner string) string {
		return `<NotificationConfiguration><QueueConfiguration>` + inner + `</QueueConfiguration></NotificationConfiguration>`
	}
	const hook = `<Queue>arn:strata:sqs::h:webhook</Queue>`
	for _, c := range []struct{ doc, code string }{
		{``, "MalformedXML"},
		{`<NotificationConfiguration>`, "MalformedXML"},
		{`<Other/>`, "MalformedXML"},
		{`<NotificationConfiguration><QueueConfigurations/></NotificationConfiguration>`, "MalformedXML"},
		{q(hook), "MalformedXML"},                                // no Event
		{q(`<Event>s3:ObjectCreated:*</Event>`), "MalformedXML"}, // no Queue
		{q(hook + `<Event>s3:ObjectCreated:Nope</Event>`), "InvalidArgument"},
		{q(hook + `<Event>ObjectCreated:*</Event>`), "InvalidArgument"},
		{q(hook + `<Event>s3:TestEvent</Event>`), "InvalidArgument"},
		{q(`<Queue>arn:aws:sqs:us-east-1:1:q</Queue><Event>s3:ObjectCreated:*</Event>`), "InvalidArgument"},
		{q(`<Queue>arn:strata:sns::t:nats</Queue><Event>s3:ObjectCreated:*</Event>`), "InvalidArgument"},
		{q(hook + `<Event>s3:ObjectCreated:*</Event><Filter><S3Key><FilterRule><Name>prefix</Name><Value>a</Value></FilterRule><FilterRule><Name>PREFIX</Name><Value>b</Value></FilterRule></S3Key></Filter>`), "InvalidArgument"},
		{q(hook + `<Event>s3:ObjectCreated:*</Event><Filter><S3Key><FilterRule><Name>middle</Name><Value>a</Value></FilterRule></S3Key></Filter>`), "InvalidArgument"},
		{`<NotificationConfiguration><QueueConfiguration><Id>x</Id>` + hook + `<Event>s3:*</Event></QueueConfiguration><QueueConfiguration><Id>x</Id>` + hook + `<Event>s3:*</Event></QueueConfiguration></NotificationConfiguration>`, "InvalidArgument"},
	} {
		_, err := ParseXML([]byte(c.doc))
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Code != c.code {
			t.Errorf("%s: got %v, want %s", c.doc, err, c.code)
		}
	}
}

func TestParseARN(t *testing.T) {
	for arn, want := range map[string]Target{
		"arn:strata:sqs:us-east-1:hook:webhook":               {KindWebhook, "hook"},
		"arn:strata:sqs::hook:webhook":                        {KindWebhook, "hook"},
		"arn:strata:sns:eu-west-1:subj.a:nats":                {KindNATS, "subj.a"},
		"arn:strata:lambda:::function:fn":                     {KindFunction, "fn"},
		"arn:strata:lambda:r:acct:function:fn":                {KindFunction, "fn"},
		"arn:aws:lambda:us-east-1:123456789012:function:my-f": {KindFunction, "my-f"},
	} {
		got, err := ParseARN(arn)
		if err != nil || got != want {
			t.Errorf("ParseARN(%q) = %+v, %v", arn, got, err)
			continue
		}
		back, err := ParseARN(got.ARN("us-east-1"))
		if err != nil || back != got {
			t.Errorf("ARN round trip %q: %+v %v", got.ARN("us-east-1"), back, err)
		}
	}
	for _, arn := range []string{"", "arn", "arn:strata:sqs::hook:nats", "arn:strata:sqs:::webhook",
		"arn:aws:sqs:us-east-1:1:q", "arn:aws:lambda:us-east-1:1:function:f:alias", "arn:strata:lambda:::fn:x",
		"arn:strata:sqs::a b:webhook"} {
		if _, err := ParseARN(arn); err == nil {
			t.Errorf("ParseARN(%q) accepted", arn)
		}
	}
}

func TestConfigMatch(t *testing.T) {
	c := Config{Rules: []Rule{
		{ID: "img", Events: []string{"s3:ObjectCreated:*"}, Filter: KeyFilter{Prefix: "img/"}, Target: Target{KindWebhook, "a"}},
		{ID: "del", Events: []string{"s3:ObjectRemoved:*"}, Target: Target{KindNATS, "b"}},
		{ID: "bkt", Events: []string{"s3:Bucket*"}, Filter: KeyFilter{Prefix: "x"}, Target: Target{KindFunction, "c"}},
	}}
	ids := func(rs []Rule) (out []string) {
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	for _, tc := range []struct {
		ev   Event
		want []string
	}{
		{Event{Name: ObjectCreatedPut, Key: "img/a"}, []string{"img"}},
		{Event{Name: ObjectCreatedPut, Key: "doc/a"}, nil},
		{Event{Name: ObjectRemovedMarker, Key: "img/a"}, []string{"del"}},
		{Event{Name: BucketCreated, Bucket: "b"}, []string{"bkt"}},
	} {
		if got := ids(c.Match(tc.ev)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Match(%+v) = %v, want %v", tc.ev, got, tc.want)
		}
	}
}

func TestParseJSONInvalid(t *testing.T) {
	for _, doc := range []string{`{`, `{"rules":[{"id":"a","events":["s3:Nope"],"target":{"kind":"webhook","name":"h"}}]}`,
		`{"rules":[{"id":"a","events":["s3:*"],"target":{"kind":"smtp","name":"h"}}]}`} {
		if _, err := ParseJSON([]byte(doc)); err == nil {
			t.Errorf("%s accepted", doc)
		}
	}
}

// FuzzParseXML: no document panics, and what parses renders to XML and
// JSON that parse back to the same configuration.
func FuzzParseXML(f *testing.F) {
	f.Add([]byte(fullDoc))
	f.Add([]byte(`<NotificationConfiguration/>`))
	f.Add([]byte(`<NotificationConfiguration><TopicConfiguration><Topic>arn:strata:sns::t:nats</Topic><Event>s3:*</Event><Filter><S3Key><FilterRule><Name>suffix</Name><Value>&#xD;x</Value></FilterRule></S3Key></Filter></TopicConfiguration></NotificationConfiguration>`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		c, err := ParseXML(doc)
		if err != nil {
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		back, err := ParseXML(c.XML())
		if err != nil || !reflect.DeepEqual(normal(back), normal(c)) {
			t.Fatalf("XML round trip: %v\n%+v\n%+v\n%s", err, c, back, c.XML())
		}
		back, err = ParseJSON(c.JSON())
		if err != nil || !reflect.DeepEqual(normal(back), normal(c)) {
			t.Fatalf("JSON round trip: %v\n%+v\n%+v", err, c, back)
		}
	})
}

// normal makes an empty rule list nil, for comparison.
func normal(c Config) Config {
	if len(c.Rules) == 0 {
		c.Rules = nil
	}
	return c
}
