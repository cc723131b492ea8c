package replication

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"sort"
	"strings"

	"github.com/strata-storage/strata/internal/event"
)

// Rule statuses.
const (
	Enabled  = "Enabled"
	Disabled = "Disabled"
)

// Config is a bucket's replication configuration, as PUT ?replication
// gives it (S3 ReplicationConfiguration).
type Config struct {
	XMLName xml.Name `xml:"ReplicationConfiguration" json:"-"`
	Role    string   `xml:"Role,omitempty" json:"role,omitempty"`
	Rules   []Rule   `xml:"Rule" json:"rules"`
}

// Rule is one replication rule.
type Rule struct {
	ID       string  `xml:"ID,omitempty" json:"id"`
	Priority *int    `xml:"Priority,omitempty" json:"priority,omitempty"`
	Status   string  `xml:"Status" json:"status"`
	Prefix   *string `xml:"Prefix,omitempty" json:"prefix,omitempty"` // V1 schema: a rule-level prefix
	Filter   *Filter `xml:"Filter,omitempty" json:"filter,omitempty"`

	DeleteMarkerReplication   *StatusElem              `xml:"DeleteMarkerReplication,omitempty" json:"delete_marker_replication,omitempty"`
	SourceSelectionCriteria   *SourceSelectionCriteria `xml:"SourceSelectionCriteria,omitempty" json:"source_selection_criteria,omitempty"`
	ExistingObjectReplication *StatusElem              `xml:"ExistingObjectReplication,omitempty" json:"existing_object_replication,omitempty"`
	Destination               Destination              `xml:"Destination" json:"destination"`
}

// Filter selects keys by prefix, one tag, or both (And).
type Filter struct {
	Prefix *string `xml:"Prefix,omitempty" json:"prefix,omitempty"`
	Tag    *Tag    `xml:"Tag,omitempty" json:"tag,omitempty"`
	And    *And    `xml:"And,omitempty" json:"and,omitempty"`
}

// And combines a prefix and tags.
type And struct {
	Prefix *string `xml:"Prefix,omitempty" json:"prefix,omitempty"`
	Tags   []Tag   `xml:"Tag" json:"tags,omitempty"`
}

// Tag is one key=value condition.
type Tag struct {
	Key   string `xml:"Key" json:"key"`
	Value string `xml:"Value" json:"value"`
}

// StatusElem is an element holding only a Status.
type StatusElem struct {
	Status string `xml:"Status" json:"status"`
}

// SourceSelectionCriteria says which extra changes replicate.
type SourceSelectionCriteria struct {
	ReplicaModifications   *StatusElem `xml:"ReplicaModifications,omitempty" json:"replica_modifications,omitempty"`
	SseKmsEncryptedObjects *StatusElem `xml:"SseKmsEncryptedObjects,omitempty" json:"sse_kms_encrypted_objects,omitempty"`
}

// Destination names the remote target (by ARN) and the class of replicas.
type Destination struct {
	Bucket       string `xml:"Bucket" json:"bucket"`
	StorageClass string `xml:"StorageClass,omitempty" json:"storage_class,omitempty"`
	Account      string `xml:"Account,omitempty" json:"account,omitempty"`
}

func malformed(msg string) error { return &event.ConfigError{Code: "MalformedXML", Message: msg} }
func invalidReq(msg string) error {
	return &event.ConfigError{Code: "InvalidRequest", Message: msg}
}
func invalidArg(msg string) error {
	return &event.ConfigError{Code: "InvalidArgument", Message: msg}
}

// maxRules is S3's limit on rules per configuration.
const maxRules = 1000

var storageClasses = map[string]bool{"": true, "STANDARD": true, "REDUCED_REDUNDANCY": true, "STANDARD_IA": true,
	"ONEZONE_IA": true, "INTELLIGENT_TIERING": true, "GLACIER": true, "DEEP_ARCHIVE": true, "GLACIER_IR": true}

// ParseXML reads and checks a ReplicationConfiguration document as S3
// does. Errors are *event.ConfigError carrying the S3 code (MalformedXML,
// InvalidRequest, InvalidArgument). Rules without an ID get one.
func ParseXML(doc []byte) (Config, error) {
	var c Config
	d := xml.NewDecoder(bytes.NewReader(doc))
	if err := d.Decode(&c); err != nil {
		return Config{}, malformed("The XML you provided was not well-formed or did not validate against our published schema.")
	}
	if c.XMLName.Local != "ReplicationConfiguration" {
		return Config{}, malformed("The XML you provided was not well-formed or did not validate against our published schema.")
	}
	return c, c.Validate()
}

// Validate applies S3's rules to a parsed configuration.
func (c *Config) Validate() error {
	if len(c.Rules) == 0 {
		return malformed("A replication configuration must have at least one rule.")
	}
	if len(c.Rules) > maxRules {
		return invalidReq(fmt.Sprintf("A replication configuration may have at most %d rules.", maxRules))
	}
	ids := map[string]bool{}
	prios := map[int]bool{}
	v2 := 0
	for i := range c.Rules {
		r := &c.Rules[i]
		if r.ID == "" {
			r.ID = fmt.Sprintf("rule-%d", i+1)
		}
		if len(r.ID) > 255 {
			return invalidArg("Rule ID must not be longer than 255 characters")
		}
		if ids[r.ID] {
			return invalidArg("Rule Id must be unique. Found same ID for more than one rule")
		}
		ids[r.ID] = true
		if err := r.validate(); err != nil {
			return err
		}
		if r.Filter != nil {
			v2++
			if prios[*r.Priority] {
				return invalidReq("Found duplicate priority " + fmt.Sprint(*r.Priority) + " for replication rules. Priority must be unique.")
			}
			prios[*r.Priority] = true
		}
	}
	if v2 != 0 && v2 != len(c.Rules) {
		return invalidReq("Rules of a replication configuration must all use Filter or all use Prefix, not both.")
	}
	return nil
}

func (r *Rule) validate() error {
	if r.Status != Enabled && r.Status != Disabled {
		return malformed("Rule Status must be Enabled or Disabled.")
	}
	if r.Filter != nil && r.Prefix != nil {
		return malformed("A rule has either a Filter or a Prefix, not both.")
	}
	if r.Filter == nil && r.Prefix == nil {
		// S3 reads a rule with neither as V2 with an empty filter.
		r.Filter = &Filter{}
	}
	if r.Filter != nil {
		if r.Priority == nil {
			return invalidReq("Priority must be specified for this version of Cross Region Replication configuration schema. Please refer to S3 Developer Guide for more information.")
		}
		if *r.Priority < 0 {
			return invalidArg("Priority must not be negative.")
		}
		if r.DeleteMarkerReplication == nil {
			return invalidReq("DeleteMarkerReplication must be specified for this version of Cross Region Replication configuration schema. Please refer to S3 Developer Guide for more information.")
		}
		if err := r.Filter.validate(); err != nil {
			return err
		}
		if r.DeleteMarkerReplication.Status == Enabled && r.Filter.hasTags() {
			return invalidReq("Delete marker replication is not supported if any Tag filter is specified. Please refer to S3 Developer Guide for more information.")
		}
	} else if r.DeleteMarkerReplication != nil {
		return malformed("DeleteMarkerReplication needs a rule with a Filter.")
	}
	for _, s := range []*StatusElem{r.DeleteMarkerReplication, r.ExistingObjectReplication, r.replicaMods(), r.sseKMS()} {
		if s != nil && s.Status != Enabled && s.Status != Disabled {
			return malformed("Status must be Enabled or Disabled.")
		}
	}
	if r.Destination.Bucket == "" {
		return malformed("Destination Bucket is required.")
	}
	if !strings.HasPrefix(r.Destination.Bucket, "arn:") {
		return invalidArg("Invalid bucket ARN.")
	}
	if !storageClasses[r.Destination.StorageClass] {
		return malformed("Invalid storage class " + r.Destination.StorageClass + ".")
	}
	return nil
}

func (f *Filter) validate() error {
	n := 0
	if f.Prefix != nil {
		n++
	}
	if f.Tag != nil {
		n++
	}
	if f.And != nil {
		n++
	}
	if n > 1 {
		return malformed("A Filter holds exactly one of Prefix, Tag or And.")
	}
	if f.Tag != nil && f.Tag.Key == "" {
		return invalidArg("A tag filter needs a key.")
	}
	if f.And != nil {
		seen := map[string]bool{}
		for _, t := range f.And.Tags {
			if t.Key == "" {
				return invalidArg("A tag filter needs a key.")
			}
			if seen[t.Key] {
				return invalidArg("Duplicate Tag Keys are not allowed.")
			}
			seen[t.Key] = true
		}
	}
	return nil
}

func (f *Filter) hasTags() bool {
	return f != nil && (f.Tag != nil || (f.And != nil && len(f.And.Tags) > 0))
}

func (r *Rule) replicaMods() *StatusElem {
	if r.SourceSelectionCriteria == nil {
		return nil
	}
	return r.SourceSelectionCriteria.ReplicaModifications
}

func (r *Rule) sseKMS() *StatusElem {
	if r.SourceSelectionCriteria == nil {
		return nil
	}
	return r.SourceSelectionCriteria.SseKmsEncryptedObjects
}

// On reports whether a status element is Enabled.
func (s *StatusElem) On() bool { return s != nil && s.Status == Enabled }

// DeleteMarkers reports whether the rule replicates delete markers (V1
// rules do, as in S3's first schema).
func (r *Rule) DeleteMarkers() bool {
	if r.Filter == nil {
		return true
	}
	return r.DeleteMarkerReplication.On()
}

// ReplicaModifications reports whether changes made to replicas (tags,
// metadata) replicate back.
func (r *Rule) ReplicaModifications() bool { return r.replicaMods().On() }

// Existing reports whether objects there before the rule replicate too.
func (r *Rule) Existing() bool { return r.ExistingObjectReplication.On() }

// prio is the rule's priority (V1 rules: 0).
func (r *Rule) prio() int {
	if r.Priority == nil {
		return 0
	}
	return *r.Priority
}

// Matches reports whether a key with tags falls under the rule (status
// aside).
func (r *Rule) Matches(key string, tags map[string]string) bool {
	if r.Prefix != nil {
		return strings.HasPrefix(key, *r.Prefix)
	}
	f := r.Filter
	switch {
	case f == nil:
		return true
	case f.Prefix != nil:
		return strings.HasPrefix(key, *f.Prefix)
	case f.Tag != nil:
		return tags[f.Tag.Key] == f.Tag.Value
	case f.And != nil:
		if f.And.Prefix != nil && !strings.HasPrefix(key, *f.And.Prefix) {
			return false
		}
		for _, t := range f.And.Tags {
			if v, ok := tags[t.Key]; !ok || v != t.Value {
				return false
			}
		}
	}
	return true
}

// Match returns the enabled rule with the highest priority that selects
// key with tags, or nil.
func (c *Config) Match(key string, tags map[string]string) *Rule {
	var best *Rule
	for i := range c.Rules {
		r := &c.Rules[i]
		if r.Status != Enabled || !r.Matches(key, tags) {
			continue
		}
		if best == nil || r.prio() > best.prio() {
			best = r
		}
	}
	return best
}

// Rule returns the rule with an id, or nil.
func (c *Config) Rule(id string) *Rule {
	for i := range c.Rules {
		if c.Rules[i].ID == id {
			return &c.Rules[i]
		}
	}
	return nil
}

// Destinations lists the distinct destination ARNs, sorted.
func (c *Config) Destinations() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range c.Rules {
		if !seen[r.Destination.Bucket] {
			seen[r.Destination.Bucket] = true
			out = append(out, r.Destination.Bucket)
		}
	}
	sort.Strings(out)
	return out
}

// MarshalXML writes the document GET ?replication returns.
func (c *Config) XML() []byte {
	b, _ := xml.Marshal(struct {
		XMLName xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ReplicationConfiguration"`
		Role    string   `xml:"Role,omitempty"`
		Rules   []Rule   `xml:"Rule"`
	}{Role: c.Role, Rules: c.Rules})
	return append([]byte(xml.Header), b...)
}

// JSON is the form stored with the bucket (decoded by ParseStored).
func (c *Config) JSON() []byte {
	b, _ := json.Marshal(c)
	return b
}

// ParseStored reads a configuration as the bucket stores it.
func ParseStored(doc []byte) (Config, error) {
	var c Config
	if len(doc) > 0 && doc[0] == '<' {
		return ParseXML(doc)
	}
	err := json.Unmarshal(doc, &c)
	return c, err
}
