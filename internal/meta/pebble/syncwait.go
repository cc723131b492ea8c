package pebble

import (
	"sync/atomic"
	"time"

	"github.com/cockroachdb/pebble"
)

// SyncWaitBounds are the upper bounds of the sync-wait histogram's
// buckets: from a quarter of a millisecond (an idle disk's flush) to a
// quarter of a second (a disk flushing behind a flood of writes).
var SyncWaitBounds = [...]time.Duration{
	250 * time.Microsecond, 500 * time.Microsecond,
	time.Millisecond, 2 * time.Millisecond, 4 * time.Millisecond, 8 * time.Millisecond,
	16 * time.Millisecond, 32 * time.Millisecond, 64 * time.Millisecond,
	128 * time.Millisecond, 256 * time.Millisecond,
}

// syncWaits counts how long commits waited for the WAL's sync, the part
// of a durable commit's latency the disk decides. Kept by hand (atomic
// counters) so that the engine needs no metrics library; the server
// exports it as a histogram.
type syncWaits struct {
	counts [len(SyncWaitBounds) + 1]atomic.Uint64 // the last: over every bound
	sumNs  atomic.Uint64
}

func (s *syncWaits) observe(d time.Duration) {
	i := 0
	for i < len(SyncWaitBounds) && d > SyncWaitBounds[i] {
		i++
	}
	s.counts[i].Add(1)
	s.sumNs.Add(uint64(max(d, 0)))
}

// SyncWaitStats is a snapshot of the sync waits: Counts[i] commits waited
// at most SyncWaitBounds[i] (and more than the bound before), the last
// count longer than every bound.
type SyncWaitStats struct {
	Counts [len(SyncWaitBounds) + 1]uint64
	Sum    time.Duration
}

// SyncWaits returns how long the engine's durable commits waited for
// the WAL's sync, since it opened.
func (e *Engine) SyncWaits() SyncWaitStats {
	var s SyncWaitStats
	for i := range s.Counts {
		s.Counts[i] = e.syncWaits.counts[i].Load()
	}
	s.Sum = time.Duration(e.syncWaits.sumNs.Load())
	return s
}

// syncLog waits for the WAL to be on disk up to here: an empty synced
// LogData, which pebble coalesces with concurrent syncs into one fsync.
func (e *Engine) syncLog() error {
	start := time.Now()
	err := e.db.LogData(nil, pebble.Sync)
	e.syncWaits.observe(time.Since(start))
	return err
}
