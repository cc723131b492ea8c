package object

import (
	"context"
	"errors"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// A replicator keeps the source's version ids (as AWS replication does):
// its writes carry the source version's id and creation time, and the
// version is committed under both. Versions are keyed by time in meta2
// (directory.Meta2.Version), so taking the source's time keeps the
// destination's version order equal to the source's, whatever order the
// replicas arrive in; the current version is the newest by that time.

type replicaVersionKey struct{}

type replicaVersion struct {
	id    string
	nanos int64
}

// WithReplicaVersion asks that the version written (or the delete marker
// made) with ctx get the id and creation time of the source's version.
// It is used together with WithReplica.
func WithReplicaVersion(ctx context.Context, id string, created time.Time) context.Context {
	return context.WithValue(ctx, replicaVersionKey{}, replicaVersion{id: id, nanos: created.UnixNano()})
}

func replicaVersionFrom(ctx context.Context) (replicaVersion, bool) {
	rv, ok := ctx.Value(replicaVersionKey{}).(replicaVersion)
	return rv, ok && rv.id != "" && rv.nanos > 0
}

// errSameReplica says a replica's version is already here with the same
// ETag: the write is a repeat and changes nothing.
var errSameReplica = errors.New("replica version already present")

// versionOf is versionFor, unless ctx carries a replica's version id.
// A real id needs versioning enabled here (AWS requires it too).
func versionOf(ctx context.Context, c directory.Container) (string, error) {
	rv, ok := replicaVersionFrom(ctx)
	if !ok {
		return versionFor(c), nil
	}
	if rv.id != strata.NullVersion && c.Versioning != VersioningEnabled {
		return "", strata.Errorf("object.replica", strata.Invalid, "InvalidRequest: a replica keeps its version id only in a bucket with versioning enabled")
	}
	return rv.id, nil
}

// placeReplica checks a replica's version id against the versions here
// and dates the record with the source's time. A version with that id
// and ETag already here is errSameReplica; with another ETag, a conflict.
func placeReplica(tx meta.Txn, m2 directory.Meta2, rec *record, nanos int64) error {
	old, _, err := findVersion(tx, m2, rec.Info.Key, rec.Info.VersionID)
	if err != nil && !strata.Is(err, strata.NotExist) {
		return err
	}
	if old != nil {
		if !old.Info.DeleteMarker && old.Info.ETag == rec.Info.ETag {
			return errSameReplica
		}
		if rec.Info.VersionID != strata.NullVersion {
			return strata.Errorf("object.replica", strata.Conflict, "version %q of %q exists with other content", rec.Info.VersionID, rec.Info.Key)
		}
	}
	rec.Nanos = nanos
	return nil
}

// addReplicaMarker makes a replicated delete marker, under the source's
// id and time. It becomes current only if it is the newest version; a
// marker already here with that id makes it a no-op.
func (s *Service) addReplicaMarker(tx meta.Txn, m2 directory.Meta2, key string, rv replicaVersion, res *DeleteResult, replica string) error {
	res.VersionID, res.DeleteMarker = rv.id, true
	old, _, err := findVersion(tx, m2, key, rv.id)
	if err != nil && !strata.Is(err, strata.NotExist) {
		return err
	}
	if old != nil {
		if old.Info.DeleteMarker {
			return nil
		}
		return strata.Errorf("object.replica", strata.Conflict, "version %q of %q exists and is not a delete marker", rv.id, key)
	}
	latest, err := latestVersion(tx, m2, key)
	if err != nil {
		return err
	}
	rec := &record{Nanos: rv.nanos, Info: ObjectInfo{Key: key, VersionID: rv.id, DeleteMarker: true}}
	rec.Info.Modified = rec.modified()
	s.markReplication(m2.Bucket, &rec.Info, replica)
	if err := markVersioned(tx, m2); err != nil {
		return err
	}
	if err := tx.Set(m2.Version(key, rec.Nanos, rv.id), encodeRecord(rec)); err != nil {
		return err
	}
	if err := lcIndex(tx, m2, rec); err != nil {
		return err
	}
	if err := noteEvent(tx, m2, objectEvent(removalEvent(tx, event.ObjectRemovedMarker), &rec.Info, nil)); err != nil {
		return err
	}
	if latest != nil && latest.Nanos > rec.Nanos {
		return nil // an older marker: history, not the current state
	}
	if err := noteChange(tx, m2, key, "delete", ""); err != nil {
		return err
	}
	return tx.Delete(m2.Current(key))
}
