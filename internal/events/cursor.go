package events

import (
	"reflect"
	"sync"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
)

// Why a cursor: a drained outbox leaves one tombstone per event until
// the metadata engine compacts them, and a read from the outbox's start
// steps over all of them. After a phase of small PUTs that is tens of
// thousands of tombstones, stepped over on every commit's poke, which
// cost a later phase of large PUTs about 5% of the server's CPU. So a
// drain started by a poke reads on from the last key this relay moved,
// and only the drain of the 1 s tick (and the first) reads from the
// start. Keys are ordered by the commit's clock, not its commit order,
// so an event committed late under an older time is found by the next
// tick's full read: at most 1 s late, as events of other gateways are.

// cursor is where the drain of one outbox goes on from.
type cursor struct {
	c    *cursors
	key  any // nil: the engine cannot key a map; always read in full
	last []byte
}

// cursors holds the last key moved, per engine.
type cursors struct {
	mu   sync.Mutex
	last map[any][]byte
}

// cursorOf returns the cursor of e's drain: from the outbox's start if
// full, else from the last key moved.
func (r *Relay) cursorOf(e meta.Engine, full bool) *cursor {
	c := &cursor{c: &r.cursors}
	if e == nil || !reflect.TypeOf(e).Comparable() {
		return c
	}
	c.key = e
	if !full {
		r.cursors.mu.Lock()
		c.last = r.cursors.last[e]
		r.cursors.mu.Unlock()
	}
	return c
}

// from is the lower bound of the next read: just after the last key
// moved, or the outbox's start.
func (c *cursor) from() []byte {
	if c.last == nil {
		return directory.OutboxPrefix()
	}
	return append(append([]byte(nil), c.last...), 0)
}

// moved records that every key up to last was moved to the bus.
func (c *cursor) moved(last []byte) {
	c.last = last
	if c.key == nil {
		return
	}
	c.c.mu.Lock()
	defer c.c.mu.Unlock()
	if c.c.last == nil {
		c.c.last = map[any][]byte{}
	}
	c.c.last[c.key] = last
}
