package object

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/lifecycle"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// LifecycleConfigName is the bucket configuration document holding the
// S3 lifecycle configuration.
const LifecycleConfigName = "lifecycle"

// LifecycleOptions tunes a lifecycle pass.
type LifecycleOptions struct {
	// Day is the length of a lifecycle day (0: S3 days, from midnight
	// UTC); the server's --lifecycle-day.
	Day time.Duration
	// Rate bounds the actions per second (0: no bound), so that a pass
	// after a long outage does not starve client traffic.
	Rate int64
	// Capacity, if set, is the share of the cluster's capacity free for
	// background work now (0..1, from the conscience's scores); the rate
	// is scaled by it, re-read at most once a second.
	Capacity func(ctx context.Context) float64
	// Now is the pass's clock (nil: time.Now).
	Now func() time.Time
}

// LifecycleReport counts what a lifecycle pass did.
type LifecycleReport struct {
	Buckets        int64   `json:"buckets"`        // buckets with a lifecycle configuration
	Visited        int64   `json:"visited"`        // index entries read
	Expired        int64   `json:"expired"`        // versions removed
	Markers        int64   `json:"delete_markers"` // delete markers placed by expiration
	MarkersRemoved int64   `json:"delete_markers_removed"`
	Transitioned   int64   `json:"transitioned"`
	Aborted        int64   `json:"uploads_aborted"`
	Locked         int64   `json:"locked"`     // due but under retention or legal hold: kept
	Backfilled     int64   `json:"backfilled"` // index entries written for versions older than the index
	Failed         int64   `json:"failed"`     // actions that failed; retried by the next passes
	Seconds        float64 `json:"seconds"`
}

// lcBatch is how many index entries a pass reads per snapshot, and how
// often it saves a task's cursor: a pass stopped midway resumes there.
const lcBatch = 256

// lcSettle keeps scans this far behind now (see lcRun.settle).
const lcSettle = time.Second

// lcState is the scanner's state in a bucket (meta2 y/s).
type lcState struct {
	Hash    string            `json:"h"`           // the configuration the cursors belong to
	Indexed bool              `json:"i,omitempty"` // versions older than the index were backfilled
	Cursors map[string][]byte `json:"c,omitempty"` // task ID -> last index entry applied
	// Retry holds, per scan, the entries whose action failed (a conflict
	// with a concurrent write, a service down): the cursor moves on, and
	// the next passes try them again, up to lcMaxRetry times.
	Retry map[string][]lcRetry `json:"r,omitempty"`
}

// lcRetry is an entry to try again.
type lcRetry struct {
	Entry []byte `json:"e"`
	Tries int    `json:"n"`
}

// lcMaxRetry bounds the passes that retry a failing action; the
// failures stay in the log. lcMaxRetries bounds the retry list of a scan.
const (
	lcMaxRetry   = 24
	lcMaxRetries = 1000
)

// Lifecycle runs one lifecycle pass over every bucket that has a
// lifecycle configuration. Each task of each rule reads only the index
// entries between its cursor and the age it acts at. Cursors are saved as
// it goes, so a pass that stops resumes; actions are idempotent.
func (s *Service) Lifecycle(ctx context.Context, opts LifecycleOptions) (LifecycleReport, error) {
	start := time.Now()
	var rep LifecycleReport
	if opts.Now == nil {
		opts.Now = time.Now
	}
	run := &lcRun{s: s, opts: opts, rep: &rep, clk: lifecycle.Clock{Day: opts.Day},
		pace: &pacer{rate: opts.Rate, start: start}, base: opts.Rate}
	for _, acct := range s.dir.Accounts(ctx) {
		buckets, err := s.ListBuckets(ctx, acct)
		if err != nil {
			return rep, err
		}
		for _, b := range buckets {
			if err := run.bucket(ctx, b.Name); err != nil && !strata.Is(err, strata.NotExist) {
				return rep, err
			}
		}
	}
	rep.Seconds = time.Since(start).Seconds()
	if rep.Visited > 0 || rep.Backfilled > 0 {
		s.log.Info("lifecycle pass done", "buckets", rep.Buckets, "visited", rep.Visited, "expired", rep.Expired,
			"delete_markers", rep.Markers, "transitioned", rep.Transitioned, "aborted", rep.Aborted, "locked", rep.Locked)
	}
	return rep, nil
}

// lcRun is one pass.
type lcRun struct {
	s    *Service
	opts LifecycleOptions
	clk  lifecycle.Clock
	rep  *LifecycleReport
	pace *pacer
	base int64     // opts.Rate, before scaling by capacity
	tune time.Time // when the rate was last scaled
}

// lcBucket is one bucket of a pass.
type lcBucket struct {
	c       directory.Container
	e       meta.Engine
	m2      directory.Meta2
	markers []lifecycle.Task // the tasks that remove expired object delete markers
}

func (r *lcRun) bucketRange(ctx context.Context, name string, c directory.Container, e meta.Engine, m2 directory.Meta2, doc []byte) error {
	var stateDoc []byte
	err := e.View(ctx, func(rd meta.Reader) error {
		var err error
		stateDoc, err = rd.Get(m2.LCState())
		if strata.Is(err, strata.NotExist) {
			err = nil
		}
		return err
	})
	if err != nil {
		return err
	}
	cfg, err := lifecycle.Parse(doc)
	if err != nil {
		r.s.log.Warn("lifecycle configuration unreadable", "bucket", name, "err", err)
		return nil
	}
	r.rep.Buckets++
	var st lcState
	if len(stateDoc) > 0 {
		if err := json.Unmarshal(stateDoc, &st); err != nil {
			return strata.E("object.Lifecycle", strata.Corrupt, err)
		}
	}
	b := &lcBucket{c: c, e: e, m2: m2}
	if !st.Indexed {
		if err := r.backfill(ctx, b); err != nil {
			return err
		}
		st.Indexed = true
	}
	sum := sha256.Sum256(doc)
	if h := hex.EncodeToString(sum[:]); h != st.Hash {
		// A new configuration: every task starts from the beginning, once.
		st.Hash, st.Cursors, st.Retry = h, nil, nil
	}
	if st.Cursors == nil {
		st.Cursors = map[string][]byte{}
	}
	if err := r.saveState(ctx, b, &st); err != nil {
		return err
	}
	tasks := cfg.Tasks()
	for _, t := range tasks {
		if t.RemovesMarkers() {
			b.markers = append(b.markers, t)
		}
	}
	for _, t := range tasks {
		if err := r.task(ctx, b, &st, t); err != nil {
			return err
		}
	}
	return r.trimTouched(ctx, b, &st, tasks)
}

func (r *lcRun) saveState(ctx context.Context, b *lcBucket, st *lcState) error {
	doc, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return b.e.Update(ctx, func(tx meta.Txn) error { return tx.Set(b.m2.LCState(), doc) })
}

// task applies one task to the index entries between its cursor and its
// age, and a tag-filtered task also to the versions whose tags changed
// since its last pass.
func (r *lcRun) task(ctx context.Context, b *lcBucket, st *lcState, t lifecycle.Task) error {
	now := r.opts.Now()
	upto, ok := t.Upto(r.clk, now)
	if !ok {
		return nil
	}
	settled := now.Add(-r.settle())
	upto = minTime(upto, settled)
	prefix := b.m2.LCCreatedPrefix()
	if t.Kind == lifecycle.AbortUpload {
		prefix = b.m2.LCUploadPrefix()
	}
	if err := r.scan(ctx, b, st, t, t.ID, prefix, upto, now); err != nil {
		return err
	}
	if !watchesTags(t) {
		return nil
	}
	return r.scan(ctx, b, st, t, t.ID+"/t", b.m2.LCTouchedPrefix(), settled, now)
}

// settle is how far behind now scans stay, so that a commit that took its
// time just before now, and is not yet visible, is not skipped.
func (r *lcRun) settle() time.Duration {
	if d := r.opts.Day / 4; d > 0 && d < lcSettle {
		return d // a shortened day: keep rules acting within it
	}
	return lcSettle
}

// watchesTags reports whether a task reads the tag-change index: it
// filters by tags, on versions that exist (not uploads or markers).
func watchesTags(t lifecycle.Task) bool {
	return len(t.Filter.Tags) > 0 && t.Kind != lifecycle.AbortUpload && t.Kind != lifecycle.ExpireMarker
}

func minTime(a, b time.Time) time.Time {
	if a.After(b) {
		return b
	}
	return a
}

// scan applies t to the entries under prefix after cursor st.Cursors[id]
// and up to upto, lcBatch at a time, saving the cursor after each batch.
func (r *lcRun) scan(ctx context.Context, b *lcBucket, st *lcState, t lifecycle.Task, id string, prefix []byte, upto, now time.Time) error {
	if err := r.retry(ctx, b, st, t, id, now); err != nil {
		return err
	}
	end := binary.BigEndian.AppendUint64(bytes.Clone(prefix), uint64(upto.UnixNano()+1))
	for {
		cursor := st.Cursors[id]
		from := append(bytes.Clone(prefix), cursor...)
		var entries [][]byte
		err := b.e.View(ctx, func(rd meta.Reader) error {
			entries = nil
			it := rd.Iter(from, end)
			defer it.Close()
			for ok := it.First(); ok && len(entries) < lcBatch; ok = it.Next() {
				k := it.Key()[len(prefix):]
				if bytes.Equal(k, cursor) {
					continue
				}
				entries = append(entries, bytes.Clone(k))
			}
			return it.Error()
		})
		if err != nil {
			return err
		}
		for _, entry := range entries {
			if err := ctx.Err(); err != nil {
				return err
			}
			r.rep.Visited++
			if err := r.entry(ctx, b, t, entry, now); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				r.failed(b, st, t, id, lcRetry{Entry: entry}, err)
			}
		}
		if len(entries) < lcBatch {
			// The window is done: the next pass starts after upto.
			st.Cursors[id] = end[len(prefix):]
			return r.saveState(ctx, b, st)
		}
		st.Cursors[id] = entries[len(entries)-1]
		if err := r.saveState(ctx, b, st); err != nil {
			return err
		}
	}
}

// failed counts a failed action and keeps its entry for the next passes.
func (r *lcRun) failed(b *lcBucket, st *lcState, t lifecycle.Task, id string, e lcRetry, err error) {
	r.rep.Failed++
	r.s.log.Warn("lifecycle action failed", "bucket", b.c.Name, "task", t.ID, "tries", e.Tries+1, "err", err)
	if e.Tries+1 >= lcMaxRetry || len(st.Retry[id]) >= lcMaxRetries {
		return
	}
	if st.Retry == nil {
		st.Retry = map[string][]lcRetry{}
	}
	e.Tries++
	st.Retry[id] = append(st.Retry[id], e)
}

// retry tries again the entries of scan id whose action failed before.
func (r *lcRun) retry(ctx context.Context, b *lcBucket, st *lcState, t lifecycle.Task, id string, now time.Time) error {
	list := st.Retry[id]
	if len(list) == 0 {
		return nil
	}
	delete(st.Retry, id)
	for _, e := range list {
		if err := r.entry(ctx, b, t, e.Entry, now); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			r.failed(b, st, t, id, e, err)
		}
	}
	return r.saveState(ctx, b, st)
}

// trimTouched removes the tag-change entries every tag-filtered task has
// read (all of them, up to the settled time, when no task filters by tags:
// a new configuration starts from the creation index anyway).
func (r *lcRun) trimTouched(ctx context.Context, b *lcBucket, st *lcState, tasks []lifecycle.Task) error {
	prefix := b.m2.LCTouchedPrefix()
	bound := binary.BigEndian.AppendUint64(nil, uint64(r.opts.Now().Add(-r.settle()).UnixNano()))
	for _, t := range tasks {
		if !watchesTags(t) {
			continue
		}
		c, ok := st.Cursors[t.ID+"/t"]
		if !ok {
			return nil // not read yet
		}
		if bytes.Compare(c, bound) < 0 {
			bound = c
		}
	}
	end := append(bytes.Clone(prefix), bound...)
	var keys [][]byte
	err := b.e.View(ctx, func(rd meta.Reader) error {
		keys = nil
		it := rd.Iter(prefix, end)
		defer it.Close()
		for ok := it.First(); ok && len(keys) < 10000; ok = it.Next() {
			keys = append(keys, bytes.Clone(it.Key()))
		}
		return it.Error()
	})
	if err != nil || len(keys) == 0 {
		return err // most passes: nothing to write
	}
	return b.e.Update(ctx, func(tx meta.Txn) error {
		for _, k := range keys {
			if err := tx.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
}

// backfill writes the index entries of the versions and uploads a bucket
// had before the index existed: one listing, once per bucket.
func (r *lcRun) backfill(ctx context.Context, b *lcBucket) error {
	for _, prefix := range [][]byte{b.m2.VersionPrefix(), b.m2.UploadPrefix()} {
		from := prefix
		for {
			var keys [][]byte
			var last []byte
			err := b.e.View(ctx, func(rd meta.Reader) error {
				keys, last = nil, nil
				it := rd.Iter(from, meta.PrefixEnd(prefix))
				defer it.Close()
				for ok := it.First(); ok && len(keys) < 1000; ok = it.Next() {
					last = bytes.Clone(it.Key())
					k, err := r.indexKeyOf(b.m2, prefix, it.Value())
					if err != nil {
						return err
					}
					keys = append(keys, k)
				}
				return it.Error()
			})
			if err != nil {
				return err
			}
			if len(keys) > 0 {
				err = b.e.Update(ctx, func(tx meta.Txn) error {
					for _, k := range keys {
						if err := tx.Set(k, nil); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					return err
				}
				r.rep.Backfilled += int64(len(keys))
			}
			if len(keys) < 1000 {
				break
			}
			from = append(last, 0)
		}
	}
	return nil
}

// indexKeyOf is the index entry of a stored version or upload record.
func (r *lcRun) indexKeyOf(m2 directory.Meta2, prefix, val []byte) ([]byte, error) {
	if bytes.Equal(prefix, m2.UploadPrefix()) {
		var u uploadRecord
		if err := json.Unmarshal(val, &u); err != nil {
			return nil, strata.E("object.Lifecycle", strata.Corrupt, err)
		}
		return m2.LCUpload(u.Upload.Initiated.UnixNano(), u.Upload.Key, u.Upload.UploadID), nil
	}
	rec, err := decodeRecord(val)
	if err != nil {
		return nil, err
	}
	return m2.LCCreated(rec.Nanos, rec.Info.Key, rec.Info.VersionID), nil
}
