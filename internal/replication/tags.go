package replication

import (
	"maps"
	"net/url"
	"slices"
	"strings"
)

// encodeTags is the x-amz-tagging form of tags (sorted, for stable output).
func encodeTags(tags map[string]string) string {
	var b strings.Builder
	for i, k := range slices.Sorted(maps.Keys(tags)) {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(tags[k]))
	}
	return b.String()
}

// sameMap compares maps, nil and empty alike.
func sameMap(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
