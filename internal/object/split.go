package object

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// SplitOptions tune the splitting of key ranges (docs/SHARDING.md).
type SplitOptions struct {
	// Objects is the number of versions of a range past which the
	// background job splits it at its median key (0: never).
	Objects int64
	// Grace is how long the old range keeps the moved records after the
	// new range map is published, for gateways still reading with the
	// old map (they follow container records by watch).
	Grace time.Duration
	// MaxSplits bounds the splits of one pass (0: 16).
	MaxSplits int
	// CopyDuty is the share of its time a split's first copy pass (the
	// bulk of its writes) works, resting the rest so that the writes
	// beside it keep more of their rate (0: defaultCopyDuty; 1: no rest).
	// The later passes and the fenced one run at full speed: they must
	// catch up with the writes, and the fenced one holds writes of the
	// moved keys.
	CopyDuty float64
	// StopAfter, for tests, ends a split after the named step ("planned",
	// "copied", "fenced", "synced", "published") as a crash would.
	StopAfter func(step string) bool
}

// splitJournal is a split in progress, on the root engine under
// directory.SplitKey: a split interrupted anywhere is resumed (once the
// source is fenced) or rolled back (before) by the next pass.
type splitJournal struct {
	Bucket string           `json:"bucket"`
	Source directory.Range  `json:"source"`
	Bounds directory.Bounds `json:"bounds"` // the source's, before the split
	Target directory.Range  `json:"target"` // Start is the split key
	Step   int              `json:"step"`
}

const (
	splitPlanned   = 1 + iota // target fenced to its bounds; copying
	splitFenced               // source fenced: writes of moved keys wait
	splitPublished            // range map published: cleanup left
)

// ErrSplitStopped ends a split where a test asked (a simulated crash).
var ErrSplitStopped = strata.Errorf("object.Split", strata.Unavailable, "split stopped")

// SplitReport says what a splitting pass did.
type SplitReport struct {
	Splits  int `json:"splits"`
	Resumed int `json:"resumed"`
}

// ErrSplitBusy is what a SplitLock returns, asked not to wait, while
// another split runs.
var ErrSplitBusy = errors.New("another key range split is running")

// SplitLock runs fn holding the lock of the cluster's splits: with wait,
// once the split holding it is done (or ctx ends); without, at once or
// not at all (then it returns ErrSplitBusy).
type SplitLock func(ctx context.Context, wait bool, fn func(context.Context) error) error

// SetSplitLock sets the lock every split runs under: a cluster's gateways
// share one (cluster.RunLocked). Without it, splits are exclusive within
// this process.
func (s *Service) SetSplitLock(l SplitLock) { s.splitLock.Store(&l) }

// exclusive runs fn under the split lock. The background pass (which does
// not wait) and the splits asked for (SplitRange, SplitBucket, which do)
// take it alike: a pass that found the journal of a split running beside
// it took that split for interrupted, and rolled it back (dropping the
// target's copy) or ran it a second time.
func (s *Service) exclusive(ctx context.Context, wait bool, fn func(context.Context) error) error {
	if l := s.splitLock.Load(); l != nil {
		return (*l)(ctx, wait, fn)
	}
	if wait {
		select {
		case s.splitSem <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
	} else {
		select {
		case s.splitSem <- struct{}{}:
		default:
			return ErrSplitBusy
		}
	}
	defer func() { <-s.splitSem }()
	return fn(ctx)
}

// SplitBuckets resumes interrupted splits, then splits every range of
// every bucket holding more than opts.Objects versions, under the split
// lock: while another split runs it does nothing.
func (s *Service) SplitBuckets(ctx context.Context, opts SplitOptions) (SplitReport, error) {
	var rep SplitReport
	err := s.exclusive(ctx, false, func(ctx context.Context) error {
		var err error
		rep, err = s.splitBuckets(ctx, opts)
		return err
	})
	if errors.Is(err, ErrSplitBusy) {
		return rep, nil
	}
	return rep, err
}

func (s *Service) splitBuckets(ctx context.Context, opts SplitOptions) (SplitReport, error) {
	var rep SplitReport
	n, err := s.resumeSplits(ctx, opts)
	rep.Resumed = n
	if err != nil || opts.Objects <= 0 {
		return rep, err
	}
	names, err := s.allBuckets(ctx)
	if err != nil {
		return rep, err
	}
	max := opts.MaxSplits
	if max <= 0 {
		max = 16
	}
	for _, name := range names {
		for rep.Splits < max {
			at, err := s.splitCandidate(ctx, name, opts.Objects)
			if err != nil || at == "" {
				break
			}
			if err := s.splitRange(ctx, name, at, opts); err != nil {
				return rep, err
			}
			rep.Splits++
		}
	}
	return rep, nil
}

// splitCandidate returns the median key of the bucket's first range
// holding more than limit versions by its counters, or "".
func (s *Service) splitCandidate(ctx context.Context, name string, limit int64) (string, error) {
	_, parts, err := s.rangesOf(ctx, name)
	if err != nil {
		return "", err
	}
	for _, p := range parts {
		u, _, err := readUsage(ctx, p.e, p.m2)
		if err != nil {
			return "", err
		}
		if u.Objects <= limit {
			continue
		}
		if at, err := medianKey(ctx, p); err != nil || at != "" {
			return at, err
		}
	}
	return "", nil
}

// medianKey returns the object key at the middle of a range's versions
// ("" if the range cannot be split: one key holds them all).
func medianKey(ctx context.Context, p rangeRef) (string, error) {
	sl := selector{kind: "v/", byKey: true}
	lower, upper := sl.span(p.m2, p.b.Start, p.b.End, p.b.Closed)
	name := func(k []byte) string {
		k = k[len(lower)-len(p.b.Start):]
		if i := bytes.IndexByte(k, 0); i >= 0 {
			k = k[:i]
		}
		return string(k)
	}
	var at string
	err := p.e.View(ctx, func(r meta.Reader) error {
		it := r.Iter(lower, upper)
		defer it.Close()
		n := 0
		for ok := it.First(); ok; ok = it.Next() {
			n++
		}
		i := 0
		for ok := it.First(); ok; ok = it.Next() {
			if i++; i > n/2 && name(it.Key()) > p.b.Start {
				at = name(it.Key())
				break
			}
		}
		return it.Error()
	})
	return at, err
}

// SplitRange splits the range of bucket name that owns key at, at that
// key, into a new sub-container on a shard the conscience picks, while
// writes go on (docs/SHARDING.md gives the steps). It waits for a split
// already running to end.
func (s *Service) SplitRange(ctx context.Context, name, at string, opts SplitOptions) error {
	return s.exclusive(ctx, true, func(ctx context.Context) error { return s.splitRange(ctx, name, at, opts) })
}

func (s *Service) splitRange(ctx context.Context, name, at string, opts SplitOptions) error {
	const op = "object.SplitRange"
	s.dir.Forget(name)
	c, err := s.dir.Lookup(ctx, name)
	if err != nil {
		return err
	}
	i := c.Owner(at)
	src, b := c.RangeList()[i], c.BoundsOf(i)
	if at <= b.Start {
		return strata.Errorf(op, strata.Invalid, "split key %q is a range's start", at)
	}
	shard, err := s.dir.PickShard(ctx)
	if err != nil {
		return err
	}
	j := splitJournal{Bucket: name, Source: src, Bounds: b, Step: splitPlanned,
		Target: directory.Range{Start: at, Shard: shard, Sub: directory.NewSubID(c, at)}}
	err = s.dir.Root().Update(ctx, func(tx meta.Txn) error {
		if _, err := tx.Get(directory.SplitKey(c.ID)); err == nil {
			return strata.Errorf(op, strata.Conflict, "bucket %q is being split", name)
		} else if !strata.Is(err, strata.NotExist) {
			return err
		}
		return putJournal(tx, c.ID, j)
	})
	if err != nil {
		return err
	}
	s.log.Info("key range split started", "bucket", name, "at", at, "shard", shard, "sub", j.Target.Sub.String())
	return s.runSplit(ctx, c, j, opts)
}

func putJournal(tx meta.Txn, cid strata.ContainerID, j splitJournal) error {
	b, _ := json.Marshal(j)
	return tx.Set(directory.SplitKey(cid), b)
}

func (s *Service) setStep(ctx context.Context, cid strata.ContainerID, j *splitJournal, step int) error {
	j.Step = step
	return s.dir.Root().Update(ctx, func(tx meta.Txn) error { return putJournal(tx, cid, *j) })
}

// ends reports whether a test asked the split to stop after step.
func (o SplitOptions) ends(step string) bool { return o.StopAfter != nil && o.StopAfter(step) }

// splitRefs returns the source and target ranges of a split.
func (s *Service) splitRefs(c directory.Container, j splitJournal) (src, dst rangeRef, err error) {
	se, err := s.dir.Shard(j.Source.Shard)
	if err != nil {
		return src, dst, err
	}
	de, err := s.dir.Shard(j.Target.Shard)
	if err != nil {
		return src, dst, err
	}
	// Through the volume index: the copies index their fragments in the
	// target, the cleanup drops the source's entries.
	src = rangeRef{e: s.wrapShard(se), m2: c.Meta2Of(j.Source), b: j.Bounds, raw: se}
	dst = rangeRef{e: s.wrapShard(de), m2: c.Meta2Of(j.Target),
		b: directory.Bounds{Start: j.Target.Start, End: j.Bounds.End, Closed: j.Bounds.Closed}, raw: de}
	return src, dst, nil
}

// runSplit takes a journaled split from its step to the end.
func (s *Service) runSplit(ctx context.Context, c directory.Container, j splitJournal, opts SplitOptions) error {
	src, dst, err := s.splitRefs(c, j)
	if err != nil {
		return err
	}
	// The passes after the first compare the keys written since it
	// began (splitnote.go); a resumed split has no note and compares all.
	var note meta.KeyNote
	if j.Step == splitPlanned {
		if err := setFence(ctx, dst, dst.b); err != nil {
			return err
		}
		if opts.ends("planned") {
			return ErrSplitStopped
		}
		if note = noteMoved(ctx, src, dst.b); note != nil {
			defer note.Close()
		}
		dst.tally = &usageTally{} // the target is empty: a fresh sub-container
		if dst.raw != nil {
			w, err := meta.NewBulkWriter(dst.raw)
			if err != nil {
				return err
			}
			if w != nil {
				defer w.Close()
				dst.bulk = &bulkLoad{w: w}
			}
		}
		// Passes while writes go on, each copying what changed during
		// the one before, until one writes less than a batch (at most
		// three): the fenced pass then has little left to write.
		copyStart := time.Now()
		n, err := syncMoved(ctx, src, dst, opts.copyDuty())
		if err != nil {
			return err
		}
		bulk := dst.bulk.ingested()
		dst.bulk = nil // the later passes compare and write few records
		passes, compared := []int{n}, []int{-1}
		for n >= splitBatch && len(passes) < 3 {
			var k int
			if n, k, err = syncPass(ctx, src, dst, note); err != nil {
				return err
			}
			passes, compared = append(passes, n), append(compared, k)
		}
		s.log.Info("key range split copied", "bucket", c.Name, "at", j.Target.Start,
			"records", passes, "compared", compared, "took", time.Since(copyStart).Round(time.Millisecond),
			"bulk", bulk)
		if opts.ends("copied") {
			return ErrSplitStopped
		}
		if err := s.setStep(ctx, c.ID, &j, splitFenced); err != nil {
			return err
		}
	}
	if j.Step == splitFenced {
		fenced := time.Now()
		// Set again on resume: the journal may say fenced while the fence
		// itself was never written.
		if err := setFence(ctx, src, directory.Bounds{Start: j.Bounds.Start, End: j.Target.Start, Closed: true}); err != nil {
			return err
		}
		if opts.ends("fenced") {
			return ErrSplitStopped
		}
		n, compared, err := syncPass(ctx, src, dst, note)
		if err != nil {
			return err
		}
		if err := moveUsage(ctx, src, dst, j.Target.Sub); err != nil {
			return err
		}
		if opts.ends("synced") {
			return ErrSplitStopped
		}
		if err := s.publish(ctx, c, j); err != nil {
			return err
		}
		if err := s.setStep(ctx, c.ID, &j, splitPublished); err != nil {
			return err
		}
		// Writes of the moved keys waited from the fence to here.
		s.log.Info("key range split published", "bucket", c.Name, "at", j.Target.Start,
			"fenced", time.Since(fenced).Round(time.Millisecond), "records", n, "compared", compared)
		if opts.ends("published") {
			return ErrSplitStopped
		}
	}
	if err := sleepCtx(ctx, opts.Grace); err != nil {
		return err
	}
	if err := dropMoved(ctx, src, dst.b); err != nil {
		return err
	}
	s.log.Info("key range split done", "bucket", c.Name, "at", j.Target.Start, "sub", j.Target.Sub.String())
	return s.dir.Root().Update(ctx, func(tx meta.Txn) error { return tx.Delete(directory.SplitKey(c.ID)) })
}

func setFence(ctx context.Context, r rangeRef, b directory.Bounds) error {
	v, _ := json.Marshal(b)
	return r.e.Update(ctx, func(tx meta.Txn) error { return tx.Set(r.m2.Fence(), v) })
}

// defaultCopyDuty is SplitOptions.CopyDuty's default.
const defaultCopyDuty = 0.5

func (o SplitOptions) copyDuty() float64 {
	if o.CopyDuty <= 0 {
		return defaultCopyDuty
	}
	return min(o.CopyDuty, 1) // more than all of its time is all of it
}

// syncMoved makes the target's records equal to the source's moved ones,
// and returns how many records it wrote or deleted. It works duty of its
// time (see SplitOptions.CopyDuty).
func syncMoved(ctx context.Context, src, dst rangeRef, duty float64) (int, error) {
	b := dst.b
	sels, err := movedSelectors(ctx, src, b)
	if err != nil {
		return 0, err
	}
	changed := 0
	for _, sl := range sels {
		n, err := syncKind(ctx, src, dst, sl, b.Start, b.End, b.Closed, duty)
		changed += n
		if err != nil {
			return changed, err
		}
	}
	return changed, nil
}

// dropMoved deletes the moved records from the source, parts first (the
// uploads naming them go with the u/ records).
func dropMoved(ctx context.Context, src rangeRef, b directory.Bounds) error {
	// Pending writes go with their files; hard-link lists stay too, for
	// a link group the split divides (other ranges read their own copy).
	sels, err := movedSelectors(ctx, src, b)
	if err != nil {
		return err
	}
	sels = slices.DeleteFunc(sels, func(sl selector) bool { return sl.kind == "n/" })
	for i := len(sels) - 1; i >= 0; i-- {
		if err := dropKind(ctx, src, sels[i], b.Start, b.End, b.Closed); err != nil {
			return err
		}
	}
	return nil
}

// moveUsage hands the moved versions' usage from the source's counters to
// the target's, and the source's h/ mark (versionmark.go). Both writes
// set values (no increments), so a resumed split writes them again to
// the same effect.
func moveUsage(ctx context.Context, src, dst rangeRef, sub strata.ContainerID) error {
	moved := Usage{RawBytes: map[string]int64{}}
	if t := dst.tally; t != nil && !t.bad {
		moved.Add(t.u, 1)
	} else if err := dst.e.View(ctx, func(r meta.Reader) error { return sumVersions(r, dst.m2, &moved) }); err != nil {
		return err
	}
	_, counted, err := readUsage(ctx, src.e, src.m2)
	if err != nil {
		return err
	}
	// The source's mark, read once the source is fenced and its moved
	// records synced, so none of them changes after the read: a source
	// without the mark (or one of its flags) never held what it marks, nor
	// did the copies. The value is copied as is: it says which flags.
	var mark []byte
	marked := false
	if err := src.e.View(ctx, func(r meta.Reader) error {
		mark, err = r.Get(src.m2.Versioned())
		marked = err == nil
		if strata.Is(err, strata.NotExist) {
			err = nil
		}
		return err
	}); err != nil {
		return err
	}
	b, _ := json.Marshal(moved)
	err = dst.e.Update(ctx, func(tx meta.Txn) error {
		if err := deleteUnder(tx, dst.m2.UsagePrefix()); err != nil {
			return err
		}
		if marked {
			if err := tx.Set(dst.m2.Versioned(), mark); err != nil {
				return err
			}
		}
		if err := tx.Set(dst.m2.UsageSlot(0), b); err != nil {
			return err
		}
		if counted {
			return tx.Set(dst.m2.UsageCounted(), nil)
		}
		return nil
	})
	if err != nil {
		return err
	}
	neg := Usage{RawBytes: map[string]int64{}}
	neg.Add(moved, -1)
	nb, _ := json.Marshal(neg)
	return src.e.Update(ctx, func(tx meta.Txn) error { return tx.Set(src.m2.UsageMoved(sub), nb) })
}

// publish inserts the target into the container's range map.
func (s *Service) publish(ctx context.Context, c directory.Container, j splitJournal) error {
	_, err := s.dir.Update(ctx, c.Name, func(cur *directory.Container) error {
		rs := cur.RangeList()
		for _, r := range rs {
			if r.Sub == j.Target.Sub {
				return nil // published before a crash
			}
		}
		i := cur.Owner(j.Target.Start)
		out := append(append(append([]directory.Range(nil), rs[:i+1]...), j.Target), rs[i+1:]...)
		cur.Ranges = out
		return nil
	})
	return err
}

// resumeSplits finishes or rolls back every journaled split.
func (s *Service) resumeSplits(ctx context.Context, opts SplitOptions) (int, error) {
	var js []splitJournal
	err := s.dir.Root().View(ctx, func(r meta.Reader) error {
		p := directory.SplitPrefix()
		it := r.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			var j splitJournal
			if err := json.Unmarshal(it.Value(), &j); err != nil {
				return strata.E("object.resumeSplits", strata.Corrupt, err)
			}
			js = append(js, j)
		}
		return it.Error()
	})
	if err != nil {
		return 0, err
	}
	for _, j := range js {
		if err := s.resumeSplit(ctx, j, opts); err != nil {
			return 0, err
		}
	}
	return len(js), nil
}

func (s *Service) resumeSplit(ctx context.Context, j splitJournal, opts SplitOptions) error {
	s.dir.Forget(j.Bucket)
	c, err := s.dir.Lookup(ctx, j.Bucket)
	if err != nil {
		return err
	}
	for _, r := range c.RangeList() {
		if r.Sub == j.Target.Sub && j.Step < splitPublished {
			j.Step = splitPublished
		}
	}
	s.log.Info("key range split resumed", "bucket", j.Bucket, "at", j.Target.Start, "step", j.Step)
	if j.Step >= splitFenced {
		return s.runSplit(ctx, c, j, opts)
	}
	// Not fenced yet: no write waited for this split. Roll back: lift any
	// fence, drop the target's copy, forget the journal.
	src, dst, err := s.splitRefs(c, j)
	if err != nil {
		return err
	}
	if err := setFence(ctx, src, j.Bounds); err != nil {
		return err
	}
	all := directory.Bounds{}
	if err := dropMoved(ctx, dst, all); err != nil {
		return err
	}
	err = dst.e.Update(ctx, func(tx meta.Txn) error { return deleteUnder(tx, dst.m2.All()) })
	if err != nil {
		return err
	}
	return s.dir.Root().Update(ctx, func(tx meta.Txn) error { return tx.Delete(directory.SplitKey(c.ID)) })
}

// RangeInfo is one key range of a bucket, as BucketRanges shows it.
type RangeInfo struct {
	Start   string `json:"start"`
	End     string `json:"end,omitempty"` // "": to the last key
	Shard   string `json:"shard"`
	Sub     string `json:"sub"`
	Objects int64  `json:"objects"`         // versions, by the range's counters
	Split   string `json:"split,omitempty"` // a split in progress: its key and step
}

// BucketRanges returns a bucket's key ranges, read from meta1 (not the
// cache), with the split in progress if any.
func (s *Service) BucketRanges(ctx context.Context, name string) ([]RangeInfo, error) {
	s.dir.Forget(name)
	c, parts, err := s.rangesOf(ctx, name)
	if err != nil {
		return nil, err
	}
	var j *splitJournal
	err = s.dir.Root().View(ctx, func(r meta.Reader) error {
		b, err := r.Get(directory.SplitKey(c.ID))
		if strata.Is(err, strata.NotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		j = &splitJournal{}
		if err := json.Unmarshal(b, j); err != nil {
			return strata.E("object.BucketRanges", strata.Corrupt, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]RangeInfo, len(parts))
	for i, r := range c.RangeList() {
		u, _, err := readUsage(ctx, parts[i].e, parts[i].m2)
		if err != nil {
			return nil, err
		}
		out[i] = RangeInfo{Start: r.Start, End: parts[i].b.End, Shard: r.Shard, Sub: r.Sub.String(), Objects: u.Objects}
		if j != nil && j.Source.Sub == r.Sub {
			out[i].Split = fmt.Sprintf("at %q to shard %s: %s", j.Target.Start, j.Target.Shard,
				[...]string{"", "copying", "fenced", "published"}[j.Step])
		}
	}
	return out, nil
}

// SetSplitOptions sets the options of splits asked through SplitBucket.
func (s *Service) SetSplitOptions(o SplitOptions) { s.splitOpts.Store(&o) }

// SplitBucket splits a bucket's range owning key at, at that key; with at
// "", the range holding the most versions at its median key. It returns
// the split key. It waits for a split already running to end.
func (s *Service) SplitBucket(ctx context.Context, name, at string) (string, error) {
	err := s.exclusive(ctx, true, func(ctx context.Context) error {
		var err error
		at, err = s.splitBucket(ctx, name, at)
		return err
	})
	return at, err
}

func (s *Service) splitBucket(ctx context.Context, name, at string) (string, error) {
	opts := SplitOptions{Grace: 10 * time.Second}
	if o := s.splitOpts.Load(); o != nil {
		opts = *o
	}
	if at == "" {
		_, parts, err := s.rangesOf(ctx, name)
		if err != nil {
			return "", err
		}
		most := int64(-1)
		for _, p := range parts {
			u, _, err := readUsage(ctx, p.e, p.m2)
			if err != nil {
				return "", err
			}
			if u.Objects > most {
				if k, err := medianKey(ctx, p); err == nil && k != "" {
					most, at = u.Objects, k
				}
			}
		}
		if at == "" {
			return "", strata.Errorf("object.SplitBucket", strata.Invalid, "bucket %q has no range to split", name)
		}
	}
	return at, s.splitRange(ctx, name, at, opts)
}
