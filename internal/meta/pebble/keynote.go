package pebble

import (
	"context"
	"slices"

	"github.com/strata-storage/strata/internal/meta"
)

// maxNoted bounds the keys one note keeps between two Takes (some 100
// bytes each with the map): past it, the note says it lost track and its
// owner compares whole spans, as without a note.
const maxNoted = 1 << 21

// keyNote is meta.KeyNote on the engine: commits add their keys under the
// engine's mutex as they apply, so a Take after a commit returned holds
// its keys.
type keyNote struct {
	e     *Engine
	spans []meta.Span
	keys  map[string]struct{} // guarded by e.mu
	lost  bool                // guarded by e.mu
}

// NoteKeys begins a note of the keys written to spans (meta.NoteKeys).
func (e *Engine) NoteKeys(_ context.Context, spans []meta.Span) meta.KeyNote {
	n := &keyNote{e: e, spans: slices.Clone(spans), keys: map[string]struct{}{}}
	e.mu.Lock()
	e.notes = append(e.notes, n)
	e.mu.Unlock()
	return n
}

func (n *keyNote) Take(context.Context) ([][]byte, bool) {
	n.e.mu.Lock()
	keys, lost := n.keys, n.lost
	n.keys, n.lost = map[string]struct{}{}, false
	n.e.mu.Unlock()
	if lost {
		return nil, false
	}
	return meta.SortedKeys(keys), true
}

func (n *keyNote) Close() {
	n.e.mu.Lock()
	defer n.e.mu.Unlock()
	n.e.notes = slices.DeleteFunc(n.e.notes, func(o *keyNote) bool { return o == n })
	n.keys = nil
}

// noteCommit adds a commit's keys to every note; with e.mu held.
func (e *Engine) noteCommit(keys []string) {
	for _, n := range e.notes {
		if n.lost {
			continue
		}
		for _, k := range keys {
			if meta.InSpans(n.spans, k) {
				n.keys[k] = struct{}{}
			}
		}
		if len(n.keys) > maxNoted {
			n.lost, n.keys = true, map[string]struct{}{}
		}
	}
}

// noteDeleteRange marks the notes that a range deletion of [lower, upper)
// overlaps as lost; with e.mu held.
func (e *Engine) noteDeleteRange(lower, upper []byte) {
	for _, n := range e.notes {
		for _, s := range n.spans {
			if (s.Upper == nil || string(lower) < string(s.Upper)) && (upper == nil || string(upper) > string(s.Lower)) {
				n.lost, n.keys = true, map[string]struct{}{}
				break
			}
		}
	}
}
