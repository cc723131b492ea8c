package object

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// TestRewriteEncrypted: an SSE-C object is moved as ciphertext: it still
// decrypts with its key, and keeps its ETag and multipart part sizes.
func TestRewriteEncrypted(t *testing.T) {
	e := newEnv(t, 3, "EC2+1")
	sse := &SSE{Mode: SSEModeC, CustomerKey: bytes.Repeat([]byte{7}, 32)}
	b := data(3<<20+123, 1)
	before, err := e.svc.PutObject(ctx, "b", "enc", bytes.NewReader(b), PutOptions{Size: int64(len(b)), SSE: sse})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Rewrite(ctx, "b", "enc", "", "TWOCOPIES"); err != nil {
		t.Fatal(err)
	}
	info, rc, err := e.svc.GetObject(ctx, "b", "enc", GetOptions{SSE: sse, Range: &Range{Start: 1 << 20, End: 2<<20 + 7}})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(got, b[1<<20:2<<20+8]) || info.ETag != before.ETag || info.Policy != "TWOCOPIES" || info.StorageClass != "TWOCOPIES" {
		t.Fatalf("after Rewrite: %+v, plaintext equal %v", info, bytes.Equal(got, b[1<<20:2<<20+8]))
	}
}

// TestRewriteFile: a file written through the mount, with a hard link,
// is rewritten for both names; the file view reads the same bytes.
func TestRewriteFile(t *testing.T) {
	e := newEnv(t, 3, "SINGLE")
	if _, err := e.svc.FSCreate(ctx, "b", "f", FileAttr{Mode: 0o644}, true); err != nil {
		t.Fatal(err)
	}
	b := data(700<<10, 2)
	if _, err := e.svc.FSWrite(ctx, "b", "f", []Run{{Off: 0, Len: int64(len(b))}}, bytes.NewReader(b), true, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.FSLink(ctx, "b", "f", "g"); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Rewrite(ctx, "b", "f", "", "THREECOPIES"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"f", "g"} {
		if got := e.fsRead(t, name); !bytes.Equal(got, b) {
			t.Fatalf("%s: file view differs after Rewrite", name)
		}
		info, err := e.svc.HeadObject(ctx, "b", name, GetOptions{})
		if err != nil || info.Policy != "THREECOPIES" || info.StorageClass != "THREECOPIES" {
			t.Fatalf("%s: %+v %v", name, info, err)
		}
	}
	if got := e.get(t, "g"); !bytes.Equal(got, b) {
		t.Fatal("S3 view of the link differs after Rewrite")
	}
}

// TestRewriteLocked: a version under COMPLIANCE retention is moved (its
// data, not its identity) and keeps its lock.
func TestRewriteLocked(t *testing.T) {
	e := lockedEnv(t, 3, "SINGLE")
	until := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	b := data(200<<10, 3)
	v := e.putLocked(t, "c", b, &ObjectLock{Mode: LockCompliance, Until: until})
	if err := e.svc.Rewrite(ctx, "w", "c", v.VersionID, "TWOCOPIES"); err != nil {
		t.Fatal(err)
	}
	info, err := e.svc.HeadObject(ctx, "w", "c", GetOptions{VersionID: v.VersionID})
	if err != nil || info.ObjectLock == nil || info.ObjectLock.Mode != LockCompliance || !info.ObjectLock.Until.Equal(until) ||
		info.Policy != "TWOCOPIES" || info.VersionID != v.VersionID {
		t.Fatalf("after Rewrite: %+v %v", info, err)
	}
	if _, err := e.svc.DeleteObject(ctx, "w", "c", v.VersionID); err == nil {
		t.Fatal("the rewritten version lost its retention")
	}
}

// raceStore runs hook once, in the middle of the first chunk write that
// starts after arm is set.
type raceStore struct {
	blob.Store
	arm  *atomic.Bool
	hook func()
}

func (r raceStore) Put(ctx context.Context, id strata.ChunkID, ref blob.BackRef, body io.Reader) (blob.ChunkInfo, error) {
	if r.arm.CompareAndSwap(true, false) {
		r.hook()
	}
	return r.Store.Put(ctx, id, ref, body)
}

// TestRewriteLosesToAWrite: a version overwritten while Rewrite copies it
// is not touched: Rewrite fails with Conflict and deletes its copy; the
// new write's bytes and chunks stay.
func TestRewriteLosesToAWrite(t *testing.T) {
	e := newEnv(t, 2, "SINGLE")
	old, fresh := data(300<<10, 4), data(300<<10, 5)
	e.put(t, "k", old)
	var arm atomic.Bool
	for id, st := range e.vols.stores {
		e.vols.stores[id] = raceStore{Store: st, arm: &arm, hook: func() { e.put(t, "k", fresh) }}
	}
	arm.Store(true)
	if err := e.svc.Rewrite(ctx, "b", "k", "", "TWOCOPIES"); !strata.Is(err, strata.Conflict) {
		t.Fatalf("Rewrite racing an overwrite: %v, want Conflict", err)
	}
	if got := e.get(t, "k"); !bytes.Equal(got, fresh) {
		t.Fatal("the overwrite was lost")
	}
	n := 0
	for _, d := range e.vols.dirs {
		filepath.WalkDir(filepath.Join(d, "chunks"), func(_ string, de fs.DirEntry, err error) error {
			if err == nil && !de.IsDir() {
				n++
			}
			return nil
		})
	}
	if n != 1 {
		t.Fatalf("%d chunk files left, want 1 (the overwrite's SINGLE copy)", n)
	}
}

// TestRewriteMixedForms: a version whose version key holds JSON (written
// before the compact form) and whose current record is compact (encoded
// anew) is still the current version: Rewrite moves both, and the
// current record never points at the chunks it deleted.
func TestRewriteMixedForms(t *testing.T) {
	e := newEnv(t, 3, "SINGLE")
	b := data(300<<10, 4)
	info, err := e.svc.PutObject(ctx, "b", "mixed", bytes.NewReader(b), PutOptions{Size: int64(len(b))})
	if err != nil {
		t.Fatal(err)
	}
	_, eng, m2, err := e.svc.bucket(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	vkey := m2.Version("mixed", info.Modified.UnixNano(), info.VersionID)
	err = eng.Update(ctx, func(tx meta.Txn) error {
		cur, err := tx.Get(m2.Current("mixed"))
		if err != nil {
			return err
		}
		if cur[0] != recordCompact {
			t.Errorf("a PUT wrote %q, not the compact form", cur)
		}
		rec, err := decodeRecord(cur)
		if err != nil {
			return err
		}
		if _, err := tx.Get(vkey); err != nil {
			return err
		}
		return tx.Set(vkey, encodeRecordJSON(rec))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Rewrite(ctx, "b", "mixed", "", "THREECOPIES"); err != nil {
		t.Fatal(err)
	}
	head, err := e.svc.HeadObject(ctx, "b", "mixed", GetOptions{})
	if err != nil || head.Policy != "THREECOPIES" {
		t.Fatalf("current record after Rewrite: %+v %v", head, err)
	}
	if got := e.get(t, "mixed"); !bytes.Equal(got, b) {
		t.Fatal("GET after Rewrite differs")
	}
}

// TestWriteJSONRecords: a process told to write JSON (a rolling upgrade
// from a version before the compact form) writes the current and the
// version record of every PUT as the JSON such a version reads; told
// otherwise, it writes compact again, and objects of both forms read,
// list and delete alike.
func TestWriteJSONRecords(t *testing.T) {
	WriteJSONRecords(true)
	t.Cleanup(func() { WriteJSONRecords(false) })
	e := newEnv(t, 3, "SINGLE")
	small, big := data(100, 1), data(300<<10, 2)
	put := func(key string, b []byte) ObjectInfo {
		info, err := e.svc.PutObject(ctx, "b", key, bytes.NewReader(b), PutOptions{Size: int64(len(b))})
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	_, eng, m2, err := e.svc.bucket(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	// raw returns the current and the version record of key.
	raw := func(info ObjectInfo) (cur, ver []byte) {
		err := eng.View(ctx, func(r meta.Reader) (err error) {
			if cur, err = r.Get(m2.Current(info.Key)); err != nil {
				return err
			}
			ver, err = r.Get(m2.Version(info.Key, info.Modified.UnixNano(), info.VersionID))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return cur, ver
	}
	for _, info := range []ObjectInfo{put("small", small), put("big", big)} {
		cur, ver := raw(info)
		for _, b := range [][]byte{cur, ver} {
			rec, err := decodeRecordSlow(b)
			if b[0] != '{' || err != nil || !bytes.Equal(b, encodeRecordJSON(rec)) {
				t.Fatalf("%s: record %q (%v), want the JSON form", info.Key, b, err)
			}
		}
	}
	WriteJSONRecords(false)
	small2 := data(50, 3)
	if cur, ver := raw(put("small", small2)); cur[0] != recordCompact || ver[0] != recordCompact {
		t.Fatalf("after WriteJSONRecords(false): %q, %q", cur, ver)
	}
	if !bytes.Equal(e.get(t, "small"), small2) || !bytes.Equal(e.get(t, "big"), big) {
		t.Fatal("GET differs")
	}
	res, err := e.svc.ListObjects(ctx, "b", ListOptions{MaxKeys: 10})
	if err != nil || len(res.Objects) != 2 || res.Objects[0].Key != "big" || res.Objects[0].Size != int64(len(big)) {
		t.Fatalf("list: %+v %v", res, err)
	}
	for _, key := range []string{"big", "small"} {
		if _, err := e.svc.DeleteObject(ctx, "b", key, ""); err != nil {
			t.Fatal(err)
		}
	}
}
