package pebble

// commits is what an optimistic commit validates against: the write sets
// of the commits since the oldest running transaction began. It is
// guarded by the engine's mutex.
type commits struct {
	seq     uint64         // commits applied so far
	recent  []commitRecord // ascending seq
	floor   uint64         // every commit up to floor has been dropped from recent
	running map[uint64]int // snapshot seq of each running transaction -> how many
}

type commitRecord struct {
	seq  uint64
	keys []string
}

// maxRecent bounds the history one long transaction can pin; a
// transaction that began before the kept history fails validation and
// runs again.
const maxRecent = 1 << 16

func (c *commits) begin() uint64 {
	if c.running == nil {
		c.running = map[uint64]int{}
	}
	c.running[c.seq]++
	return c.seq
}

func (c *commits) end(start uint64) {
	if c.running[start]--; c.running[start] <= 0 {
		delete(c.running, start)
	}
}

// valid reports whether nothing committed after start wrote what t read.
func (c *commits) valid(start uint64, t *txn) bool {
	if start < c.floor {
		return false
	}
	for i := len(c.recent) - 1; i >= 0 && c.recent[i].seq > start; i-- {
		if t.conflicts(c.recent[i].keys) {
			return false
		}
	}
	return true
}

// applied records a commit's keys, dropping history no running
// transaction needs.
func (c *commits) applied(keys []string) {
	c.seq++
	if len(c.running) > 0 {
		c.recent = append(c.recent, commitRecord{seq: c.seq, keys: keys})
	}
	if len(c.recent) < 64 {
		return
	}
	oldest := c.seq
	for s := range c.running {
		oldest = min(oldest, s)
	}
	drop := 0
	for drop < len(c.recent) && c.recent[drop].seq <= oldest {
		drop++
	}
	if len(c.recent)-drop > maxRecent {
		drop = len(c.recent) - maxRecent/2 // in halves: a pinned history is not copied on every commit
	}
	if drop > 0 {
		c.floor = max(c.floor, c.recent[drop-1].seq)
		c.recent = append(c.recent[:0], c.recent[drop:]...)
	}
}

// appliedAll records a commit that may have written any key (a range
// deletion): every transaction running now fails validation and runs
// again.
func (c *commits) appliedAll() {
	c.seq++
	c.floor = c.seq
	c.recent = c.recent[:0]
}
