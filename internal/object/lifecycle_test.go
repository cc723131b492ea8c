package object

import (
	"bytes"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/meta"
)

// countIndex counts the lifecycle index entries of bucket "b".
func countIndex(t *testing.T, e *env) (versions, uploads int) {
	t.Helper()
	_, eng, m2, err := e.svc.bucket(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	count := func(p []byte) int {
		n := 0
		err := eng.View(ctx, func(r meta.Reader) error {
			it := r.Iter(p, meta.PrefixEnd(p))
			defer it.Close()
			for ok := it.First(); ok; ok = it.Next() {
				n++
			}
			return it.Error()
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	return count(m2.LCCreatedPrefix()), count(m2.LCUploadPrefix())
}

// The index has one entry per version and upload, written and removed
// with them.
func TestLifecycleIndexFollowsVersions(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	e.put(t, "k", []byte("1"))
	e.put(t, "k", []byte("2")) // replaces the null version
	e.put(t, "j", []byte("3"))
	if v, _ := countIndex(t, e); v != 2 {
		t.Fatalf("%d version entries, want 2", v)
	}
	if _, err := e.svc.DeleteObject(ctx, "b", "k", ""); err != nil {
		t.Fatal(err)
	}
	up, err := e.svc.CreateUpload(ctx, "b", "m", PutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if v, u := countIndex(t, e); v != 1 || u != 1 {
		t.Fatalf("%d version and %d upload entries, want 1 and 1", v, u)
	}
	if err := e.svc.AbortUpload(ctx, "b", "m", up.UploadID); err != nil {
		t.Fatal(err)
	}
	if _, u := countIndex(t, e); u != 0 {
		t.Fatalf("%d upload entries after abort, want 0", u)
	}
}

// A bucket whose versions predate the index is backfilled, once, when
// the scanner first meets its lifecycle configuration.
func TestLifecycleBackfill(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	for _, k := range []string{"a", "b", "c"} {
		e.put(t, k, []byte(k))
	}
	_, eng, m2, _ := e.svc.bucket(ctx, "b")
	p := m2.LCCreatedPrefix()
	err := eng.Update(ctx, func(tx meta.Txn) error {
		it := tx.Iter(p, meta.PrefixEnd(p))
		var keys [][]byte
		for ok := it.First(); ok; ok = it.Next() {
			keys = append(keys, bytes.Clone(it.Key()))
		}
		it.Close()
		for _, k := range keys {
			if err := tx.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	doc := `<LifecycleConfiguration><Rule><ID>r</ID><Status>Enabled</Status><Filter><Prefix></Prefix></Filter><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>`
	if err := e.svc.PutBucketConfig(ctx, "b", LifecycleConfigName, []byte(doc)); err != nil {
		t.Fatal(err)
	}
	now := time.Now().Add(time.Hour)
	rep, err := e.svc.Lifecycle(ctx, LifecycleOptions{Day: time.Second, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Backfilled != 3 || rep.Expired != 3 {
		t.Fatalf("report %+v: want 3 backfilled and expired", rep)
	}
	// The removals are events as S3 names a lifecycle's.
	names := outboxNames(t, e)
	if names[event.LifecycleExpirationDelete] != 3 || names[event.ObjectRemovedDelete] != 0 {
		t.Fatalf("outbox events %v: want 3 %s", names, event.LifecycleExpirationDelete)
	}
	rep, err = e.svc.Lifecycle(ctx, LifecycleOptions{Day: time.Second, Now: func() time.Time { return now }})
	if err != nil || rep.Backfilled != 0 || rep.Visited != 0 {
		t.Fatalf("second pass %+v, %v: want no backfill and nothing visited", rep, err)
	}
}

// A failed action is retried by the next passes, though its cursor moved
// on, and given up after lcMaxRetry passes.
func TestLifecycleRetry(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	e.put(t, "k", data(256<<10, 1)) // not inline: the class applies
	doc := `<LifecycleConfiguration><Rule><ID>r</ID><Status>Enabled</Status><Filter/><Transition><Days>1</Days><StorageClass>NO_SUCH_CLASS</StorageClass></Transition></Rule></LifecycleConfiguration>`
	if err := e.svc.PutBucketConfig(ctx, "b", LifecycleConfigName, []byte(doc)); err != nil {
		t.Fatal(err)
	}
	now := time.Now().Add(time.Hour)
	opts := LifecycleOptions{Day: time.Second, Now: func() time.Time { return now }}
	for i := 0; i < lcMaxRetry+2; i++ {
		rep, err := e.svc.Lifecycle(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		want := int64(1)
		if i >= lcMaxRetry {
			want = 0
		}
		if rep.Failed != want || (i > 0 && rep.Visited != 0) {
			t.Fatalf("pass %d: %+v, want %d failed", i, rep, want)
		}
	}
}

// checkIndex fails unless bucket "b" has exactly one creation entry per
// version record.
func checkIndex(t *testing.T, e *env) {
	t.Helper()
	_, eng, m2, _ := e.svc.bucket(ctx, "b")
	want, got := map[string]bool{}, map[string]bool{}
	err := eng.View(ctx, func(r meta.Reader) error {
		p := m2.VersionPrefix()
		it := r.Iter(p, meta.PrefixEnd(p))
		for ok := it.First(); ok; ok = it.Next() {
			rec, err := decodeRecord(it.Value())
			if err != nil {
				return err
			}
			want[string(m2.LCCreated(rec.Nanos, rec.Info.Key, rec.Info.VersionID))] = true
		}
		if err := it.Close(); err != nil {
			return err
		}
		p = m2.LCCreatedPrefix()
		it = r.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			got[string(it.Key())] = true
		}
		return it.Error()
	})
	if err != nil {
		t.Fatal(err)
	}
	for k := range want {
		if !got[k] {
			t.Errorf("version without index entry: %q", k)
		}
	}
	for k := range got {
		if !want[k] {
			t.Errorf("index entry without version: %q", k)
		}
	}
}

// The mount's writes, renames, links and unlinks keep the index exact.
func TestLifecycleIndexThroughMountOps(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	svc := e.svc
	e.put(t, "a/b/c.txt", []byte("c"))
	e.put(t, "a/x", []byte("x"))
	if _, err := svc.FSMkdir(ctx, "b", "a/empty", FileAttr{Mode: 0o700}); err != nil {
		t.Fatal(err)
	}
	if err := svc.FSRename(ctx, "b", "a", "z", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.FSLink(ctx, "b", "z/b/c.txt", "z/link"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.FSWrite(ctx, "b", "z/link", []Run{{Off: 0, Len: 3}}, bytes.NewReader([]byte("new")), true, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.FSTruncate(ctx, "b", "z/x", 0, true); err != nil {
		t.Fatal(err)
	}
	if err := svc.FSUnlink(ctx, "b", "z/b/c.txt"); err != nil {
		t.Fatal(err)
	}
	checkIndex(t, e)
}

// Versioned and suspended buckets: overwrites, delete markers, version
// deletes and a null version replaced keep the index exact.
func TestLifecycleIndexVersioned(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	if err := e.svc.SetVersioning(ctx, "b", VersioningEnabled); err != nil {
		t.Fatal(err)
	}
	v1 := e.put(t, "k", []byte("1"))
	e.put(t, "k", []byte("2"))
	if _, err := e.svc.DeleteObject(ctx, "b", "k", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.DeleteObject(ctx, "b", "k", v1.VersionID); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.SetVersioning(ctx, "b", VersioningSuspended); err != nil {
		t.Fatal(err)
	}
	e.put(t, "k", []byte("3"))
	e.put(t, "k", []byte("4")) // replaces the null version
	if _, err := e.svc.DeleteObject(ctx, "b", "k", ""); err != nil {
		t.Fatal(err) // a null delete marker replaces it again
	}
	checkIndex(t, e)
}

// A tag change writes a touch entry only under a lifecycle configuration,
// and the pass removes it once its tag-filtered tasks have read it.
func TestLifecycleTouchTrimmed(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	e.put(t, "k", []byte("k"))
	tag := func(v string) {
		t.Helper()
		_, err := e.svc.UpdateObjectMeta(ctx, "b", "k", "", func(i *ObjectInfo) error {
			i.Tags = map[string]string{"x": v}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	_, eng, m2, _ := e.svc.bucket(ctx, "b")
	touches := func() int {
		n := 0
		p := m2.LCTouchedPrefix()
		eng.View(ctx, func(r meta.Reader) error {
			it := r.Iter(p, meta.PrefixEnd(p))
			defer it.Close()
			for ok := it.First(); ok; ok = it.Next() {
				n++
			}
			return nil
		})
		return n
	}
	tag("0")
	if n := touches(); n != 0 {
		t.Fatalf("%d touch entries without a lifecycle configuration", n)
	}
	doc := `<LifecycleConfiguration><Rule><ID>r</ID><Status>Enabled</Status><Filter><Tag><Key>x</Key><Value>1</Value></Tag></Filter><Expiration><Days>100</Days></Expiration></Rule></LifecycleConfiguration>`
	if err := e.svc.PutBucketConfig(ctx, "b", LifecycleConfigName, []byte(doc)); err != nil {
		t.Fatal(err)
	}
	tag("1")
	if n := touches(); n != 1 {
		t.Fatalf("%d touch entries, want 1", n)
	}
	now := time.Now().Add(time.Minute)
	if _, err := e.svc.Lifecycle(ctx, LifecycleOptions{Now: func() time.Time { return now }}); err != nil {
		t.Fatal(err)
	}
	if n := touches(); n != 0 {
		t.Fatalf("%d touch entries after the pass, want 0", n)
	}
}
