package object

import (
	"context"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/lifecycle"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// entry applies task t to one index entry: a version created (or, for
// noncurrent tasks, the version that made its predecessors noncurrent),
// or an upload initiated.
func (r *lcRun) entry(ctx context.Context, b *lcBucket, t lifecycle.Task, entry []byte, now time.Time) error {
	_, key, id, ok := directory.LCParse(entry)
	if !ok || !strings.HasPrefix(key, t.Filter.Prefix) {
		// The prefix is in the entry: versions outside it cost no read.
		return nil
	}
	switch t.Kind {
	case lifecycle.AbortUpload:
		return r.abort(ctx, b, t, key, id, now)
	case lifecycle.ExpireCurrent, lifecycle.ExpireMarker, lifecycle.TransitionCurrent:
		return r.current(ctx, b, t, key, id, now)
	default:
		return r.noncurrent(ctx, b, t, key, now)
	}
}

// keyVersions reads every version of key, newest first, and what a task
// sees of each.
func keyVersions(ctx context.Context, b *lcBucket, key string) ([]*record, []lifecycle.Version, error) {
	var recs []*record
	err := b.e.View(ctx, func(rd meta.Reader) error {
		recs = nil
		return scanVersions(rd, b.m2, key, func(rec *record) bool {
			recs = append(recs, rec)
			return false
		})
	})
	if err != nil {
		return nil, nil, err
	}
	vs := make([]lifecycle.Version, len(recs))
	for i, rec := range recs {
		v := lifecycle.Version{Key: key, Size: rec.Info.Size, Tags: rec.Info.Tags, Created: rec.modified(),
			DeleteMarker: rec.Info.DeleteMarker, StorageClass: rec.Info.StorageClass, Sole: len(recs) == 1}
		if i == 0 {
			v.Current = !rec.Info.DeleteMarker
		} else {
			v.NoncurrentSince, v.NewerNoncurrent = recs[i-1].modified(), i-1
		}
		vs[i] = v
	}
	return recs, vs, nil
}

// current applies a task on current versions (or a sole delete marker)
// to version id of key, if that is still the latest.
func (r *lcRun) current(ctx context.Context, b *lcBucket, t lifecycle.Task, key, id string, now time.Time) error {
	recs, vs, err := keyVersions(ctx, b, key)
	if err != nil || len(recs) == 0 || recs[0].Info.VersionID != id || !t.Due(vs[0], r.clk, now) {
		return err
	}
	rec := recs[0]
	r.pace.wait(1)
	switch t.Kind {
	case lifecycle.TransitionCurrent:
		return r.transition(ctx, b, rec, t.Class)
	}
	if rec.Info.DeleteMarker {
		return r.remove(ctx, b, rec, now) // an expired object delete marker
	}
	if b.c.Versioning == "" {
		return r.remove(ctx, b, rec, now)
	}
	// Versioned: the expired version becomes noncurrent under a delete
	// marker, as a DELETE without a version id does. That removes
	// nothing, so object lock does not stop it.
	var res DeleteResult
	var garbage []segment
	err = b.e.Update(ctx, func(tx meta.Txn) error {
		res, garbage = DeleteResult{}, nil
		latest, err := latestVersion(tx, b.m2, key)
		if err != nil || latest == nil || latest.Nanos != rec.Nanos {
			return err // changed meanwhile: the new version has its own entry
		}
		return r.s.addDeleteMarker(lifecycleTxn{tx}, b.c, b.m2, key, &res, &garbage, "", "")
	})
	if err != nil {
		return err
	}
	r.s.deleteContent(context.WithoutCancel(ctx), garbage)
	if res.DeleteMarker {
		r.rep.Markers++
	}
	return nil
}

// noncurrent applies a task on noncurrent versions to every version of
// key it finds due.
func (r *lcRun) noncurrent(ctx context.Context, b *lcBucket, t lifecycle.Task, key string, now time.Time) error {
	recs, vs, err := keyVersions(ctx, b, key)
	if err != nil {
		return err
	}
	removed := false
	for i := 1; i < len(recs); i++ {
		if !t.Due(vs[i], r.clk, now) {
			continue
		}
		r.pace.wait(1)
		if t.Kind == lifecycle.TransitionNoncurrent {
			if err := r.transition(ctx, b, recs[i], t.Class); err != nil {
				return err
			}
			continue
		}
		if err := r.remove(ctx, b, recs[i], now); err != nil {
			return err
		}
		removed = true
	}
	if removed && len(b.markers) > 0 {
		return r.soleMarker(ctx, b, key, now)
	}
	return nil
}

// soleMarker removes key's delete marker once it is the key's only
// version, if a rule removing expired object delete markers selects it:
// the marker became expired when the noncurrent versions under it were
// removed.
func (r *lcRun) soleMarker(ctx context.Context, b *lcBucket, key string, now time.Time) error {
	recs, vs, err := keyVersions(ctx, b, key)
	if err != nil || len(recs) != 1 {
		return err
	}
	for _, t := range b.markers {
		if t.Due(vs[0], r.clk, now) {
			return r.remove(ctx, b, recs[0], now)
		}
	}
	return nil
}

// remove deletes one version (or delete marker), unless object lock
// protects it.
func (r *lcRun) remove(ctx context.Context, b *lcBucket, rec *record, now time.Time) error {
	if rec.Info.ObjectLock.Locked(now) {
		r.rep.Locked++
		return nil
	}
	var res DeleteResult
	var garbage []segment
	err := b.e.Update(ctx, func(tx meta.Txn) error {
		res, garbage = DeleteResult{}, nil
		return r.s.deleteVersion(lifecycleTxn{tx}, b.m2, rec.Info.Key, rec.Info.VersionID, &res, &garbage, "")
	})
	switch {
	case strata.Is(err, strata.NotExist):
		return nil // already gone
	case strata.Is(err, strata.Permission):
		r.rep.Locked++ // locked since it was read
		return nil
	case err != nil:
		return err
	}
	r.s.deleteContent(context.WithoutCancel(ctx), garbage)
	if rec.Info.DeleteMarker {
		r.rep.MarkersRemoved++
	} else {
		r.rep.Expired++
	}
	return nil
}

// abort aborts an upload initiated long enough ago.
func (r *lcRun) abort(ctx context.Context, b *lcBucket, t lifecycle.Task, key, id string, now time.Time) error {
	var up *uploadRecord
	err := b.e.View(ctx, func(rd meta.Reader) error {
		var err error
		up, err = getUpload(rd, b.m2, key, id)
		return err
	})
	if strata.Is(err, strata.NotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !t.Due(lifecycle.Version{Key: key, Created: up.Upload.Initiated}, r.clk, now) {
		return nil
	}
	r.pace.wait(1)
	err = r.s.AbortUpload(ctx, b.c.Name, key, id)
	if strata.Is(err, strata.NotExist) {
		return nil
	}
	if err == nil {
		r.rep.Aborted++
	}
	return err
}

// transition moves a version's data to class, keeping its identity.
func (r *lcRun) transition(ctx context.Context, b *lcBucket, rec *record, class string) error {
	if err := r.s.Rewrite(ctx, b.c.Name, rec.Info.Key, rec.Info.VersionID, class); err != nil {
		if strata.Is(err, strata.NotExist) {
			return nil
		}
		return err
	}
	r.rep.Transitioned++
	info := rec.Info
	info.StorageClass = class
	// The event follows the rewrite's own commit: a crash between them
	// loses the event, not the transition.
	return b.e.Update(ctx, func(tx meta.Txn) error {
		return noteEvent(tx, b.m2, objectEvent(event.LifecycleTransition, &info, nil))
	})
}
