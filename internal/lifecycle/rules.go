package lifecycle

import (
	"encoding/xml"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// Config is a bucket's lifecycle configuration.
type Config struct {
	Rules []Rule
}

// Rule is one lifecycle rule. Zero Days and zero Date mean the action is
// absent (S3 refuses a zero Days for expiration and transition).
type Rule struct {
	ID      string
	Enabled bool
	Filter  Filter

	Expiration            *Expiration
	NoncurrentExpiration  *NoncurrentExpiration
	Transitions           []Transition
	NoncurrentTransitions []NoncurrentTransition
	AbortMultipartDays    int // AbortIncompleteMultipartUpload.DaysAfterInitiation; 0: none
}

// Expiration expires current versions after Days or on Date, or removes
// expired object delete markers.
type Expiration struct {
	Days                      int
	Date                      time.Time
	ExpiredObjectDeleteMarker bool
}

// NoncurrentExpiration removes noncurrent versions NoncurrentDays after
// they became noncurrent, keeping the NewerNoncurrentVersions newest.
type NoncurrentExpiration struct {
	NoncurrentDays          int
	NewerNoncurrentVersions int
}

// Transition moves current versions to StorageClass after Days or on Date.
type Transition struct {
	Days         int
	Date         time.Time
	StorageClass string
}

// NoncurrentTransition moves noncurrent versions to StorageClass.
type NoncurrentTransition struct {
	NoncurrentDays          int
	NewerNoncurrentVersions int
	StorageClass            string
}

// Filter selects the versions a rule applies to: all its conditions hold.
type Filter struct {
	Prefix      string
	Tags        map[string]string
	SizeGreater int64 // ObjectSizeGreaterThan; 0: no bound
	SizeLess    int64 // ObjectSizeLessThan; 0: no bound
}

// Match reports whether a version with this key, tags and size is
// selected. Delete markers (no tags, size 0) are matched by prefix only,
// as S3 does.
func (f Filter) Match(key string, tags map[string]string, size int64) bool {
	if !strings.HasPrefix(key, f.Prefix) {
		return false
	}
	for k, v := range f.Tags {
		if got, ok := tags[k]; !ok || got != v {
			return false
		}
	}
	if f.SizeGreater > 0 && size <= f.SizeGreater {
		return false
	}
	if f.SizeLess > 0 && size >= f.SizeLess {
		return false
	}
	return true
}

// MatchMarker reports whether a delete marker of key is selected: tag and
// size conditions cannot hold on a marker, so a rule with them never
// selects one.
func (f Filter) MatchMarker(key string) bool {
	return strings.HasPrefix(key, f.Prefix) && len(f.Tags) == 0 && f.SizeGreater == 0
}

// The XML form, as S3 documents it.
type xmlConfig struct {
	XMLName xml.Name  `xml:"LifecycleConfiguration"`
	Rules   []xmlRule `xml:"Rule"`
}

type xmlTag struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

type xmlAnd struct {
	Prefix      *string  `xml:"Prefix"`
	Tags        []xmlTag `xml:"Tag"`
	SizeGreater int64    `xml:"ObjectSizeGreaterThan"`
	SizeLess    int64    `xml:"ObjectSizeLessThan"`
}

type xmlFilter struct {
	Prefix      *string `xml:"Prefix"`
	Tag         *xmlTag `xml:"Tag"`
	And         *xmlAnd `xml:"And"`
	SizeGreater int64   `xml:"ObjectSizeGreaterThan"`
	SizeLess    int64   `xml:"ObjectSizeLessThan"`
}

type xmlRule struct {
	ID         string     `xml:"ID"`
	Status     string     `xml:"Status"`
	Prefix     *string    `xml:"Prefix"` // legacy, outside Filter
	Filter     *xmlFilter `xml:"Filter"`
	Expiration *struct {
		Days                      int    `xml:"Days"`
		Date                      string `xml:"Date"`
		ExpiredObjectDeleteMarker bool   `xml:"ExpiredObjectDeleteMarker"`
	} `xml:"Expiration"`
	NoncurrentVersionExpiration *struct {
		NoncurrentDays          int `xml:"NoncurrentDays"`
		NewerNoncurrentVersions int `xml:"NewerNoncurrentVersions"`
	} `xml:"NoncurrentVersionExpiration"`
	Transitions []struct {
		Days         int    `xml:"Days"`
		Date         string `xml:"Date"`
		StorageClass string `xml:"StorageClass"`
	} `xml:"Transition"`
	NoncurrentVersionTransitions []struct {
		NoncurrentDays          int    `xml:"NoncurrentDays"`
		NewerNoncurrentVersions int    `xml:"NewerNoncurrentVersions"`
		StorageClass            string `xml:"StorageClass"`
	} `xml:"NoncurrentVersionTransition"`
	AbortIncompleteMultipartUpload *struct {
		DaysAfterInitiation int `xml:"DaysAfterInitiation"`
	} `xml:"AbortIncompleteMultipartUpload"`
}

// Parse reads a stored lifecycle configuration. It is lenient where the
// S3 front end already validated the document, and refuses only what it
// cannot give a meaning to (strata.Invalid).
func Parse(doc []byte) (Config, error) {
	const op = "lifecycle.Parse"
	var x xmlConfig
	if err := xml.Unmarshal(doc, &x); err != nil {
		return Config{}, strata.E(op, strata.Invalid, err)
	}
	var c Config
	for i, xr := range x.Rules {
		r, err := parseRule(xr)
		if err != nil {
			return Config{}, strata.Errorf(op, strata.Invalid, "rule %d: %v", i+1, err)
		}
		c.Rules = append(c.Rules, r)
	}
	return c, nil
}

func parseRule(xr xmlRule) (Rule, error) {
	r := Rule{ID: xr.ID, Enabled: strings.EqualFold(strings.TrimSpace(xr.Status), "Enabled")}
	if xr.Prefix != nil {
		r.Filter.Prefix = *xr.Prefix
	}
	if f := xr.Filter; f != nil {
		if f.Prefix != nil {
			r.Filter.Prefix = *f.Prefix
		}
		if f.Tag != nil {
			r.Filter.Tags = map[string]string{f.Tag.Key: f.Tag.Value}
		}
		r.Filter.SizeGreater, r.Filter.SizeLess = f.SizeGreater, f.SizeLess
		if a := f.And; a != nil {
			if a.Prefix != nil {
				r.Filter.Prefix = *a.Prefix
			}
			for _, t := range a.Tags {
				if r.Filter.Tags == nil {
					r.Filter.Tags = map[string]string{}
				}
				r.Filter.Tags[t.Key] = t.Value
			}
			if a.SizeGreater > 0 {
				r.Filter.SizeGreater = a.SizeGreater
			}
			if a.SizeLess > 0 {
				r.Filter.SizeLess = a.SizeLess
			}
		}
	}
	if e := xr.Expiration; e != nil {
		d, err := parseDate(e.Date)
		if err != nil {
			return r, err
		}
		if e.Days < 0 {
			return r, errNegative
		}
		r.Expiration = &Expiration{Days: e.Days, Date: d, ExpiredObjectDeleteMarker: e.ExpiredObjectDeleteMarker}
	}
	if n := xr.NoncurrentVersionExpiration; n != nil {
		if n.NoncurrentDays < 0 || n.NewerNoncurrentVersions < 0 {
			return r, errNegative
		}
		r.NoncurrentExpiration = &NoncurrentExpiration{NoncurrentDays: n.NoncurrentDays, NewerNoncurrentVersions: n.NewerNoncurrentVersions}
	}
	for _, t := range xr.Transitions {
		d, err := parseDate(t.Date)
		if err != nil {
			return r, err
		}
		if t.Days < 0 {
			return r, errNegative
		}
		r.Transitions = append(r.Transitions, Transition{Days: t.Days, Date: d, StorageClass: t.StorageClass})
	}
	for _, t := range xr.NoncurrentVersionTransitions {
		if t.NoncurrentDays < 0 || t.NewerNoncurrentVersions < 0 {
			return r, errNegative
		}
		r.NoncurrentTransitions = append(r.NoncurrentTransitions, NoncurrentTransition(t))
	}
	if a := xr.AbortIncompleteMultipartUpload; a != nil {
		if a.DaysAfterInitiation < 0 {
			return r, errNegative
		}
		r.AbortMultipartDays = a.DaysAfterInitiation
	}
	return r, nil
}

var errNegative = strata.Errorf("lifecycle.Parse", strata.Invalid, "days must not be negative")

// parseDate reads "2006-01-02" or an RFC 3339 time; "" is no date.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, strata.E("lifecycle.Parse", strata.Invalid, err)
	}
	return t.UTC(), nil
}
