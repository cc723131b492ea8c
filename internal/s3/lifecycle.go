package s3

import (
	"bytes"
	"crypto/rand"
	"encoding/base32"
	"encoding/xml"
	"io"
	"strings"
	"time"
)

// lifecycleDates holds the dates a lifecycle rule may carry; S3 requires
// each to be a date at midnight UTC in ISO 8601 form.
type lifecycleDates struct {
	Rules []struct {
		Expiration *struct {
			Date string `xml:"Date"`
			Days *int   `xml:"Days"`
		} `xml:"Expiration"`
		Transitions []struct {
			Date string `xml:"Date"`
		} `xml:"Transition"`
	} `xml:"Rule"`
}

// validLifecycleDate accepts "2006-01-02" and RFC 3339 times at midnight
// UTC ("2006-01-02T00:00:00Z", with or without fractional seconds).
func validLifecycleDate(s string) bool {
	if _, err := time.Parse("2006-01-02", s); err == nil {
		return true
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return false
	}
	t = t.UTC()
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}

// checkLifecycleDates refuses a configuration with a malformed date.
func checkLifecycleDates(doc []byte) error {
	var lc lifecycleDates
	if xml.Unmarshal(doc, &lc) != nil {
		return errMalformedXML
	}
	bad := errInvalidArg("'Date' must be at midnight GMT and in ISO 8601 format")
	for _, r := range lc.Rules {
		if r.Expiration != nil && r.Expiration.Date != "" && !validLifecycleDate(r.Expiration.Date) {
			return bad
		}
		if r.Expiration != nil && r.Expiration.Days != nil && *r.Expiration.Days <= 0 {
			return errInvalidArg("'Days' for Expiration action must be a positive integer")
		}
		for _, t := range r.Transitions {
			if t.Date != "" && !validLifecycleDate(t.Date) {
				return bad
			}
		}
	}
	return nil
}

// withRuleIDs gives every rule without an ID a generated one, as S3 does,
// so that GET returns rules a client can name. The document is otherwise
// copied token by token, unknown elements included.
func withRuleIDs(doc []byte) ([]byte, error) {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var out bytes.Buffer
	enc := xml.NewEncoder(&out)
	depth, hasID := 0, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, errMalformedXML
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 2 && t.Name.Local == "Rule" {
				hasID = false
			}
			if depth == 3 && t.Name.Local == "ID" {
				// Copy the ID, filling in an empty one.
				var id string
				if dec.DecodeElement(&id, &t) != nil {
					return nil, errMalformedXML
				}
				if strings.TrimSpace(id) == "" {
					id = newRuleID()
				}
				depth--
				hasID = true
				if err := enc.EncodeElement(id, xml.StartElement{Name: xml.Name{Local: "ID"}}); err != nil {
					return nil, err
				}
				continue
			}
			t.Name.Space = "" // the xmlns attribute, kept, carries it
			tok = t
		case xml.EndElement:
			if depth == 2 && t.Name.Local == "Rule" && !hasID {
				id := xml.StartElement{Name: xml.Name{Local: "ID"}}
				if err := enc.EncodeElement(newRuleID(), id); err != nil {
					return nil, err
				}
			}
			depth--
			t.Name.Space = ""
			tok = t
		case xml.ProcInst, xml.Comment, xml.Directive:
			continue
		}
		if err := enc.EncodeToken(tok); err != nil {
			return nil, errMalformedXML
		}
	}
	if err := enc.Flush(); err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out.Bytes()...), nil
}

func newRuleID() string {
	b := make([]byte, 15)
	rand.Read(b)
	return strings.ToLower(base32.StdEncoding.EncodeToString(b))
}
