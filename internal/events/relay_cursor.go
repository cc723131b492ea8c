package events

import (
	"encoding/binary"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
)

// A drained outbox leaves its deleted keys behind as tombstones until the
// engine compacts them, and a read from the outbox's first key steps
// over all of them. The relay drains after every local commit, so a burst
// of small commits (a mount creating thousands of files) made each drain
// cost more than the last: half the gateway's CPU went to skipping
// tombstones. Local drains therefore start a little before the newest
// key drained; the periodic and peer-poked drains still read the whole
// outbox, for events committed with older times (other gateways' clocks,
// long transactions), and so does a local drain that finds nothing after
// its start, at most every wholeEvery: with one after every commit, a
// mount creating files one by one again spent most of the gateway's CPU
// stepping over the outbox's tombstones.

// cursorSlack is how far before the newest drained event a local drain
// starts reading: more than a commit usually takes between taking its
// event's time and being visible (a later one waits for a whole read,
// at most wholeEvery later). Every drain steps over the tombstones of
// that span: at 2 s, a mount creating files one by one spent a third of
// the gateway's CPU there.
const cursorSlack = 100 * time.Millisecond

// wholeEvery is how often at most a local drain that finds nothing after
// its cursor reads the whole outbox.
const wholeEvery = 500 * time.Millisecond

// outboxCursors remembers, per engine, where local drains start.
type outboxCursors struct {
	mu    sync.Mutex
	start map[meta.Engine][]byte
	whole map[meta.Engine]time.Time // the last whole read wholeDue allowed
	owed  bool                      // wholeDue said no since the last whole read
}

// wholeDue reports whether a drain of e that found nothing after its
// cursor should read the whole outbox now, and if so notes it.
func (c *outboxCursors) wholeDue(e meta.Engine) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if now.Sub(c.whole[e]) < wholeEvery {
		c.owed = true
		return false
	}
	if c.whole == nil {
		c.whole = map[meta.Engine]time.Time{}
	}
	c.whole[e] = now
	return true
}

// from is the key a drain of e starts at (nil: the outbox's first).
func (c *outboxCursors) from(e meta.Engine) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.start[e]
}

// drained notes the newest key a drain of e moved.
func (c *outboxCursors) drained(e meta.Engine, last []byte) {
	p := directory.OutboxPrefix()
	if len(last) < len(p)+8 {
		return
	}
	nanos := int64(binary.BigEndian.Uint64(last[len(p):]))
	start := directory.OutboxKey(max(0, nanos-int64(cursorSlack)), 0)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.start == nil {
		c.start = map[meta.Engine][]byte{}
	}
	c.start[e] = start
}

// reset makes the next drains read whole outboxes.
func (c *outboxCursors) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.start = nil
}

// owing reports whether a whole read was put off (see Relay.Run), and
// clears it.
func (c *outboxCursors) owing() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	o := c.owed
	c.owed = false
	return o
}
