package pebble

import (
	"errors"
	"sync"
	"unsafe"

	"github.com/cockroachdb/pebble"
)

// maxHot bounds the hot keys kept (some 100 bytes each): past it an
// arbitrary one goes, and is read from the store again when next asked.
const maxHot = 1 << 16

// hotKeys keeps the latest committed value (or absence) of the keys
// Options.Hot names: small records that nearly every transaction of a
// range reads and few write, such as a range's fence. A point read of
// such a key in a deep store walks the memtables and every level's
// filter before it finds the key: at 20 M objects, the fence and the
// range's marks were a tenth of a PUT's CPU.
//
// A transaction reading a hot key gets the latest committed value, which
// may be newer than its snapshot. That is safe under the optimistic
// commit: the key is in the transaction's read set, so if a commit since
// the snapshot wrote it, validation fails and the transaction runs again,
// on a view in which the cache and the snapshot agree. A transaction that
// read one and then fails or writes nothing compares what the cache
// gave with its snapshot (txn.hotDiffers) and runs again if they differ
// or if two reads of one key got different answers,
// so no error or read-only result rests on a value its snapshot never
// held; a long read-only scan is not validated against its whole read
// set, as before.
//
// Coherence: commits update the entries of the keys they write, under
// the engine's mutex as they apply, and a miss fills an entry only if no
// such update came between its read of the store and the fill (gen), so
// an entry never goes back to a value older than one already applied. A
// range deletion empties the cache. Views read their snapshots, never the
// cache.
type hotKeys struct {
	is  func([]byte) bool
	mu  sync.RWMutex // guards m and gen; taken after the engine's mutex, never before
	m   map[string]hotValue
	gen uint64 // writes of hot keys applied, and range deletions: a fill read before one is not kept
}

// hotFillHook, when set, runs between a miss's read of the store and its
// fill: tests commit there.
var hotFillHook func()

type hotValue struct {
	v      []byte
	absent bool
}

func newHotKeys(is func([]byte) bool) *hotKeys {
	if is == nil {
		return nil
	}
	return &hotKeys{is: is, m: map[string]hotValue{}}
}

// hotGet returns key's latest committed value, reading the store on a miss.
// ok is false when key is not hot. With the engine's mutex not held.
func (e *Engine) hotGet(key []byte) (v []byte, absent, ok bool) {
	h := e.hot
	if h == nil || !h.is(key) {
		return nil, false, false
	}
	h.mu.RLock()
	hv, hit := h.m[string(key)]
	gen := h.gen
	h.mu.RUnlock()
	if hit {
		return hv.v, hv.absent, true
	}
	// A miss reads the store without the commit lock: the value read is
	// the latest applied at some moment after the transaction began,
	// which validation makes as safe as a cached one. It is kept only if
	// no commit wrote a hot key meanwhile (gen): a commit that applied
	// before the read but updates the cache after it would otherwise
	// race with the fill.
	val, c, err := e.db.Get(key)
	switch {
	case errors.Is(err, pebble.ErrNotFound):
		hv = hotValue{absent: true}
	case err != nil:
		return nil, false, false // the caller reads its snapshot and meets the error there
	default:
		hv = hotValue{v: append([]byte(nil), val...)}
		c.Close()
	}
	if hotFillHook != nil {
		hotFillHook()
	}
	h.mu.Lock()
	if h.gen == gen {
		h.putLocked(string(key), hv)
	}
	h.mu.Unlock()
	return hv.v, hv.absent, true
}

// putLocked sets k's entry, making room past maxHot; with h.mu held.
func (h *hotKeys) putLocked(k string, hv hotValue) {
	if _, ok := h.m[k]; !ok && len(h.m) >= maxHot {
		for old := range h.m {
			delete(h.m, old)
			break
		}
	}
	h.m[k] = hv
}

// applied updates the entries of the hot keys a commit wrote; with the
// engine's mutex held, in the same hold as the commit's apply.
func (h *hotKeys) applied(writes map[string]write) {
	if h == nil {
		return
	}
	for k, w := range writes {
		if !h.is(unsafe.Slice(unsafe.StringData(k), len(k))) { // read only: no copy per written key
			continue
		}
		hv := hotValue{v: w.value} // the batch copied it; nothing else holds it
		if w.del {
			hv = hotValue{absent: true}
		}
		h.mu.Lock()
		h.gen++
		h.putLocked(k, hv)
		h.mu.Unlock()
	}
}

// clear drops every entry (a range deletion); with the engine's mutex held.
func (h *hotKeys) clear() {
	if h == nil {
		return
	}
	h.mu.Lock()
	h.gen++
	clear(h.m)
	h.mu.Unlock()
}
