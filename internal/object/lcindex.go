package object

import (
	"maps"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// The lifecycle index: every version and every multipart upload has an
// entry keyed by its creation time, written and removed in the
// transaction that creates or removes it (hooks in put.go, delete.go,
// multipart.go and fsrename.go). The lifecycle scanner (lifecycle.go)
// reads only the entries between a rule's cursor and the age the rule
// acts at, so its work grows with what is due, not with what is stored.

// lcIndex records that rec exists since rec.Nanos.
func lcIndex(tx meta.Txn, m2 directory.Meta2, rec *record) error {
	return tx.Set(m2.LCCreated(rec.Nanos, rec.Info.Key, rec.Info.VersionID), nil)
}

// lcUnindex removes rec's entry.
func lcUnindex(tx meta.Txn, m2 directory.Meta2, rec *record) error {
	return tx.Delete(m2.LCCreated(rec.Nanos, rec.Info.Key, rec.Info.VersionID))
}

// lcIndexUpload records an upload since its initiation.
func lcIndexUpload(tx meta.Txn, m2 directory.Meta2, u *Upload) error {
	return tx.Set(m2.LCUpload(u.Initiated.UnixNano(), u.Key, u.UploadID), nil)
}

// lcUnindexUpload removes an upload's entry.
func lcUnindexUpload(tx meta.Txn, m2 directory.Meta2, u *Upload) error {
	return tx.Delete(m2.LCUpload(u.Initiated.UnixNano(), u.Key, u.UploadID))
}

// lcTouch records that rec's tags change to tags, when the bucket has a
// lifecycle configuration: the scanner's tag-filtered tasks look at the
// version again, even if their cursors had passed its creation.
func lcTouch(tx meta.Txn, m2 directory.Meta2, rec *record, tags map[string]string) error {
	if maps.Equal(rec.Info.Tags, tags) {
		return nil
	}
	if _, err := tx.Get(m2.Config(LifecycleConfigName)); err != nil {
		if strata.Is(err, strata.NotExist) {
			return nil
		}
		return err
	}
	return tx.Set(m2.LCTouched(time.Now().UnixNano(), rec.Info.Key, rec.Info.VersionID), nil)
}

// lifecycleTxn marks the transaction of a lifecycle action, so that the
// delete paths shared with S3 name their events as S3 names a
// lifecycle's (s3:LifecycleExpiration:*) with no extra argument.
type lifecycleTxn struct{ meta.Txn }

// removalEvent returns the event name of a removal made in tx.
func removalEvent(tx meta.Txn, name string) string {
	if _, ok := tx.(lifecycleTxn); !ok {
		return name
	}
	switch name {
	case event.ObjectRemovedMarker:
		return event.LifecycleExpirationMarker
	default:
		return event.LifecycleExpirationDelete
	}
}
