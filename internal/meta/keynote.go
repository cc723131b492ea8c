package meta

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
	// the note starts afresh from this Take.
	Take() (keys [][]byte, complete bool)
	// Close stops the noting.
	Close()
}

// keyNoter is an engine that notes the keys its commits write.
type keyNoter interface {
	NoteKeys(spans []Span) KeyNote
}

// NoteKeys begins a note of the keys written to spans of e, from the next
// commit applied: a read begun after it returns sees every commit the
// note misses. ok is false when e keeps no such note (etcd); the caller
// then compares whole spans.
func NoteKeys(e Engine, spans []Span) (note KeyNote, ok bool) {
	if n, ok := e.(keyNoter); ok {
		return n.NoteKeys(spans), true
	}
	return nil, false
}
