package object

import (
	"bytes"
	"errors"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// lockedEnv is an env with a bucket "w" under Object Lock.
func lockedEnv(t *testing.T, vols int, policy string) *env {
	t.Helper()
	e := newEnv(t, vols, policy)
	if err := e.svc.CreateBucket(ctx, Bucket{Name: "w", Account: "acct", Versioning: VersioningEnabled, ObjectLock: true}); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *env) putLocked(t *testing.T, key string, b []byte, l *ObjectLock) ObjectInfo {
	t.Helper()
	info, err := e.svc.PutObject(ctx, "w", key, bytes.NewReader(b), PutOptions{Size: int64(len(b)), ObjectLock: l})
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func wantLocked(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, ErrLocked) || !strata.Is(err, strata.Permission) || Errno(err) != syscall.EPERM {
		t.Fatalf("got %v, want a locked error (Permission, EPERM)", err)
	}
}

func TestLockRefusesDeletes(t *testing.T) {
	e := lockedEnv(t, 1, "SINGLE")
	hour := time.Now().Add(time.Hour)
	comp := e.putLocked(t, "c", []byte("c"), &ObjectLock{Mode: LockCompliance, Until: hour})
	gov := e.putLocked(t, "g", []byte("g"), &ObjectLock{Mode: LockGovernance, Until: hour})
	held := e.putLocked(t, "h", []byte("h"), &ObjectLock{LegalHold: HoldOn})
	past := e.putLocked(t, "p", []byte("p"), &ObjectLock{Mode: LockCompliance, Until: time.Now().Add(-time.Second)})
	bypass := WithGovernanceBypass(ctx)

	for _, c := range []struct {
		info ObjectInfo
		ctx  bool
	}{{comp, false}, {comp, true}, {gov, false}, {held, false}, {held, true}} {
		cx := ctx
		if c.ctx {
			cx = bypass
		}
		_, err := e.svc.DeleteObject(cx, "w", c.info.Key, c.info.VersionID)
		wantLocked(t, err)
	}
	if _, err := e.svc.DeleteObject(bypass, "w", "g", gov.VersionID); err != nil {
		t.Fatalf("governance with bypass: %v", err)
	}
	if _, err := e.svc.DeleteObject(ctx, "w", "p", past.VersionID); err != nil {
		t.Fatalf("expired retention: %v", err)
	}
	// Retention rules.
	_, err := e.svc.PutRetention(bypass, "w", "c", "", LockCompliance, hour.Add(-time.Minute))
	wantLocked(t, err)
	_, err = e.svc.PutRetention(bypass, "w", "c", "", "", time.Time{})
	wantLocked(t, err)
	if _, err := e.svc.PutRetention(ctx, "w", "c", "", LockCompliance, hour.Add(time.Hour)); err != nil {
		t.Fatalf("extend: %v", err)
	}
	if _, err := e.svc.PutLegalHold(ctx, "w", "h", "", HoldOff); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.DeleteObject(ctx, "w", "h", held.VersionID); err != nil {
		t.Fatalf("after releasing the hold: %v", err)
	}
	// A bucket without Object Lock refuses retention.
	if _, err := e.svc.PutRetention(ctx, "b", "x", "", LockGovernance, hour); !strata.Is(err, strata.Invalid) {
		t.Fatalf("retention on a plain bucket: %v", err)
	}
}

// TestLockedChunksSurviveMaintenance runs the orphan collector, a
// rebuild and the improver over locked versions: none of them deletes a
// version, and every fragment the locked versions' records name is on
// its volume afterwards, their data intact.
func TestLockedChunksSurviveMaintenance(t *testing.T) {
	e := lockedEnv(t, 3, "THREECOPIES")
	until := time.Now().Add(time.Hour)
	objs := map[string][]byte{"big": data(2<<20+7, 1), "small": data(300<<10, 2)}
	infos := map[string]ObjectInfo{}
	for k, b := range objs {
		infos[k] = e.putLocked(t, k, b, &ObjectLock{Mode: LockCompliance, Until: until})
		// A newer version and a delete marker on top: the locked one is
		// no longer current.
		e.putLocked(t, k, []byte("newer"), nil)
		if _, err := e.svc.DeleteObject(ctx, "w", k, ""); err != nil {
			t.Fatal(err)
		}
	}
	check := func(stage string) {
		t.Helper()
		for k, b := range objs {
			v := infos[k].VersionID
			_, rc, err := e.svc.GetObject(ctx, "w", k, GetOptions{VersionID: v})
			if err != nil {
				t.Fatalf("%s: %s: %v", stage, k, err)
			}
			var got bytes.Buffer
			got.ReadFrom(rc)
			rc.Close()
			if !bytes.Equal(got.Bytes(), b) {
				t.Fatalf("%s: %s data changed", stage, k)
			}
			for _, f := range e.fragments(t, k, v) {
				st, _ := e.vols.Store(f.Service)
				if _, err := st.Stat(ctx, f.Chunk); err != nil {
					t.Fatalf("%s: %s chunk %s on %s: %v", stage, k, f.Chunk, f.Service, err)
				}
			}
		}
	}
	check("written")
	rep, err := e.svc.CollectOrphans(ctx, 0)
	if err != nil || rep.Deleted != 0 {
		t.Fatalf("gc: %+v %v", rep, err)
	}
	check("gc")
	// Lose a volume's chunks, then rebuild.
	for _, f := range e.chunkFiles("vol1") {
		os.Remove(f)
	}
	if rr, err := e.svc.Rebuild(ctx, RebuildOptions{Verify: true}); err != nil || rr.Unrecoverable != 0 {
		t.Fatalf("rebuild: %+v %v", rr, err)
	}
	check("rebuild")
	// Queue the locked versions for the improver.
	_, eng, m2, _ := e.svc.bucket(ctx, "w")
	for k, info := range infos {
		eng.Update(ctx, func(tx meta.Txn) error { return tx.Set(m2.Improve(k, info.VersionID), nil) })
	}
	if _, err := e.svc.Improve(ctx); err != nil {
		t.Fatal(err)
	}
	check("improve")
	if rep, err := e.svc.CollectOrphans(ctx, 0); err != nil || rep.Errors != 0 {
		t.Fatalf("second gc: %+v %v", rep, err)
	}
	check("second gc")
}

// fragments lists the chunks a version's record names.
func (e *env) fragments(t *testing.T, key, vid string) []fragmentRef {
	t.Helper()
	_, eng, m2, _ := e.svc.bucket(ctx, "w")
	var out []fragmentRef
	err := eng.View(ctx, func(r meta.Reader) error {
		rec, _, err := findVersion(r, m2, key, vid)
		if err != nil {
			return err
		}
		for _, f := range chunksOf(rec.Content) {
			out = append(out, fragmentRef{Service: f.Service, Chunk: f.Chunk})
		}
		return nil
	})
	if err != nil || len(out) == 0 {
		t.Fatalf("fragments of %s: %d, %v", key, len(out), err)
	}
	return out
}

type fragmentRef struct {
	Service string
	Chunk   strata.ChunkID
}

func TestLockedFileReadOnlyInFS(t *testing.T) {
	e := lockedEnv(t, 1, "SINGLE")
	e.putLocked(t, "f", []byte("locked"), &ObjectLock{Mode: LockGovernance, Until: time.Now().Add(time.Hour)})
	e.putLocked(t, "free", []byte("free"), nil)
	_, err := e.svc.FSWrite(ctx, "w", "f", []Run{{Off: 0, Len: 1}}, bytes.NewReader([]byte("x")), true, 0)
	wantLocked(t, err)
	_, err = e.svc.FSTruncate(ctx, "w", "f", 0, true)
	wantLocked(t, err)
	wantLocked(t, e.svc.FSUnlink(ctx, "w", "f"))
	wantLocked(t, e.svc.FSRename(ctx, "w", "f", "g", 0))
	wantLocked(t, e.svc.FSRename(ctx, "w", "free", "f", 0))
	st, err := e.svc.FSStat(ctx, "w", "f")
	if err != nil || !st.Locked {
		t.Fatalf("stat: %+v %v", st, err)
	}
	if _, err := e.svc.FSWrite(ctx, "w", "free", []Run{{Off: 0, Len: 1}}, bytes.NewReader([]byte("x")), true, 0); err != nil {
		t.Fatalf("unlocked file: %v", err)
	}
}

// A PUT reads the bucket's default retention only where the bucket has
// Object Lock: elsewhere none can exist, and the read would miss in every
// level of the store. Once PutLockConfig turns the lock on, the next PUT
// reads it and gets the retention.
func TestPutReadsDefaultRetentionOnlyUnderObjectLock(t *testing.T) {
	e, spy, m2 := newScanEnv(t)
	cfgReads := func(fn func()) int {
		before := spy.gotUnder(m2.Config(lockConfigName))
		fn()
		return spy.gotUnder(m2.Config(lockConfigName)) - before
	}
	if n := cfgReads(func() { e.put(t, "plain", []byte("x")) }); n != 0 {
		t.Fatalf("a PUT in a bucket without Object Lock read its lock configuration %d times", n)
	}
	if err := e.svc.SetVersioning(ctx, "b", VersioningEnabled); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.PutLockConfig(ctx, "b", LockConfig{Mode: "GOVERNANCE", Days: 1}); err != nil {
		t.Fatal(err)
	}
	var info ObjectInfo
	if n := cfgReads(func() { info = e.put(t, "kept", []byte("y")) }); n != 1 {
		t.Fatalf("a PUT under Object Lock read its lock configuration %d times, want 1", n)
	}
	if l := info.ObjectLock; l == nil || l.Mode != "GOVERNANCE" || time.Until(l.Until) < 23*time.Hour {
		t.Fatalf("default retention not applied: %+v", l)
	}
	if _, err := e.svc.DeleteObject(ctx, "b", "kept", info.VersionID); !errors.Is(err, ErrLocked) {
		t.Fatalf("delete of a retained version: %v", err)
	}
}
