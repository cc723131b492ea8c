package object

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"maps"
	"math/rand/v2"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// keySeq is what q/<key> holds: the key's last event.
type keySeq struct {
	Seq   uint64 `json:"s"`
	Nanos int64  `json:"t"`
}

// noteEvent writes ev to the engine's outbox inside tx, the transaction
// of the change itself: a committed change always has its event, and an
// aborted one never does. The key's sequence number and time come from
// q/<key>, which every change of the key writes and reads (but where it
// cannot exist, below), so two changes of one key are ordered even across
// gateways with skewed clocks.
//
// A key's q/ outlives its current record (o/): a delete or a rename keeps
// the sequence, so that a new object of the same name goes on from it.
// noteEvent is for changes that may leave the key without a current
// record, and says so in the range's mark (markOrphanSeqs), which a PUT of
// a new key reads before it skips the read of q/ (put.go); noteKeptEvent
// is for changes that write the key's current record in tx.
func noteEvent(tx meta.Txn, m2 directory.Meta2, ev event.Event) error {
	if err := noteKeptEvent(tx, m2, ev); err != nil {
		return err
	}
	if ev.Key != "" && m2.Bucket != "" {
		return markOrphanSeqs(tx, m2)
	}
	return nil
}

// noteKeptEvent is noteEvent for a change that writes the key's current
// record in the same transaction.
func noteKeptEvent(tx meta.Txn, m2 directory.Meta2, ev event.Event) error {
	last, err := lastSeq(tx, m2, ev.Key)
	if err != nil {
		return err
	}
	return writeEvent(tx, m2, ev, last)
}

// lastSeq reads key's last event (none: zero).
func lastSeq(r meta.Reader, m2 directory.Meta2, key string) (keySeq, error) {
	var last keySeq
	if key == "" || m2.Bucket == "" {
		return last, nil
	}
	b, err := r.Get(m2.EventSeq(key))
	if strata.Is(err, strata.NotExist) {
		return last, nil
	}
	if err != nil {
		return last, err
	}
	json.Unmarshal(b, &last)
	return last, nil
}

// seqsUnder reads the last events of every key under a prefix in one
// scan, for changes of many keys in one transaction (directory renames).
func seqsUnder(r meta.Reader, m2 directory.Meta2, prefix string) (map[string]keySeq, error) {
	out := map[string]keySeq{}
	p := m2.EventSeq(prefix)
	base := len(m2.EventSeq(""))
	it := r.Iter(p, meta.PrefixEnd(p))
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		var ks keySeq
		if json.Unmarshal(it.Value(), &ks) == nil {
			out[string(it.Key()[base:])] = ks
		}
	}
	return out, it.Error()
}

// writeEvent writes ev after the key's last event: its q/ and the outbox
// entry. It leaves the range's mark to its caller.
func writeEvent(tx meta.Txn, m2 directory.Meta2, ev event.Event, last keySeq) error {
	ev.Bucket = m2.Bucket
	if ev.Bucket == "" {
		return nil // internal rewrite with no bucket context (e.g. rebuild)
	}
	now := time.Now().UnixNano()
	if ev.Key != "" {
		if now <= last.Nanos {
			now = last.Nanos + 1
		}
		ev.Seq = last.Seq + 1
		b, _ := json.Marshal(keySeq{Seq: ev.Seq, Nanos: now})
		if err := tx.Set(m2.EventSeq(ev.Key), b); err != nil {
			return err
		}
	}
	rnd := rand.Uint32()
	ev.Time = time.Unix(0, now).UTC()
	ev.ID = eventID(now, rnd)
	b, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	return tx.Set(directory.OutboxKey(now, rnd), b)
}

// eventID is the event's outbox key in hex: unique, and ordered by time.
func eventID(nanos int64, rnd uint32) string {
	var b [12]byte
	binary.BigEndian.PutUint64(b[:8], uint64(nanos))
	binary.BigEndian.PutUint32(b[8:], rnd)
	return hex.EncodeToString(b[:])
}

// objectEvent is the event of a change to one version.
func objectEvent(name string, info *ObjectInfo, opts *PutOptions) event.Event {
	ev := event.Event{Name: name, Key: info.Key, VersionID: info.VersionID, Size: info.Size, ETag: info.ETag,
		Type: info.Headers["Content-Type"], UserMeta: info.UserMeta, Tags: info.Tags, Principal: info.Owner, Replica: info.ReplicaOf}
	if info.VersionID == strata.NullVersion {
		ev.VersionID = ""
	}
	if opts != nil {
		if opts.Owner != "" {
			ev.Principal = opts.Owner
		}
		ev.Cause = opts.Cause
	}
	return ev
}

// movedEvent is the lean event of a key moved by a directory rename
// (tens of thousands in one transaction): no metadata or tags.
func movedEvent(name string, info *ObjectInfo) event.Event {
	ev := event.Event{Name: name, Key: info.Key, VersionID: info.VersionID, Size: info.Size, ETag: info.ETag, Principal: info.Owner}
	if info.VersionID == strata.NullVersion {
		ev.VersionID = ""
	}
	return ev
}

// bucketEvent is the directory hook that records bucket creation and
// removal in the root engine's outbox.
func bucketEvent(tx meta.Txn, c directory.Container, created bool) error {
	name := event.BucketRemoved
	if created {
		name = event.BucketCreated
	}
	m2 := directory.NewMeta2(c.ID)
	m2.Bucket = c.Name
	return noteEvent(tx, m2, event.Event{Name: name, Principal: c.Account, Region: c.Region})
}

// tagEvent names an UpdateObjectMeta change.
func tagEvent(before, after ObjectInfo) string {
	if !maps.Equal(before.Tags, after.Tags) {
		if len(after.Tags) == 0 {
			return event.ObjectTaggingDelete
		}
		return event.ObjectTaggingPut
	}
	return event.ObjectACLPut
}

// pokingEngine tells the relay after each committed update, so events
// leave the outbox at once rather than at the relay's next poll.
type pokingEngine struct {
	meta.Engine
	poke chan struct{}
}

func (p pokingEngine) Update(ctx context.Context, fn func(meta.Txn) error) error {
	err := p.Engine.Update(ctx, fn)
	if err == nil {
		select {
		case p.poke <- struct{}{}:
		default:
		}
	}
	return err
}

// Committed signals (coalesced) after updates of bucket metadata: the
// relay waits on it.
func (s *Service) Committed() <-chan struct{} { return s.poke }

// OutboxEngines returns every engine that may hold an outbox: the root
// and the meta2 shards of all buckets (the list is refreshed every few
// seconds).
func (s *Service) OutboxEngines(ctx context.Context) []meta.Engine {
	s.engMu.Lock()
	defer s.engMu.Unlock()
	if s.engines != nil && time.Since(s.enginesAt) < 5*time.Second {
		return s.engines
	}
	root := s.dir.Root()
	out := []meta.Engine{root}
	seen := map[string]bool{}
	for _, acct := range s.dir.Accounts(ctx) {
		cs, err := s.dir.List(ctx, acct)
		if err != nil {
			continue
		}
		for _, c := range cs {
			for _, r := range c.RangeList() { // a split bucket's ranges may sit on other shards
				if seen[r.Shard] {
					continue
				}
				seen[r.Shard] = true
				if e, err := s.dir.Shard(r.Shard); err == nil && e != root {
					out = append(out, e)
				}
			}
		}
	}
	s.engines, s.enginesAt = out, time.Now()
	return out
}

// KeySequence returns the sequence number of the last event of bucket/key
// (S3's sequencer; 0: none), from the range that owns the key now. A
// deleted or renamed key keeps it, so that a new object of the name goes
// on from it: for diagnostics and tests.
func (s *Service) KeySequence(ctx context.Context, bucket, key string) (uint64, error) {
	_, e, m2, err := s.bucketKey(ctx, bucket, key)
	if err != nil {
		return 0, err
	}
	var last keySeq
	err = e.View(ctx, func(r meta.Reader) error {
		last, err = lastSeq(r, m2, key)
		return err
	})
	return last.Seq, err
}
