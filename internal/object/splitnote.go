package object

import (
	"bytes"
	"context"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// A split's first pass compares the whole moved range; the passes after
// it, the fenced one included, compare only the keys that commits wrote
// in the source's moved spans since that pass began, as the source's
// engine noted them at commit (meta.NoteKeys). At 20 M objects the fenced
// pass read some 5 M records on each side to find a few thousand changes,
// 6-11 s during which writes of the moved keys waited. The engine notes
// every commit (pebble at apply, etcd through a watch), so no write path
// (S3, files, scanners) can escape it. A split resumed after a crash and a
// note that lost track (a range deletion, too many keys, a broken watch)
// compare the whole range, as before.

// noteMoved begins a note of the writes to the source's moved records, or
// returns nil where its engine keeps none.
func noteMoved(ctx context.Context, src rangeRef, b directory.Bounds) meta.KeyNote {
	if src.raw == nil {
		return nil
	}
	var spans []meta.Span
	for _, sl := range noteSelectors(b) {
		lo, hi := sl.span(src.m2, b.Start, b.End, b.Closed)
		spans = append(spans, meta.Span{Lower: lo, Upper: hi})
	}
	note, ok := meta.NoteKeys(ctx, src.raw, spans)
	if !ok {
		return nil
	}
	return note
}

// noteSelectors are the kinds of record a split moves, those chosen by
// upload or inode whole (span ignores keep): which uploads and inodes move
// is known only when a pass reads the noted keys.
func noteSelectors(b directory.Bounds) []selector {
	return selectors(b.Start, b.End, b.Closed, nil, nil)
}

// syncPass runs a split's pass after the first: over the noted keys when
// note has them all, else over the whole range. It returns how many
// records it wrote or deleted, and how many keys it compared (-1: all).
func syncPass(ctx context.Context, src, dst rangeRef, note meta.KeyNote) (changed, compared int, err error) {
	if note != nil {
		if keys, complete := note.Take(ctx); complete {
			changed, err = syncNoted(ctx, src, dst, keys)
			return changed, len(keys), err
		}
	}
	changed, err = syncMoved(ctx, src, dst, 1)
	return changed, -1, err
}

// syncNoted makes dst's records of the noted keys (source engine keys,
// sorted) equal to src's moved ones, as syncMoved does for every key of
// the range, and returns how many records it wrote or deleted. A noted
// key the split does not move (now: its upload or inode left the range)
// is deleted from dst, where an earlier pass may have copied it.
func syncNoted(ctx context.Context, src, dst rangeRef, keys [][]byte) (int, error) {
	b := dst.b
	sels, err := movedSelectors(ctx, src, b)
	if err != nil {
		return 0, err
	}
	kinds := noteSelectors(b)
	pre := src.m2.All()
	changed := 0
	for len(keys) > 0 {
		batch := keys[:min(len(keys), splitBatch)]
		keys = keys[len(batch):]
		var rels [][]byte
		for _, k := range batch {
			if rel, ok := bytes.CutPrefix(k, pre); ok && kindOf(kinds, rel) != nil {
				rels = append(rels, rel)
			}
		}
		have, err := getRecords(ctx, src.e, src.m2, rels)
		if err != nil {
			return changed, err
		}
		had, err := getRecords(ctx, dst.e, dst.m2, rels)
		if err != nil {
			return changed, err
		}
		var sets []copyWrite
		var stale []kv
		for i, rel := range rels {
			v, d := have[i], had[i]
			switch {
			case v.ok && moves(sels, rel, b):
				if !d.ok || !bytes.Equal(d.v, v.v) {
					sets = append(sets, copyWrite{kv{rel, v.v}, !d.ok, d.v})
				}
			case d.ok:
				stale = append(stale, kv{rel, d.v})
			}
		}
		n, err := writeTarget(ctx, dst, sets, stale)
		changed += n
		if err != nil {
			return changed, err
		}
	}
	return changed, nil
}

// kindOf returns the selector among sels whose kind rel has, or nil.
func kindOf(sels []selector, rel []byte) *selector {
	for i := range sels {
		if bytes.HasPrefix(rel, []byte(sels[i].kind)) {
			return &sels[i]
		}
	}
	return nil
}

// moves reports whether a split of b moves the record rel (a key relative
// to the sub-container), as the selectors sels choose.
func moves(sels []selector, rel []byte, b directory.Bounds) bool {
	sl := kindOf(sels, rel)
	switch {
	case sl == nil:
		return false
	case !sl.byKey:
		return sl.keep(rel[len(sl.kind):])
	}
	k := rel[len(sl.kind):]
	return string(k) >= b.Start && (!b.Closed || string(k) < b.End)
}

// stored is a record's value, if there is one (ok).
type stored struct {
	v  []byte
	ok bool
}

// getRecords reads the records rels of m2 in one snapshot.
func getRecords(ctx context.Context, e meta.Engine, m2 directory.Meta2, rels [][]byte) ([]stored, error) {
	out := make([]stored, len(rels))
	err := e.View(ctx, func(r meta.Reader) error {
		for i, rel := range rels {
			v, err := r.Get(append(m2.All(), rel...))
			switch {
			case err == nil:
				out[i] = stored{v, true}
			case !strata.Is(err, strata.NotExist):
				return err
			}
		}
		return nil
	})
	return out, err
}
