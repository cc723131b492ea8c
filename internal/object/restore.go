package object

import (
	"context"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// RestoreStatus is the restore state of a version of an archive class
// (GLACIER, DEEP_ARCHIVE): a restore request starts a copy of its data to
// readable chunks, and the copy is dropped again at Expiry.
type RestoreStatus struct {
	Ongoing   bool      `json:"ongoing"`         // the copy is being made
	Expiry    time.Time `json:"expiry,omitzero"` // when the readable copy is dropped (set once done)
	Days      int       `json:"days,omitempty"`  // as asked by the last request
	Tier      string    `json:"tier,omitempty"`  // Expedited, Standard or Bulk (all run the same here)
	Requested time.Time `json:"requested,omitzero"`
}

// Restored reports whether a readable copy exists.
func (r *RestoreStatus) Restored() bool { return r != nil && !r.Ongoing && !r.Expiry.IsZero() }

// RestoreResult says what RestoreObject did.
type RestoreResult struct {
	// Started is true when a new restore was queued (S3: 202 Accepted);
	// false when a restored copy existed and its expiry was moved (200).
	Started bool
	Expiry  time.Time // the new expiry, when !Started
}

// errArchived is the cause of a read of an archived version that has no
// restored copy; the S3 gateway answers 403 InvalidObjectState.
const errArchived = "InvalidObjectState: The operation is not valid for the object's storage class"

// archiveState is the Service's share of the archive worker.
type archiveState struct {
	mu   sync.Mutex
	day  time.Duration // a restore "day" (0 = 24h rounded to midnight UTC, as S3)
	poke chan struct{} // a restore was queued on this gateway
	// paused: RunRestores does nothing (maintenance; tests that look at
	// a restore in progress).
	paused bool
	tiers  Tiers // remote tiers (tier.go)
	// Buckets with restore work (restorehint.go): queued on this gateway
	// since the last pass, and when the last pass visited every bucket.
	queued   map[string]bool
	lastFull time.Time
}

// PauseRestores stops (true) or resumes (false) this gateway's restore
// passes; queued requests wait, recorded, until a pass runs.
func (s *Service) PauseRestores(pause bool) {
	s.archive.mu.Lock()
	s.archive.paused = pause
	s.archive.mu.Unlock()
	if !pause {
		s.pokeRestore()
	}
}

func (s *Service) restoresPaused() bool {
	s.archive.mu.Lock()
	defer s.archive.mu.Unlock()
	return s.archive.paused
}

// SetRestoreDay shortens a restore day (tests, as Ceph's
// rgw_lc_debug_interval): a restore for N days then lasts N*day, with no
// rounding to midnight. 0 restores S3's real days.
func (s *Service) SetRestoreDay(d time.Duration) {
	s.archive.mu.Lock()
	s.archive.day = d
	s.archive.mu.Unlock()
}

func (s *Service) restoreDay() time.Duration {
	s.archive.mu.Lock()
	defer s.archive.mu.Unlock()
	return s.archive.day
}

// RestoreQueued signals (coalesced) when this gateway queued a restore,
// so the worker starts at once rather than at its next tick.
func (s *Service) RestoreQueued() <-chan struct{} { return s.restorePoke() }

func (s *Service) restorePoke() chan struct{} {
	s.archive.mu.Lock()
	defer s.archive.mu.Unlock()
	if s.archive.poke == nil {
		s.archive.poke = make(chan struct{}, 1)
	}
	return s.archive.poke
}

func (s *Service) pokeRestore() {
	ch := s.restorePoke()
	select {
	case ch <- struct{}{}:
	default:
	}
}

// restoreExpiry is when a copy restored at now for days ends: S3 rounds
// up to the next midnight UTC; a shortened day only to the second (the
// precision of x-amz-restore).
func (s *Service) restoreExpiry(now time.Time, days int) time.Time {
	if d := s.restoreDay(); d > 0 {
		return now.Add(time.Duration(days) * d).Truncate(time.Second)
	}
	t := now.UTC().Add(time.Duration(days) * 24 * time.Hour)
	return t.Truncate(24 * time.Hour).Add(24 * time.Hour)
}

// readable returns the record a data read uses: rec itself, or for an
// archived version its restored copy; an archived version with no copy is
// refused (strata.Permission, cause InvalidObjectState).
func readable(rec *record) (*record, error) {
	if !IsArchiveClass(rec.Info.StorageClass) {
		return rec, nil
	}
	if !rec.Info.Restore.Restored() {
		return rec, strata.Errorf("object.Get", strata.Permission, errArchived)
	}
	cp := *rec
	cp.Content = rec.Restored
	return &cp, nil
}

// owned is every segment whose chunks the version owns: its content and
// its restored copy (freed with the version).
func (r *record) owned() []segment {
	if len(r.Restored) == 0 {
		return r.Content
	}
	return append(append([]segment(nil), r.Content...), r.Restored...)
}

// RestoreObject asks for a temporary readable copy of an archived version
// for days days. The request is recorded in the version's commit (with
// its s3:ObjectRestore:Post event) and a worker makes the copy (see
// RunRestores). Errors: Permission "InvalidObjectState" if the version is
// not of an archive class, Conflict "RestoreAlreadyInProgress" while a
// copy is being made, NotExist, Invalid for a delete marker.
func (s *Service) RestoreObject(ctx context.Context, bucket, key, versionID string, days int, tier string) (RestoreResult, error) {
	const op = "object.RestoreObject"
	if days < 1 {
		return RestoreResult{}, strata.Errorf(op, strata.Invalid, "InvalidArgument: Days must be at least 1")
	}
	_, e, m2, err := s.bucketKey(ctx, bucket, key)
	if err != nil {
		return RestoreResult{}, err
	}
	var res RestoreResult
	err = e.Update(ctx, func(tx meta.Txn) error {
		res = RestoreResult{}
		rec, k, err := findForUpdate(tx, m2, key, versionID)
		if err != nil {
			return err
		}
		if !IsArchiveClass(rec.Info.StorageClass) {
			return strata.Errorf(op, strata.Permission, "InvalidObjectState: Restore is not allowed for the object's current storage class")
		}
		st := rec.Info.Restore
		switch {
		case st != nil && st.Ongoing:
			return strata.Errorf(op, strata.Conflict, "RestoreAlreadyInProgress: Object restore is already in progress")
		case st.Restored():
			// Extend: the copy stays; only its due date moves.
			if err := tx.Delete(m2.RestoreExpiry(st.Expiry.UnixNano(), key, rec.Info.VersionID)); err != nil {
				return err
			}
			st.Expiry, st.Days, st.Tier = s.restoreExpiry(time.Now(), days), days, tier
			res.Expiry = st.Expiry
			if err := tx.Set(m2.RestoreExpiry(st.Expiry.UnixNano(), key, rec.Info.VersionID), nil); err != nil {
				return err
			}
			return putRecord(tx, m2, k, rec)
		}
		res.Started = true
		rec.Info.Restore = &RestoreStatus{Ongoing: true, Days: days, Tier: tier, Requested: time.Now().UTC()}
		if err := tx.Set(m2.RestorePending(key, rec.Info.VersionID), nil); err != nil {
			return err
		}
		if err := noteEvent(tx, m2, objectEvent(event.ObjectRestorePost, &rec.Info, nil)); err != nil {
			return err
		}
		return putRecord(tx, m2, k, rec)
	})
	if err == nil {
		s.hintArchive(ctx, bucket)
	}
	if err == nil && res.Started {
		s.pokeRestore()
	}
	return res, err
}

// findForUpdate finds the version a request names ("" = the current one)
// and its version key, refusing delete markers.
func findForUpdate(tx meta.Reader, m2 directory.Meta2, key, versionID string) (*record, []byte, error) {
	const op = "object.restore"
	if versionID == "" {
		rec, err := getRecord(tx, m2.Current(key))
		if strata.Is(err, strata.NotExist) {
			return nil, nil, strata.Errorf(op, strata.NotExist, "NoSuchKey: the specified key does not exist")
		}
		if err != nil {
			return nil, nil, err
		}
		return rec, m2.Version(key, rec.Nanos, rec.Info.VersionID), nil
	}
	rec, k, err := findVersion(tx, m2, key, versionID)
	if err != nil {
		return nil, nil, err
	}
	if rec.Info.DeleteMarker {
		return nil, nil, strata.E(op, strata.Invalid, ErrDeleteMarker)
	}
	return rec, k, nil
}

// putRecord writes a changed version under its version key and, when it
// is the current version, under the current key too.
func putRecord(tx meta.Txn, m2 directory.Meta2, k []byte, rec *record) error {
	b := encodeRecord(rec)
	if err := tx.Set(k, b); err != nil {
		return err
	}
	if cur, err := getRecord(tx, m2.Current(rec.Info.Key)); err == nil && cur.Nanos == rec.Nanos {
		return tx.Set(m2.Current(rec.Info.Key), b)
	}
	return nil
}
