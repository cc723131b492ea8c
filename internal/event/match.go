package event

import "strings"

// MatchName reports whether an event name matches a configuration
// pattern: an exact name, a prefix ending in "*" ("s3:ObjectCreated:*",
// "s3:Bucket*"), or "*" / "s3:*" for everything. The "s3:" prefix is
// optional on either side, since configurations carry it and events do
// not.
func MatchName(pattern, name string) bool {
	pattern = strings.TrimPrefix(pattern, "s3:")
	name = strings.TrimPrefix(name, "s3:")
	if p, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(name, p)
	}
	return pattern == name
}

// KeyFilter selects keys by prefix and suffix (S3's S3Key filter rules);
// the zero filter matches every key.
type KeyFilter struct {
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

// Match reports whether key has both the prefix and the suffix.
func (f KeyFilter) Match(key string) bool {
	return strings.HasPrefix(key, f.Prefix) && strings.HasSuffix(key, f.Suffix)
}
