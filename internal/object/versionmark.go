package object

import (
	"bytes"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// markVersioned writes the range's h/ mark (directory.Meta2.Versioned) in
// the transaction of a version other than a null one, or of a delete
// marker. Every such write calls it, whatever the container: the mark
// costs a point read of a key that stays in cache, and a write once per
// range. A PUT that relied on its absence (nullOnly) read it, so the
// optimistic commit of one of the two runs again.
func markVersioned(tx meta.Txn, m2 directory.Meta2) error {
	_, err := tx.Get(m2.Versioned())
	if err == nil || !strata.Is(err, strata.NotExist) {
		return err
	}
	return tx.Set(m2.Versioned(), nil)
}

// nullOnly reports whether the range holds null versions only, no delete
// marker: then a key without a current record has no version at all
// (deletes of a null version remove the current record with it), and a
// write of its null version need not scan its versions. It is false for
// ranges of containers made before the mark existed.
func nullOnly(r meta.Reader, m2 directory.Meta2) (bool, error) {
	if !m2.MarksVersions {
		return false, nil
	}
	marked, err := hasVersionedMark(r, m2)
	return !marked && err == nil, err
}

// hasVersionedMark reads a range's h/ mark. A split reads its source's
// once the source is fenced and its moved records synced, so none of them
// changes after the read: a source without the mark then never held a
// non-null version or a delete marker, nor did the copies.
func hasVersionedMark(r meta.Reader, m2 directory.Meta2) (bool, error) {
	_, err := r.Get(m2.Versioned())
	if strata.Is(err, strata.NotExist) {
		return false, nil
	}
	return err == nil, err
}

// onlyNullVersion finds the null version of key by point reads where the
// range holds null versions only (nullOnly): there it is the key's only
// version, and its current record gives its meta2 key, so a delete (an
// S3 DELETE in an unversioned bucket, a mount's unlink) skips the three
// scans of the key's versions that deleteVersion makes otherwise. rec is
// nil (with a nil error) where that does not apply: another version id,
// a range that may hold other versions, or a current record whose
// version is not where it says (then the scans decide).
func onlyNullVersion(r meta.Reader, m2 directory.Meta2, key, vid string) (rec *record, k []byte, err error) {
	if vid != strata.NullVersion {
		return nil, nil, nil
	}
	if ok, err := nullOnly(r, m2); err != nil || !ok {
		return nil, nil, err
	}
	cb, err := r.Get(m2.Current(key))
	if strata.Is(err, strata.NotExist) {
		return nil, nil, noSuchVersion(key, vid)
	}
	if err != nil {
		return nil, nil, err
	}
	cur, err := decodeRecord(cb)
	if err != nil || cur.Info.VersionID != strata.NullVersion {
		return nil, nil, err
	}
	k = m2.Version(key, cur.Nanos, strata.NullVersion)
	vb, err := r.Get(k)
	if err != nil {
		if strata.Is(err, strata.NotExist) {
			err = nil
		}
		return nil, nil, err
	}
	if !bytes.Equal(vb, cb) { // a write keeps both the same; decode once then
		if cur, err = decodeRecord(vb); err != nil {
			return nil, nil, err
		}
	}
	return cur, k, nil
}
