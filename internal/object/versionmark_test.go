package object

import (
	"testing"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// newScanEnv is newEnv with an iterSpy under the engine, and bucket b's
// v/ prefix: the version scans of a write are the iterators opened there.
func newScanEnv(t *testing.T) (*env, *iterSpy, directory.Meta2) {
	t.Helper()
	var spy *iterSpy
	e := newEnvOn(t, 1, "SINGLE", func(m meta.Engine) meta.Engine {
		spy = &iterSpy{Engine: m}
		return spy
	})
	_, _, m2, err := e.svc.bucket(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	return e, spy, m2
}

// scans returns how many version scans of bucket b fn's writes made.
func scans(spy *iterSpy, m2 directory.Meta2, fn func()) int {
	before := spy.under(m2.VersionPrefix())
	fn()
	return spy.under(m2.VersionPrefix()) - before
}

// hasKey reports whether bucket b's range holds the key that key builds.
func hasKey(t *testing.T, e *env, key func(directory.Meta2) []byte) bool {
	t.Helper()
	_, eng, m2, err := e.svc.bucket(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	err = eng.View(ctx, func(r meta.Reader) error {
		_, err := r.Get(key(m2))
		found = err == nil
		if strata.Is(err, strata.NotExist) {
			return nil
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// marksOf reads bucket b's range mark.
func marksOf(t *testing.T, e *env) rangeMarks {
	t.Helper()
	_, eng, m2, err := e.svc.bucket(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	var m rangeMarks
	if err := eng.View(ctx, func(r meta.Reader) error { m, err = readMarks(r, m2); return err }); err != nil {
		t.Fatal(err)
	}
	return m
}

// hasMark reports whether bucket b's range is marked versioned.
func hasMark(t *testing.T, e *env) bool { return marksOf(t, e).versioned }

// seqOf reads key's last event sequence in bucket b (0: none).
func seqOf(t *testing.T, e *env, key string) uint64 {
	t.Helper()
	seq, err := e.svc.KeySequence(ctx, "b", key)
	if err != nil {
		t.Fatal(err)
	}
	return seq
}

// TestNewKeyPutSkipsSeqRead: in a range where no change left a key's
// event sequence without its current record, the PUT of a new key does
// not read q/; once a delete or a rename has (the mark says so), it does,
// and a name made again goes on from its old sequence instead of starting
// over at 1.
func TestNewKeyPutSkipsSeqRead(t *testing.T) {
	e, spy, m2 := newScanEnv(t)
	if !m2.MarksSeqs {
		t.Fatal("a bucket made now does not keep the sequence flag of the mark")
	}
	seqReads := func(fn func()) int {
		before := spy.gotUnder(m2.EventSeq(""))
		fn()
		return spy.gotUnder(m2.EventSeq("")) - before
	}
	if n := seqReads(func() { e.put(t, "a", []byte("1")) }); n != 0 {
		t.Fatalf("a new key's PUT read %d event sequences", n)
	}
	if n := seqReads(func() { e.put(t, "a", []byte("2")) }); n != 1 {
		t.Fatalf("an overwrite read %d event sequences, want 1", n)
	}
	if s := seqOf(t, e, "a"); s != 2 {
		t.Fatalf("sequence of a after two PUTs: %d", s)
	}
	if marksOf(t, e) != (rangeMarks{}) {
		t.Fatalf("PUTs alone marked the range: %+v", marksOf(t, e))
	}

	// A delete keeps the sequence and marks the range.
	if _, err := e.svc.DeleteObject(ctx, "b", "a", ""); err != nil {
		t.Fatal(err)
	}
	if m := marksOf(t, e); !m.orphanSeqs || m.versioned {
		t.Fatalf("mark after a null delete: %+v, want the sequence flag only", m)
	}
	if n := seqReads(func() { e.put(t, "a", []byte("3")) }); n != 1 {
		t.Fatalf("the PUT of a deleted name read %d event sequences, want 1", n)
	}
	if s := seqOf(t, e, "a"); s != 4 {
		t.Fatalf("sequence of a made again: %d, want 4 (put, put, delete, put)", s)
	}
	if n := seqReads(func() { e.put(t, "b", []byte("x")) }); n != 1 {
		t.Fatalf("a new key's PUT in a marked range read %d event sequences, want 1", n)
	}
	// The version scan still skips: the flags are apart.
	if n := scans(spy, m2, func() { e.put(t, "c", []byte("x")) }); n != 0 {
		t.Fatalf("the sequence flag made a new key's PUT scan its versions %d times", n)
	}
	if err := e.svc.SetVersioning(ctx, "b", VersioningEnabled); err != nil {
		t.Fatal(err)
	}
	e.put(t, "v", []byte("x"))
	if m := marksOf(t, e); !m.orphanSeqs || !m.versioned {
		t.Fatalf("mark after a versioned PUT: %+v, want both flags", m)
	}
}

// TestRenameMarksSeqs: a folder rename leaves the old names' sequences
// without current records; a file made again under an old name goes on
// from its sequence.
func TestRenameMarksSeqs(t *testing.T) {
	e, _, _ := newScanEnv(t)
	e.put(t, "d/x", []byte("1"))
	e.put(t, "d/y", []byte("1"))
	if err := e.svc.FSRename(ctx, "b", "d", "e", 0); err != nil {
		t.Fatal(err)
	}
	if !marksOf(t, e).orphanSeqs {
		t.Fatal("a folder rename did not mark the range")
	}
	e.put(t, "d/x", []byte("2"))
	if s := seqOf(t, e, "d/x"); s != 3 {
		t.Fatalf("sequence of d/x made again after the rename: %d, want 3 (put, moved away, put)", s)
	}
}

// TestOldContainerReadsSeqs: a container made before the sequence flag
// may hold sequences without current records and no flag, so its PUTs
// always read q/.
func TestOldContainerReadsSeqs(t *testing.T) {
	e, spy, m2 := newScanEnv(t)
	if _, err := e.svc.dir.Update(ctx, "b", func(c *directory.Container) error {
		c.SeqMarks = false
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	before := spy.gotUnder(m2.EventSeq(""))
	e.put(t, "k", []byte("x"))
	if spy.gotUnder(m2.EventSeq("")) == before {
		t.Fatal("a PUT in a container without the flag skipped the sequence read")
	}
}

// A mark written before the sequence flag (an empty value) reads as both.
func TestEmptyMarkReadsAsBoth(t *testing.T) {
	if m := decodeMarks(nil); !m.versioned || !m.orphanSeqs {
		t.Fatalf("empty mark: %+v", m)
	}
	for _, m := range []rangeMarks{{versioned: true}, {orphanSeqs: true}, {versioned: true, orphanSeqs: true}} {
		if got := decodeMarks(m.encode()); got != m {
			t.Fatalf("%+v encoded and decoded: %+v", m, got)
		}
	}
}

// TestNewKeyPutSkipsVersionScan: in a bucket of null versions only, the
// PUT of a new key does not scan the key's versions; an overwrite does,
// and so does every PUT once a delete marker is in the range, which is
// what keeps a null version under a marker from being written twice.
func TestNewKeyPutSkipsVersionScan(t *testing.T) {
	e, sc, m2 := newScanEnv(t)
	if !m2.MarksVersions {
		t.Fatal("a bucket made now does not keep the h/ mark")
	}
	if n := scans(sc, m2, func() { e.put(t, "k", []byte("null-0")) }); n != 0 {
		t.Fatalf("a new key's PUT scanned its versions %d times", n)
	}
	if n := scans(sc, m2, func() { e.put(t, "k", []byte("null-1")) }); n == 0 {
		t.Fatal("an overwrite did not scan the key's versions: the counter sees nothing")
	}
	if hasMark(t, e) {
		t.Fatal("null versions alone wrote the mark")
	}

	// A marker over the null version: the key has no current record but
	// has versions, and the mark says so.
	if err := e.svc.SetVersioning(ctx, "b", VersioningEnabled); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.DeleteObject(ctx, "b", "k", ""); err != nil {
		t.Fatal(err)
	}
	if !hasMark(t, e) {
		t.Fatal("a delete marker did not write the mark")
	}
	if err := e.svc.SetVersioning(ctx, "b", VersioningSuspended); err != nil {
		t.Fatal(err)
	}
	if n := scans(sc, m2, func() { e.put(t, "k", []byte("null-2")) }); n == 0 {
		t.Fatal("a PUT under a delete marker skipped the version scan")
	}
	vs, err := e.svc.ListVersions(ctx, "b", ListVersionsOptions{Prefix: "k", MaxKeys: 100})
	if err != nil {
		t.Fatal(err)
	}
	var nulls, markers int
	for _, v := range vs.Versions {
		switch {
		case v.DeleteMarker:
			markers++
		case v.VersionID == strata.NullVersion:
			nulls++
		}
	}
	if len(vs.Versions) != 2 || nulls != 1 || markers != 1 || vs.Versions[0].VersionID != strata.NullVersion || vs.Versions[0].DeleteMarker {
		t.Fatalf("versions of k: %+v, want the new null version over the marker", vs.Versions)
	}
	if n := scans(sc, m2, func() { e.put(t, "new", []byte("x")) }); n == 0 {
		t.Fatal("a new key's PUT in a marked range skipped the version scan")
	}
}

// TestVersionedPutWritesMark: a version other than a null one marks the
// range at once, before any delete.
func TestVersionedPutWritesMark(t *testing.T) {
	e, _, _ := newScanEnv(t)
	if err := e.svc.SetVersioning(ctx, "b", VersioningEnabled); err != nil {
		t.Fatal(err)
	}
	e.put(t, "k", []byte("v1"))
	if !hasMark(t, e) {
		t.Fatal("a versioned PUT did not write the mark")
	}
}

// TestOldContainerNeverSkips: a container made before the mark existed
// may hold markers without it, so its PUTs always scan.
func TestOldContainerNeverSkips(t *testing.T) {
	e, sc, m2 := newScanEnv(t)
	if _, err := e.svc.dir.Update(ctx, "b", func(c *directory.Container) error {
		c.VersionMarks = false
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n := scans(sc, m2, func() { e.put(t, "k", []byte("x")) }); n == 0 {
		t.Fatal("a PUT in a container without marks skipped the version scan")
	}
}

// TestNullDeleteSkipsVersionScan: in a range of null versions only, the
// delete of a key's null version (an unversioned DELETE, a mount's
// unlink) finds it by point reads and leaves nothing of it behind; once
// the range is marked, or in a container without marks, it scans.
func TestNullDeleteSkipsVersionScan(t *testing.T) {
	e, sc, m2 := newScanEnv(t)
	big := make([]byte, 1<<20) // chunks, not inline bytes: their delete is checked too
	e.put(t, "k", big)
	e.put(t, "small", []byte("x"))
	var chunks int
	for vol := range e.vols.dirs {
		chunks += len(e.chunkFiles(vol))
	}
	if chunks == 0 {
		t.Fatal("the 1 MiB object has no chunk files")
	}
	for _, key := range []string{"k", "small", "never-written"} {
		var res DeleteResult
		if n := scans(sc, m2, func() {
			var err error
			if res, err = e.svc.DeleteObject(ctx, "b", key, ""); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Fatalf("the delete of %s scanned its versions %d times", key, n)
		}
		if res.DeleteMarker {
			t.Fatalf("delete of %s: %+v", key, res)
		}
		if _, _, err := e.svc.GetObject(ctx, "b", key, GetOptions{}); !strata.Is(err, strata.NotExist) {
			t.Fatalf("GET %s after its delete: %v", key, err)
		}
	}
	vs, err := e.svc.ListVersions(ctx, "b", ListVersionsOptions{MaxKeys: 100})
	if err != nil || len(vs.Versions) != 0 {
		t.Fatalf("versions left: %+v, %v", vs.Versions, err)
	}
	if u := e.usageExact(t, "after the deletes"); !u.IsZero() {
		t.Fatalf("usage after deleting everything: %+v", u)
	}
	e.checkIndex(t, "after the deletes")
	for vol := range e.vols.dirs {
		if files := e.chunkFiles(vol); len(files) != 0 {
			t.Fatalf("chunks left on %s after the deletes: %v", vol, files)
		}
	}
	if hasMark(t, e) {
		t.Fatal("an unversioned delete wrote the mark")
	}

	// The explicit version id "null" takes the same path.
	e.put(t, "k", []byte("again"))
	if n := scans(sc, m2, func() {
		if _, err := e.svc.DeleteObject(ctx, "b", "k", strata.NullVersion); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Fatalf("DELETE ?versionId=null scanned %d times", n)
	}

	// A marked range may hold other versions under the null one: scan.
	if err := e.svc.SetVersioning(ctx, "b", VersioningEnabled); err != nil {
		t.Fatal(err)
	}
	e.put(t, "v", []byte("v1"))
	if err := e.svc.SetVersioning(ctx, "b", VersioningSuspended); err != nil {
		t.Fatal(err)
	}
	e.put(t, "v", []byte("null"))
	if n := scans(sc, m2, func() {
		if _, err := e.svc.DeleteObject(ctx, "b", "v", strata.NullVersion); err != nil {
			t.Fatal(err)
		}
	}); n == 0 {
		t.Fatal("a delete in a marked range skipped the version scan")
	}
	// v1 is current again once the null version over it is gone.
	if _, rc, err := e.svc.GetObject(ctx, "b", "v", GetOptions{}); err != nil {
		t.Fatalf("v1 is not current after the null version's delete: %v", err)
	} else {
		rc.Close()
	}
}

// TestOldContainerDeleteScans: a container without marks always scans.
func TestOldContainerDeleteScans(t *testing.T) {
	e, sc, m2 := newScanEnv(t)
	e.put(t, "k", []byte("x"))
	if _, err := e.svc.dir.Update(ctx, "b", func(c *directory.Container) error {
		c.VersionMarks = false
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n := scans(sc, m2, func() {
		if _, err := e.svc.DeleteObject(ctx, "b", "k", ""); err != nil {
			t.Fatal(err)
		}
	}); n == 0 {
		t.Fatal("a delete in a container without marks skipped the version scan")
	}
}
