package pebble

import (
	"bytes"
	"slices"

	"github.com/cockroachdb/pebble"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// txn is an Update's transaction: it reads a snapshot taken when it
// began, keeps its own writes in memory, and remembers what it read (keys
// and iterated spans) so that the commit can check nobody wrote there
// since the snapshot.
type txn struct {
	snap   *pebble.Snapshot
	writes map[string]write
	reads  map[string]struct{}
	spans  []meta.Span // iterated key ranges
	// engine, when set, answers reads of hot keys from its cache;
	// hotSeen is what it answered (see hotKeys), and hotMoved says it
	// answered two reads of one key differently.
	engine   *Engine
	hotSeen  map[string]hotValue
	hotMoved bool
}

type write struct {
	value []byte
	del   bool
	once  bool // del of a key set once: pebble's SingleDelete (meta.DeleteOnce)
}

func newTxn(snap *pebble.Snapshot) *txn {
	return &txn{snap: snap, writes: map[string]write{}, reads: map[string]struct{}{}}
}

func (t *txn) Get(key []byte) ([]byte, error) {
	if w, ok := t.writes[string(key)]; ok {
		if w.del {
			return nil, strata.E("meta.Get", strata.NotExist, nil)
		}
		return bytes.Clone(w.value), nil
	}
	t.reads[string(key)] = struct{}{}
	if t.engine != nil {
		if v, absent, ok := t.engine.hotGet(key); ok {
			if t.hotSeen == nil {
				t.hotSeen = map[string]hotValue{}
			}
			if prev, ok := t.hotSeen[string(key)]; ok && (prev.absent != absent || !bytes.Equal(prev.v, v)) {
				t.hotMoved = true // even if it came back to the snapshot's value since
			}
			t.hotSeen[string(key)] = hotValue{v: v, absent: absent}
			if absent {
				return nil, strata.E("meta.Get", strata.NotExist, nil)
			}
			return bytes.Clone(v), nil
		}
	}
	return (&reader{r: t.snap}).Get(key)
}

// Set and Delete copy their arguments, as pebble's batches do: callers
// may reuse their buffers.
func (t *txn) Set(key, value []byte) error {
	t.writes[string(key)] = write{value: append([]byte{}, value...)}
	return nil
}

func (t *txn) Delete(key []byte) error {
	t.writes[string(key)] = write{del: true}
	return nil
}

// DeleteOnce is meta.DeleteOnce's deletion: a SingleDelete, which pebble
// drops together with the key's one Set when a flush or compaction meets
// both (the relay's outbox: 20 M events leave no tombstones behind).
func (t *txn) DeleteOnce(key []byte) error {
	t.writes[string(key)] = write{del: true, once: true}
	return nil
}

// Iter merges the snapshot with the transaction's writes in [lower,
// upper) as they are now; later writes are not seen by this iterator.
func (t *txn) Iter(lower, upper []byte) meta.Iterator {
	s := meta.Span{Lower: bytes.Clone(lower), Upper: bytes.Clone(upper)}
	t.spans = append(t.spans, s)
	var over []overlay
	for k, w := range t.writes {
		if s.Has(k) {
			over = append(over, overlay{key: []byte(k), write: w})
		}
	}
	slices.SortFunc(over, func(a, b overlay) int { return bytes.Compare(a.key, b.key) })
	base, err := t.snap.NewIter(&pebble.IterOptions{LowerBound: lower, UpperBound: upper})
	return &mergeIter{base: base, err: err, over: over}
}

// conflicts reports whether any of keys, written by a later commit, is
// among what the transaction read.
func (t *txn) conflicts(keys []string) bool {
	for _, k := range keys {
		if _, ok := t.reads[k]; ok {
			return true
		}
		if meta.InSpans(t.spans, k) {
			return true
		}
	}
	return false
}

// batch returns the transaction's writes as a pebble batch, and their keys.
func (t *txn) batch(db *pebble.DB) (*pebble.Batch, []string) {
	b := db.NewBatch()
	keys := make([]string, 0, len(t.writes))
	for k, w := range t.writes {
		keys = append(keys, k)
		switch {
		case w.once:
			b.SingleDelete([]byte(k), nil)
		case w.del:
			b.Delete([]byte(k), nil)
		default:
			b.Set([]byte(k), w.value, nil)
		}
	}
	return b, keys
}

// hotDiffers reports whether a hot key's value the transaction read from
// the cache is not its snapshot's: a transaction that then failed or
// wrote nothing, which no validation checks, must run again. When they
// agree, it saw exactly what its snapshot holds.
func (t *txn) hotDiffers() bool {
	if t.hotMoved {
		return true
	}
	for k, seen := range t.hotSeen {
		v, err := (&reader{r: t.snap}).Get([]byte(k))
		switch {
		case strata.Is(err, strata.NotExist):
			if !seen.absent {
				return true
			}
		case err != nil:
			return true
		case seen.absent || !bytes.Equal(v, seen.v):
			return true
		}
	}
	return false
}
