package object

import (
	"bytes"
	"context"
	"sync/atomic"
	"testing"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// scanCounter counts the iterators write transactions open under one
// prefix (a container's v/ keys).
type scanCounter struct {
	meta.Engine
	prefix atomic.Pointer[[]byte]
	n      atomic.Int64
}

func (s *scanCounter) Update(ctx context.Context, fn func(meta.Txn) error) error {
	return s.Engine.Update(ctx, func(tx meta.Txn) error { return fn(scanTxn{tx, s}) })
}

type scanTxn struct {
	meta.Txn
	s *scanCounter
}

func (t scanTxn) Iter(lower, upper []byte) meta.Iterator {
	if p := t.s.prefix.Load(); p != nil && bytes.HasPrefix(lower, *p) {
		t.s.n.Add(1)
	}
	return t.Txn.Iter(lower, upper)
}

func newScanEnv(t *testing.T) (*env, *scanCounter, directory.Meta2) {
	t.Helper()
	var sc *scanCounter
	e := newEnvOn(t, 1, "SINGLE", func(m meta.Engine) meta.Engine {
		sc = &scanCounter{Engine: m}
		return sc
	})
	_, _, m2, err := e.svc.bucket(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	p := m2.VersionPrefix()
	sc.prefix.Store(&p)
	return e, sc, m2
}

// scans returns how many version scans fn's writes made.
func (s *scanCounter) scans(fn func()) int64 {
	before := s.n.Load()
	fn()
	return s.n.Load() - before
}

func hasMark(t *testing.T, e *env, m2 directory.Meta2) bool {
	t.Helper()
	_, eng, _, _ := e.svc.bucket(ctx, "b")
	var found bool
	err := eng.View(ctx, func(r meta.Reader) error {
		_, err := r.Get(m2.Versioned())
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

// TestNewKeyPutSkipsVersionScan: in a bucket of null versions only, the
// PUT of a new key does not scan the key's versions; an overwrite does,
// and so does every PUT once a delete marker is in the range, which is
// what keeps a null version under a marker from being written twice.
func TestNewKeyPutSkipsVersionScan(t *testing.T) {
	e, sc, m2 := newScanEnv(t)
	if !m2.MarksVersions {
		t.Fatal("a bucket made now does not keep the h/ mark")
	}
	if n := sc.scans(func() { e.put(t, "k", []byte("null-0")) }); n != 0 {
		t.Fatalf("a new key's PUT scanned its versions %d times", n)
	}
	if n := sc.scans(func() { e.put(t, "k", []byte("null-1")) }); n == 0 {
		t.Fatal("an overwrite did not scan the key's versions: the counter sees nothing")
	}
	if hasMark(t, e, m2) {
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
	if !hasMark(t, e, m2) {
		t.Fatal("a delete marker did not write the mark")
	}
	if err := e.svc.SetVersioning(ctx, "b", VersioningSuspended); err != nil {
		t.Fatal(err)
	}
	if n := sc.scans(func() { e.put(t, "k", []byte("null-2")) }); n == 0 {
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
	if n := sc.scans(func() { e.put(t, "new", []byte("x")) }); n == 0 {
		t.Fatal("a new key's PUT in a marked range skipped the version scan")
	}
}

// TestVersionedPutWritesMark: a version other than a null one marks the
// range at once, before any delete.
func TestVersionedPutWritesMark(t *testing.T) {
	e, _, m2 := newScanEnv(t)
	if err := e.svc.SetVersioning(ctx, "b", VersioningEnabled); err != nil {
		t.Fatal(err)
	}
	e.put(t, "k", []byte("v1"))
	if !hasMark(t, e, m2) {
		t.Fatal("a versioned PUT did not write the mark")
	}
}

// TestOldContainerNeverSkips: a container made before the mark existed
// may hold markers without it, so its PUTs always scan.
func TestOldContainerNeverSkips(t *testing.T) {
	e, sc, _ := newScanEnv(t)
	if _, err := e.svc.dir.Update(ctx, "b", func(c *directory.Container) error {
		c.VersionMarks = false
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n := sc.scans(func() { e.put(t, "k", []byte("x")) }); n == 0 {
		t.Fatal("a PUT in a container without marks skipped the version scan")
	}
}
