package event

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

const s3NS = "http://s3.amazonaws.com/doc/2006-03-01/"

// xmlEntry is one QueueConfiguration, TopicConfiguration,
// CloudFunctionConfiguration or LambdaFunctionConfiguration.
type xmlEntry struct {
	ID            string     `xml:"Id,omitempty"`
	Queue         string     `xml:"Queue,omitempty"`
	Topic         string     `xml:"Topic,omitempty"`
	CloudFunction string     `xml:"CloudFunction,omitempty"`
	LambdaARN     string     `xml:"LambdaFunctionArn,omitempty"`
	Events        []string   `xml:"Event"`
	Filter        *xmlFilter `xml:"Filter,omitempty"`
}

type xmlFilter struct {
	Rules []xmlFilterRule `xml:"S3Key>FilterRule"`
}

type xmlFilterRule struct {
	Name  string `xml:"Name"`
	Value string `xml:"Value"`
}

// kindOf is the target kind each element may name.
var kindOf = map[string]string{
	"QueueConfiguration":          KindWebhook,
	"TopicConfiguration":          KindNATS,
	"CloudFunctionConfiguration":  KindFunction,
	"LambdaFunctionConfiguration": KindFunction,
}

// ParseXML reads an S3 NotificationConfiguration document (the
// namespace is optional). Rules keep document order; a rule without an
// Id gets one derived from its content and position, so the same
// document always gives the same ids. An empty document means no rules.
// Errors are *ConfigError.
func ParseXML(b []byte) (Config, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	root, err := startElement(d)
	if err != nil || root.Name.Local != "NotificationConfiguration" {
		return Config{}, malformed("The XML you provided was not well-formed or did not validate against our published schema.")
	}
	var c Config
	for {
		tok, err := d.Token()
		if err != nil {
			return Config{}, malformed("The XML you provided was not well-formed: " + err.Error())
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if err := c.Validate(); err != nil {
				return Config{}, err
			}
			return c, nil
		case xml.StartElement:
			if t.Name.Local == "EventBridgeConfiguration" {
				// Accepted for SDKs that always send it; there is no EventBridge here.
				if err := d.Skip(); err != nil {
					return Config{}, malformed("The XML you provided was not well-formed: " + err.Error())
				}
				continue
			}
			kind, ok := kindOf[t.Name.Local]
			if !ok {
				return Config{}, malformed("Unknown element in NotificationConfiguration: " + t.Name.Local)
			}
			var e xmlEntry
			if err := d.DecodeElement(&e, &t); err != nil {
				return Config{}, malformed("The XML you provided was not well-formed: " + err.Error())
			}
			r, err := e.rule(t.Name.Local, kind, len(c.Rules))
			if err != nil {
				return Config{}, err
			}
			c.Rules = append(c.Rules, r)
		}
	}
}

// startElement returns the document's root element.
func startElement(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}

func (e xmlEntry) rule(elem, kind string, i int) (Rule, error) {
	arn := map[string]string{KindWebhook: e.Queue, KindNATS: e.Topic}[kind]
	if kind == KindFunction {
		fn, la := trim(e.CloudFunction), trim(e.LambdaARN)
		if fn != "" && la != "" && fn != la {
			return Rule{}, malformed(elem + " names two different functions.")
		}
		if arn = fn; arn == "" {
			arn = la
		}
	}
	arn = trim(arn)
	if arn == "" {
		return Rule{}, malformed(elem + " has no destination ARN.")
	}
	t, err := ParseARN(arn)
	if err != nil {
		return Rule{}, err
	}
	if t.Kind != kind {
		return Rule{}, invalid("The ARN " + arn + " is not a " + kind + " target, as " + elem + " requires.")
	}
	r := Rule{ID: trim(e.ID), Target: t}
	for _, ev := range e.Events {
		r.Events = append(r.Events, trim(ev))
	}
	if e.Filter != nil {
		if r.Filter, err = e.Filter.keyFilter(); err != nil {
			return Rule{}, err
		}
	}
	if r.ID == "" {
		r.ID = ruleID(r, i)
	}
	return r, nil
}

func (f xmlFilter) keyFilter() (KeyFilter, error) {
	var k KeyFilter
	seen := map[string]bool{}
	for _, fr := range f.Rules {
		name := strings.ToLower(trim(fr.Name))
		if name != "prefix" && name != "suffix" {
			return k, invalid("filter rule name must be either prefix or suffix: " + fr.Name)
		}
		if seen[name] {
			return k, invalid("Cannot specify more than one " + name + " rule in a filter.")
		}
		seen[name] = true
		if name == "prefix" {
			k.Prefix = fr.Value
		} else {
			k.Suffix = fr.Value
		}
	}
	return k, nil
}

// ruleID derives an id for a rule that came without one.
func ruleID(r Rule, i int) string {
	h := sha256.New()
	for _, s := range append([]string{strconv.Itoa(i), r.Target.Kind, r.Target.Name, r.Filter.Prefix, r.Filter.Suffix}, r.Events...) {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	return "rule-" + hex.EncodeToString(h.Sum(nil)[:8])
}

// XML renders the configuration as GetBucketNotificationConfiguration
// answers it: webhooks as QueueConfiguration, NATS targets as
// TopicConfiguration, functions as CloudFunctionConfiguration (the
// element AWS uses for lambda). ARNs carry no region.
func (c Config) XML() []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	root := xml.StartElement{Name: xml.Name{Local: "NotificationConfiguration"},
		Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: s3NS}}}
	err := enc.EncodeToken(root)
	for _, r := range c.Rules {
		e := xmlEntry{ID: r.ID, Events: r.Events}
		var elem string
		switch arn := r.Target.ARN(""); r.Target.Kind {
		case KindWebhook:
			elem, e.Queue = "QueueConfiguration", arn
		case KindNATS:
			elem, e.Topic = "TopicConfiguration", arn
		default:
			elem, e.CloudFunction = "CloudFunctionConfiguration", arn
		}
		if r.Filter != (KeyFilter{}) {
			e.Filter = &xmlFilter{}
			if r.Filter.Prefix != "" {
				e.Filter.Rules = append(e.Filter.Rules, xmlFilterRule{"prefix", r.Filter.Prefix})
			}
			if r.Filter.Suffix != "" {
				e.Filter.Rules = append(e.Filter.Rules, xmlFilterRule{"suffix", r.Filter.Suffix})
			}
		}
		err = errors.Join(err, enc.EncodeElement(e, xml.StartElement{Name: xml.Name{Local: elem}}))
	}
	err = errors.Join(err, enc.EncodeToken(root.End()), enc.Flush())
	if err != nil {
		panic("event: render notification XML: " + err.Error()) // a bytes.Buffer does not fail
	}
	return buf.Bytes()
}
