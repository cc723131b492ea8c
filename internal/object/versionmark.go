package object

import (
	"bytes"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// rangeMarks is what a range's h/ mark (directory.Meta2.Versioned) says.
type rangeMarks struct {
	versioned  bool // a version other than a null one, or a delete marker
	orphanSeqs bool // a key's event sequence (q/) without its current record
}

// decodeMarks reads the mark's value. An empty one is what writers
// before orphanSeqs wrote for versioned: both is the safe reading.
func decodeMarks(v []byte) rangeMarks {
	if len(v) == 0 {
		return rangeMarks{versioned: true, orphanSeqs: true}
	}
	return rangeMarks{versioned: bytes.IndexByte(v, 'v') >= 0, orphanSeqs: bytes.IndexByte(v, 's') >= 0}
}

func (m rangeMarks) encode() []byte {
	switch {
	case m.versioned && m.orphanSeqs:
		return []byte{}
	case m.versioned:
		return []byte("v")
	default:
		return []byte("s")
	}
}

// readMarks reads a range's mark: none, neither.
func readMarks(r meta.Reader, m2 directory.Meta2) (rangeMarks, error) {
	v, err := r.Get(m2.Versioned())
	if strata.Is(err, strata.NotExist) {
		return rangeMarks{}, nil
	}
	if err != nil {
		return rangeMarks{}, err
	}
	return decodeMarks(v), nil
}

// addMarks adds what add says to the range's mark in tx. It reads the
// mark first, a point read of a key that stays in cache, and writes once
// per range and flag. A PUT that relied on a flag's absence read the
// mark, so the optimistic commit of one of the two runs again.
func addMarks(tx meta.Txn, m2 directory.Meta2, add rangeMarks) error {
	v, err := tx.Get(m2.Versioned())
	var cur rangeMarks
	switch {
	case err == nil:
		cur = decodeMarks(v)
	case !strata.Is(err, strata.NotExist):
		return err
	}
	next := rangeMarks{versioned: cur.versioned || add.versioned, orphanSeqs: cur.orphanSeqs || add.orphanSeqs}
	if err == nil && next == cur {
		return nil
	}
	return tx.Set(m2.Versioned(), next.encode())
}

// markVersioned writes the range's mark of a version other than a null
// one, or of a delete marker, in that write's transaction. Every such
// write calls it, whatever the container.
func markVersioned(tx meta.Txn, m2 directory.Meta2) error {
	return addMarks(tx, m2, rangeMarks{versioned: true})
}

// markOrphanSeqs writes the range's mark that a key may keep its event
// sequence without a current record, in the transaction of a change that
// may leave it so (noteEvent), where the container keeps that mark.
func markOrphanSeqs(tx meta.Txn, m2 directory.Meta2) error {
	if !m2.MarksSeqs {
		return nil
	}
	return addMarks(tx, m2, rangeMarks{orphanSeqs: true})
}

// nullOnly reports whether the range holds null versions only, no delete
// marker: then a key without a current record has no version at all
// (deletes of a null version remove the current record with it), and a
// write of its null version need not scan its versions. It is false for
// ranges of containers made before the mark existed.
func nullOnly(r meta.Reader, m2 directory.Meta2) (bool, error) {
	only, _, err := newKeySkips(r, m2)
	return only, err
}

// newKeySkips reads the range's mark once for a PUT of a key without a
// current record: nullOnly, and noSeq, which says that the key has no
// event sequence either (no change left one without a current record in
// this range), so the PUT need not read q/.
func newKeySkips(r meta.Reader, m2 directory.Meta2) (nullOnly, noSeq bool, err error) {
	if !m2.MarksVersions && !m2.MarksSeqs {
		return false, false, nil
	}
	m, err := readMarks(r, m2)
	if err != nil {
		return false, false, err
	}
	return m2.MarksVersions && !m.versioned, m2.MarksSeqs && !m.orphanSeqs, nil
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
