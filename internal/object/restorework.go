package object

import (
	"bytes"
	"context"
	"encoding/binary"
	"time"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// RestoreReport says what a restore pass did.
type RestoreReport struct {
	Restored int64 `json:"restored"` // copies made
	Expired  int64 `json:"expired"`  // copies dropped at their expiry
	Dropped  int64 `json:"dropped"`  // queue entries whose version is gone or changed
	Bytes    int64 `json:"bytes"`    // bytes copied
	Buckets  int64 `json:"buckets"`  // buckets visited
	// RemoteDeleted counts remote tier objects deleted on a retry.
	RemoteDeleted int `json:"remote_deleted"`
}

// RunRestores is one pass of the archive worker: it makes the readable
// copies that restore requests queued, and drops the copies whose expiry
// has passed. It visits the buckets marked as having restore work (and
// every bucket every few minutes, see restorehint.go), and in each reads
// only what is queued or due. It runs on one gateway at a time (the server runs it
// as an exclusive job); a pass cut short leaves its queue entries for the
// next one.
func (s *Service) RunRestores(ctx context.Context) (RestoreReport, error) {
	var rep RestoreReport
	if s.restoresPaused() {
		return rep, nil
	}
	start := time.Now()
	buckets, marked, err := s.archiveBuckets(ctx)
	if err != nil {
		return rep, err
	}
	for _, b := range buckets {
		rep.Buckets++
		idle, err := s.restoreBucket(ctx, b, &rep)
		if strata.Is(err, strata.NotExist) {
			idle, err = true, nil // the bucket is gone
		}
		if err != nil {
			return rep, err
		}
		if idle && marked[b] {
			if err := s.unhintArchive(ctx, b, start); err != nil {
				return rep, err
			}
		}
	}
	n, err := s.RetryRemoteDeletes(ctx)
	rep.RemoteDeleted = n
	if err != nil {
		return rep, err
	}
	if rep.Restored+rep.Expired+int64(rep.RemoteDeleted) > 0 {
		s.log.Info("archive pass done", "restored", rep.Restored, "expired", rep.Expired, "bytes", rep.Bytes, "remote_deleted", rep.RemoteDeleted)
	}
	return rep, nil
}

// restoreBucket does one bucket's queued restores and due expiries.
// idle reports that the bucket had no restore work at all when the pass
// read its queues (nothing queued, no restored copy).
func (s *Service) restoreRange(ctx context.Context, c directory.Container, e meta.Engine, m2 directory.Meta2, rep *RestoreReport) (idle bool, err error) {
	now := time.Now()
	var pending, due [][]byte
	restored := false
	err = e.View(ctx, func(r meta.Reader) error {
		pending, err = keysUnder(r, m2.RestorePendingPrefix(), nil)
		if err != nil {
			return err
		}
		// The due index is ordered by expiry: stop at now.
		var stop [8]byte
		binary.BigEndian.PutUint64(stop[:], uint64(now.UnixNano())+1)
		due, err = keysUnder(r, m2.RestoreExpiryPrefix(), append(m2.RestoreExpiryPrefix(), stop[:]...))
		if err != nil {
			return err
		}
		it := r.Iter(m2.RestoreExpiryPrefix(), meta.PrefixEnd(m2.RestoreExpiryPrefix()))
		defer it.Close()
		restored = it.First()
		return it.Error()
	})
	if err != nil {
		return false, err
	}
	idle = len(pending) == 0 && !restored
	for _, entry := range pending {
		key, vid, ok := bytes.Cut(bytes.TrimPrefix(m2.Strip(entry), []byte("p/")), []byte{0})
		if !ok {
			continue
		}
		if err := s.restoreOne(ctx, c, e, m2, entry, string(key), string(vid), rep); err != nil {
			return false, err
		}
	}
	for _, entry := range due {
		rest := bytes.TrimPrefix(m2.Strip(entry), []byte("e/"))
		if len(rest) < 8 {
			continue
		}
		key, vid, ok := bytes.Cut(rest[8:], []byte{0})
		if !ok {
			continue
		}
		if err := s.expireOne(ctx, e, m2, entry, string(key), string(vid), now, rep); err != nil {
			return false, err
		}
	}
	return idle, nil
}

// keysUnder lists the keys from prefix up to end (nil: the whole prefix).
func keysUnder(r meta.Reader, prefix, end []byte) ([][]byte, error) {
	if end == nil {
		end = meta.PrefixEnd(prefix)
	}
	var out [][]byte
	it := r.Iter(prefix, end)
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		out = append(out, bytes.Clone(it.Key()))
	}
	return out, it.Error()
}

// restoreOne copies one queued version's stored bytes (as stored: an
// encrypted version's copy stays encrypted under the same keys) into
// chunks of the bucket's default placement, then commits the copy if the
// version still waits for it.
func (s *Service) restoreOne(ctx context.Context, c directory.Container, e meta.Engine, m2 directory.Meta2, entry []byte, key, vid string, rep *RestoreReport) error {
	var rec *record
	err := e.View(ctx, func(r meta.Reader) error {
		var err error
		rec, _, err = findVersion(r, m2, key, vid)
		return err
	})
	if strata.Is(err, strata.NotExist) || (err == nil && (rec.Info.Restore == nil || !rec.Info.Restore.Ongoing)) {
		rep.Dropped++
		return e.Update(ctx, func(tx meta.Txn) error { return tx.Delete(entry) })
	}
	if err != nil {
		return err
	}
	size := contentSize(rec.Content)
	src := &contentReader{ctx: ctx, s: s, content: rec.Content, end: size}
	ref := blob.BackRef{Container: c.ID.String(), Object: key, Version: vid, Position: "restore"}
	w, err := s.writeData(ctx, c, ref, src, size, "")
	if err != nil {
		return err
	}
	var garbage []segment
	committed := false
	err = e.Update(ctx, func(tx meta.Txn) error {
		garbage, committed = nil, false
		cur, k, err := findVersion(tx, m2, key, vid)
		if strata.Is(err, strata.NotExist) {
			return tx.Delete(entry)
		}
		if err != nil {
			return err
		}
		st := cur.Info.Restore
		if cur.Nanos != rec.Nanos || st == nil || !st.Ongoing {
			return tx.Delete(entry)
		}
		garbage = cur.Restored
		cur.Restored = w.content
		st.Ongoing = false
		st.Expiry = s.restoreExpiry(time.Now(), st.Days).UTC()
		if err := tx.Set(m2.RestoreExpiry(st.Expiry.UnixNano(), key, vid), nil); err != nil {
			return err
		}
		if err := tx.Delete(entry); err != nil {
			return err
		}
		if err := noteEvent(tx, m2, objectEvent(event.ObjectRestoreCompleted, &cur.Info, nil)); err != nil {
			return err
		}
		committed = true
		return putRecord(tx, m2, k, cur)
	})
	if err != nil || !committed {
		s.deleteContent(context.WithoutCancel(ctx), w.content)
		if err == nil {
			rep.Dropped++
		}
		return err
	}
	s.deleteContent(context.WithoutCancel(ctx), garbage)
	rep.Restored++
	rep.Bytes += w.size
	return nil
}

// expireOne drops a restored copy whose expiry has passed: the version is
// archived again, and its copy's chunks are freed after the commit.
func (s *Service) expireOne(ctx context.Context, e meta.Engine, m2 directory.Meta2, entry []byte, key, vid string, now time.Time, rep *RestoreReport) error {
	var garbage []segment
	expired := false
	err := e.Update(ctx, func(tx meta.Txn) error {
		garbage, expired = nil, false
		if err := tx.Delete(entry); err != nil {
			return err
		}
		rec, k, err := findVersion(tx, m2, key, vid)
		if strata.Is(err, strata.NotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		st := rec.Info.Restore
		if !st.Restored() || st.Expiry.After(now) {
			return nil // extended meanwhile: its new entry is later in the index
		}
		garbage, expired = rec.Restored, true
		rec.Restored, rec.Info.Restore = nil, nil
		if err := noteEvent(tx, m2, objectEvent(event.ObjectRestoreDelete, &rec.Info, nil)); err != nil {
			return err
		}
		return putRecord(tx, m2, k, rec)
	})
	if err != nil {
		return err
	}
	if expired {
		rep.Expired++
		s.deleteContent(context.WithoutCancel(ctx), garbage)
	}
	return nil
}
