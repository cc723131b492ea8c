package meta

import (
	"context"
	"slices"
	"strings"
)

// Span is a key range [Lower, Upper); a nil Upper has no bound.
type Span struct{ Lower, Upper []byte }

// Has reports whether k is in the span.
func (s Span) Has(k string) bool {
	return k >= string(s.Lower) && (s.Upper == nil || k < string(s.Upper))
}

// KeyNote is the list of keys that commits wrote (set or deleted) in some
// spans of an engine since it began: a key range split compares only
// those in its later passes, where it compared the whole range
// (docs/SHARDING.md). It is kept by the engine at commit, so every write
// path is in it.
type KeyNote interface {
	// Take returns the keys noted since the note began or since the
	// last Take, sorted, and forgets them. complete is false when the
	// note lost track meanwhile (a range deletion over a span, more keys
	// than it keeps): the caller must then compare the whole spans, and
	// the note starts afresh from this Take. A Take that cannot tell
	// (the engine's storage unreachable, ctx done) is incomplete.
	Take(ctx context.Context) (keys [][]byte, complete bool)
	// Close stops the noting.
	Close()
}

// keyNoter is an engine that notes the keys its commits write.
type keyNoter interface {
	NoteKeys(ctx context.Context, spans []Span) KeyNote
}

// NoteKeys begins a note of the keys written to spans of e, from the next
// commit applied: a read begun after it returns sees every commit the
// note misses. ok is false when e keeps no such note; the caller then
// compares whole spans.
func NoteKeys(ctx context.Context, e Engine, spans []Span) (note KeyNote, ok bool) {
	if n, ok := e.(keyNoter); ok {
		return n.NoteKeys(ctx, spans), true
	}
	return nil, false
}

// InSpans reports whether k is in any of spans.
func InSpans(spans []Span, k string) bool {
	for _, s := range spans {
		if s.Has(k) {
			return true
		}
	}
	return false
}

// SortedKeys returns the keys of a set, sorted: what a Take returns.
func SortedKeys(set map[string]struct{}) [][]byte {
	ks := make([]string, 0, len(set))
	for k := range set {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, strings.Compare)
	out := make([][]byte, len(ks))
	for i, k := range ks {
		out[i] = []byte(k)
	}
	return out
}

// Envelope returns the least span holding every one of spans.
func Envelope(spans []Span) Span {
	var env Span
	for i, s := range spans {
		if i == 0 || string(s.Lower) < string(env.Lower) {
			env.Lower = s.Lower
		}
		if i == 0 || env.Upper != nil && (s.Upper == nil || string(s.Upper) > string(env.Upper)) {
			env.Upper = s.Upper
		}
	}
	return env
}
