package event

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ConfigError is a notification configuration the S3 API refuses; Code
// is the S3 error code to answer ("MalformedXML" or "InvalidArgument").
type ConfigError struct {
	Code    string
	Message string
}

func (e *ConfigError) Error() string { return e.Code + ": " + e.Message }

func malformed(msg string) error { return &ConfigError{Code: "MalformedXML", Message: msg} }
func invalid(msg string) error   { return &ConfigError{Code: "InvalidArgument", Message: msg} }

// Rule sends events whose name matches one of Events and whose key
// passes Filter to Target.
type Rule struct {
	ID     string    `json:"id"`
	Events []string  `json:"events"` // configuration names, "s3:" prefixed
	Filter KeyFilter `json:"filter,omitzero"`
	Target Target    `json:"target"`
}

// Config is a bucket's notification configuration; no rules means none.
type Config struct {
	Rules []Rule `json:"rules,omitempty"`
}

// validNames are the event names a configuration may subscribe to: every
// name Strata emits, the per-family wildcards, "s3:Bucket*" for bucket
// events and "s3:*" for all. TestEvent is left out: it is sent when a
// configuration is set, not subscribed to. AWS names Strata never emits
// (s3:Replication:*,
// ...) are refused rather than accepted and never fired.
var validNames = map[string]bool{}

func init() {
	for _, n := range []string{
		ObjectCreatedPut, ObjectCreatedPost, ObjectCreatedCopy, ObjectCreatedMultipart,
		ObjectRemovedDelete, ObjectRemovedMarker, ObjectRestorePost, ObjectRestoreCompleted, ObjectRestoreDelete,
		ObjectTaggingPut, ObjectTaggingDelete, ObjectACLPut, ObjectMetadataChanged,
		BucketCreated, BucketRemoved,
		LifecycleExpirationDelete, LifecycleExpirationMarker, LifecycleTransition, "LifecycleExpiration:*",
		"ObjectCreated:*", "ObjectRemoved:*", "ObjectRestore:*", "ObjectTagging:*",
		"ObjectAcl:*", "ObjectMetadata:*", "Bucket*", "*",
	} {
		validNames["s3:"+n] = true
	}
}

// ValidName reports whether a configuration may name the event pattern
// (for example "s3:ObjectCreated:*").
func ValidName(name string) bool { return validNames[name] }

// Match returns the rules an event goes to: an event name pattern
// matches and, for object events, the key passes the filter.
func (c Config) Match(ev Event) []Rule {
	var out []Rule
	for _, r := range c.Rules {
		if ev.Key != "" && !r.Filter.Match(ev.Key) {
			continue
		}
		for _, p := range r.Events {
			if MatchName(p, ev.Name) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// Validate checks what ParseXML checks, for a Config built otherwise.
func (c Config) Validate() error {
	ids := map[string]bool{}
	for _, r := range c.Rules {
		if r.ID == "" {
			return malformed("A notification configuration has no Id.")
		}
		if ids[r.ID] {
			return invalid("Same ID used for multiple configurations: " + r.ID)
		}
		ids[r.ID] = true
		if len(r.Events) == 0 {
			return malformed("A notification configuration has no Event.")
		}
		for _, e := range r.Events {
			if !ValidName(e) {
				return invalid("The event is not supported for notifications: " + e)
			}
		}
		if !r.Target.valid() {
			return invalid(fmt.Sprintf("Invalid notification target %q %q", r.Target.Kind, r.Target.Name))
		}
		if len(r.Filter.Prefix) > 1024 || len(r.Filter.Suffix) > 1024 {
			return invalid("A filter rule value is longer than 1024 bytes.")
		}
	}
	return nil
}

// JSON is the configuration as stored with the bucket.
func (c Config) JSON() []byte {
	b, err := json.Marshal(c)
	if err != nil {
		panic("event: marshal config: " + err.Error()) // strings only
	}
	return b
}

// ParseJSON reads a stored configuration and validates it.
func ParseJSON(b []byte) (Config, error) {
	var c Config
	if err := json.Unmarshal(b, &c); err != nil {
		return Config{}, malformed("notification configuration: " + err.Error())
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// trim is strings.TrimSpace for values read from pretty-printed XML.
func trim(s string) string { return strings.TrimSpace(s) }
