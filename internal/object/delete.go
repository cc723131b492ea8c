package object

import (
	"context"
	"github.com/strata-storage/strata/internal/event"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// DeleteObject deletes a key (creating a delete marker in a versioned
// bucket) or, with versionID, one version.
func (s *Service) DeleteObject(ctx context.Context, bucket, key, versionID string) (DeleteResult, error) {
	c, e, m2, err := s.bucketKey(ctx, bucket, key)
	if err != nil {
		return DeleteResult{}, err
	}
	var res DeleteResult
	var garbage []segment
	err = e.Update(ctx, func(tx meta.Txn) error {
		res, garbage = DeleteResult{}, nil
		tx = lockTxn(ctx, tx)
		if versionID != "" {
			return s.deleteVersion(tx, m2, key, versionID, &res, &garbage, "")
		}
		if c.Versioning == "" {
			// Unversioned: remove the null version, if any.
			err := s.deleteVersion(tx, m2, key, strata.NullVersion, &res, &garbage, "")
			if strata.Is(err, strata.NotExist) {
				res = DeleteResult{}
				return nil
			}
			return err
		}
		if rv, ok := replicaVersionFrom(ctx); ok && rv.id != strata.NullVersion && replicaFrom(ctx) != "" {
			if c.Versioning != VersioningEnabled {
				return strata.Errorf("object.replica", strata.Invalid, "InvalidRequest: a replica keeps its version id only in a bucket with versioning enabled")
			}
			return s.addReplicaMarker(tx, m2, key, rv, &res, replicaFrom(ctx))
		}
		return s.addDeleteMarker(tx, c, m2, key, &res, &garbage, "", replicaFrom(ctx))
	})
	if err != nil {
		return DeleteResult{}, err
	}
	s.deleteContent(context.WithoutCancel(ctx), garbage)
	return res, nil
}

// addDeleteMarker makes a delete marker the latest version.
func (s *Service) addDeleteMarker(tx meta.Txn, c directory.Container, m2 directory.Meta2, key string, res *DeleteResult, garbage *[]segment, origin, replica string) error {
	vid := versionFor(c)
	if vid == strata.NullVersion {
		old, oldKey, err := findVersion(tx, m2, key, strata.NullVersion)
		if err != nil && !strata.Is(err, strata.NotExist) {
			return err
		}
		if old != nil {
			if err := checkDelete(tx, old); err != nil {
				return err
			}
			*garbage = append(*garbage, old.owned()...)
			if err := tx.Delete(oldKey); err != nil {
				return err
			}
			if err := lcUnindex(tx, m2, old); err != nil {
				return err
			}
			if err := s.replaceUsage(tx, m2, nil, old); err != nil {
				return err
			}
		}
	}
	latest, err := latestVersion(tx, m2, key)
	if err != nil {
		return err
	}
	rec := &record{Nanos: time.Now().UnixNano(), Info: ObjectInfo{Key: key, VersionID: vid, DeleteMarker: true}}
	if latest != nil && latest.Nanos >= rec.Nanos {
		rec.Nanos = latest.Nanos + 1
	}
	rec.Info.Modified = rec.modified()
	s.markReplication(m2.Bucket, &rec.Info, replica)
	if err := markVersioned(tx, m2); err != nil {
		return err
	}
	if err := tx.Set(m2.Version(key, rec.Nanos, vid), encodeRecord(rec)); err != nil {
		return err
	}
	if err := lcIndex(tx, m2, rec); err != nil {
		return err
	}
	res.VersionID, res.DeleteMarker = vid, true
	if err := noteChange(tx, m2, key, "delete", origin); err != nil {
		return err
	}
	if err := noteEvent(tx, m2, objectEvent(removalEvent(tx, event.ObjectRemovedMarker), &rec.Info, nil)); err != nil {
		return err
	}
	return tx.Delete(m2.Current(key))
}

// deleteVersion removes one version and, if it was the latest, makes the
// next one current.
func (s *Service) deleteVersion(tx meta.Txn, m2 directory.Meta2, key, vid string, res *DeleteResult, garbage *[]segment, origin string) error {
	rec, k, err := onlyNullVersion(tx, m2, key, vid)
	if err != nil {
		return err
	}
	only := rec != nil // the key's only version: no other to find or make current
	if !only {
		if rec, k, err = findVersion(tx, m2, key, vid); err != nil {
			return err
		}
	}
	if err := checkDelete(tx, rec); err != nil {
		return err
	}
	latest := rec
	if !only {
		if latest, err = latestVersion(tx, m2, key); err != nil {
			return err
		}
	}
	if err := tx.Delete(k); err != nil {
		return err
	}
	if err := lcUnindex(tx, m2, rec); err != nil {
		return err
	}
	if err := s.replaceUsage(tx, m2, nil, rec); err != nil {
		return err
	}
	*garbage = append(*garbage, rec.owned()...)
	res.VersionID, res.DeleteMarker = vid, rec.Info.DeleteMarker
	if err := noteEvent(tx, m2, objectEvent(removalEvent(tx, event.ObjectRemovedDelete), &rec.Info, nil)); err != nil {
		return err
	}
	if latest == nil || latest.Nanos != rec.Nanos {
		return nil
	}
	if err := noteChange(tx, m2, key, "delete", origin); err != nil {
		return err
	}
	if only {
		return tx.Delete(m2.Current(key))
	}
	next, err := latestVersion(tx, m2, key)
	if err != nil {
		return err
	}
	if next == nil || next.Info.DeleteMarker {
		return tx.Delete(m2.Current(key))
	}
	return tx.Set(m2.Current(key), encodeRecord(next))
}

// UpdateObjectMeta edits the tags or ACL of a version in place.
func (s *Service) UpdateObjectMeta(ctx context.Context, bucket, key, versionID string, fn func(*ObjectInfo) error) (ObjectInfo, error) {
	_, e, m2, err := s.bucketKey(ctx, bucket, key)
	if err != nil {
		return ObjectInfo{}, err
	}
	var out ObjectInfo
	err = e.Update(ctx, func(tx meta.Txn) error {
		var rec *record
		var k []byte
		var err error
		if versionID == "" {
			rec, err = getRecord(tx, m2.Current(key))
			if strata.Is(err, strata.NotExist) {
				return strata.Errorf("object.UpdateObjectMeta", strata.NotExist, "NoSuchKey: the specified key does not exist")
			}
			if err == nil {
				k = m2.Version(key, rec.Nanos, rec.Info.VersionID)
			}
		} else {
			rec, k, err = findVersion(tx, m2, key, versionID)
		}
		if err != nil {
			return err
		}
		if rec.Info.DeleteMarker {
			return strata.E("object.UpdateObjectMeta", strata.Invalid, ErrDeleteMarker)
		}
		info := rec.Info
		if err := fn(&info); err != nil {
			return err
		}
		name := tagEvent(rec.Info, info)
		if err := lcTouch(tx, m2, rec, info.Tags); err != nil {
			return err
		}
		rec.Info.Tags, rec.Info.ACL = info.Tags, info.ACL
		b := encodeRecord(rec)
		if err := tx.Set(k, b); err != nil {
			return err
		}
		if cur, err := getRecord(tx, m2.Current(key)); err == nil && cur.Nanos == rec.Nanos {
			if err := tx.Set(m2.Current(key), b); err != nil {
				return err
			}
		}
		out = rec.Info
		out.Bucket = bucket
		if err := noteEvent(tx, m2, objectEvent(name, &rec.Info, nil)); err != nil {
			return err
		}
		return noteChange(tx, m2, key, "meta", "")
	})
	return out, err
}
