package object

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// checkIndexAtEnd makes every test of the package that builds an env
// end by comparing the volume index with a full scan: whatever the test
// wrote, through whichever path, must have kept the index exact.
func (e *env) checkIndexAtEnd(t testing.TB) {
	t.Cleanup(func() {
		if t.Failed() || e.svc.noVolumeIndex {
			return
		}
		rep, err := e.svc.CheckVolumeIndex(context.Background())
		if err != nil || rep.Missing != 0 || rep.Stale != 0 {
			t.Errorf("the volume index differs from the records at the end of the test: %+v %v", rep, err)
		}
		e.checkLightDecode(t, "end of test")
	})
}

// checkIndex fails the test unless the volume index matches a full scan.
func (e *env) checkIndex(t *testing.T, when string) IndexCheckReport {
	t.Helper()
	rep, err := e.svc.CheckVolumeIndex(ctx)
	if err != nil {
		t.Fatalf("%s: check: %v", when, err)
	}
	if rep.Missing != 0 || rep.Stale != 0 || rep.Entries != rep.Expected {
		t.Fatalf("%s: index differs from the scan: %+v", when, rep)
	}
	e.checkLightDecode(t, when)
	return rep
}

// checkLightDecode: for every record, the index's partial decoding
// finds exactly the fragments the full record decoding finds.
func (e *env) checkLightDecode(t testing.TB, when string) {
	t.Helper()
	c, _, m2, err := e.svc.bucket(ctx, "b")
	if err != nil {
		return // the test removed it
	}
	err = e.svc.dir.Root().View(ctx, func(r meta.Reader) error {
		for _, kind := range []byte{'v', 'p', 'l'} {
			p := append(m2.All(), kind, '/')
			it := r.Iter(p, meta.PrefixEnd(p))
			for ok := it.First(); ok; ok = it.Next() {
				var full []segment
				switch kind {
				case 'v':
					rec, _ := decodeRecord(it.Value())
					full = rec.owned()
				case 'p':
					var pr partRecord
					json.Unmarshal(it.Value(), &pr)
					full = pr.Content
				case 'l':
					var op pendingOp
					json.Unmarshal(it.Value(), &op)
					full = op.Data
				}
				want := map[string]bool{}
				for _, f := range chunksOf(full) {
					want[f.Service+"/"+string(f.Chunk)] = true
				}
				_, rel, _ := directory.SplitRecordKey(it.Key())
				got := map[string]bool{}
				for k := range indexEntries(c.ID, rel, it.Value()) {
					ent, _ := directory.ParseVolumeIndexKey([]byte(k))
					got[ent.Volume+"/"+ent.Chunk] = true
				}
				if !maps.Equal(got, want) {
					t.Errorf("%s: record %q: index decodes %v, the record %v", when, it.Key(), got, want)
				}
			}
			it.Close()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// entriesOfKind counts the index entries of records of one kind.
func (e *env) entriesOfKind(t *testing.T, kind byte) int {
	t.Helper()
	n := 0
	p := directory.VolumeIndexAll()
	err := e.svc.dir.Root().View(ctx, func(r meta.Reader) error {
		it := r.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			if ent, ok := directory.ParseVolumeIndexKey(it.Key()); ok && ent.Record[0] == kind {
				n++
			}
		}
		return it.Error()
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// volumeEntries counts a volume's index entries.
func (e *env) volumeEntries(t *testing.T, vol string) int64 {
	t.Helper()
	var n int64
	p := directory.VolumeIndexPrefix(vol)
	err := e.svc.dir.Root().View(ctx, func(r meta.Reader) error {
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

// TestVolumeIndexFollowsEveryWrite: after put, overwrite, versioned
// overwrite and delete, multipart (parts, completion, abort), rewrite,
// a mount write and a rebuild that moves fragments, the index equals
// what a full scan of the records finds: nothing missing, nothing stale.
func TestVolumeIndexFollowsEveryWrite(t *testing.T) {
	e := newEnv(t, 4, "TWOCOPIES")
	e.svc.cfg.InlineMax = 1 << 10
	if _, err := e.svc.BackfillVolumeIndex(ctx); err != nil {
		t.Fatal(err)
	}
	e.put(t, "a", data(300<<10, 1))
	e.put(t, "small", data(100, 2)) // inline: no entries
	rep := e.checkIndex(t, "put")
	if rep.Entries != 2 {
		t.Fatalf("one 2-copy object: %d entries, want 2", rep.Entries)
	}
	e.put(t, "a", data(2<<20+3, 3)) // overwrite, unversioned: 3 metachunks
	e.checkIndex(t, "overwrite")
	if err := e.svc.SetVersioning(ctx, "b", "Enabled"); err != nil {
		t.Fatal(err)
	}
	e.put(t, "a", data(200<<10, 4))
	e.put(t, "v", data(200<<10, 5))
	if _, err := e.svc.DeleteObject(ctx, "b", "v", ""); err != nil { // a delete marker
		t.Fatal(err)
	}
	e.checkIndex(t, "versioned")
	vs, err := e.svc.ListVersions(ctx, "b", ListVersionsOptions{MaxKeys: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs.Versions {
		if v.Key == "v" {
			if _, err := e.svc.DeleteObject(ctx, "b", "v", v.VersionID); err != nil {
				t.Fatal(err)
			}
		}
	}
	e.checkIndex(t, "version deletes")

	// Multipart: parts are indexed, completion moves them into the
	// version, an abort drops them.
	up, err := e.svc.CreateUpload(ctx, "b", "mp", PutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var parts []CompletePart
	for i := 1; i <= 2; i++ {
		b := data(5<<20, int64(10+i))
		p, err := e.svc.UploadPart(ctx, "b", "mp", up.UploadID, i, bytes.NewReader(b), PutOptions{Size: int64(len(b))})
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, CompletePart{Number: i, ETag: p.ETag})
	}
	e.checkIndex(t, "parts")
	if _, err := e.svc.CompleteUpload(ctx, "b", "mp", up.UploadID, parts, PutOptions{}); err != nil {
		t.Fatal(err)
	}
	e.checkIndex(t, "complete")
	up2, _ := e.svc.CreateUpload(ctx, "b", "mp2", PutOptions{})
	b := data(1<<20, 20)
	if _, err := e.svc.UploadPart(ctx, "b", "mp2", up2.UploadID, 1, bytes.NewReader(b), PutOptions{Size: int64(len(b))}); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.AbortUpload(ctx, "b", "mp2", up2.UploadID); err != nil {
		t.Fatal(err)
	}
	e.checkIndex(t, "abort")

	// Rewrite to another policy replaces every fragment.
	if err := e.svc.Rewrite(ctx, "b", "mp", "", "EC2+1"); err != nil {
		t.Fatal(err)
	}
	e.checkIndex(t, "rewrite")

	// A mount write: pending log fragments under l/, then published.
	if _, err := e.svc.FSCreate(ctx, "b", "f", FileAttr{Mode: 0o644}, true); err != nil {
		t.Fatal(err)
	}
	fb := data(300<<10, 30)
	if _, err := e.svc.FSWrite(ctx, "b", "f", []Run{{Off: 0, Len: int64(len(fb))}}, bytes.NewReader(fb), false, 0); err != nil {
		t.Fatal(err)
	}
	e.checkIndex(t, "pending mount write")
	if n := e.entriesOfKind(t, 'l'); n == 0 {
		t.Fatal("a pending mount write has no index entry")
	}
	tail := data(70<<10, 31)
	if _, err := e.svc.FSWrite(ctx, "b", "f", []Run{{Off: int64(len(fb)), Len: int64(len(tail))}}, bytes.NewReader(tail), true, 0); err != nil {
		t.Fatal(err)
	}
	fb = append(fb, tail...)
	e.checkIndex(t, "published mount write")

	// A lost volume: the rebuild moves its fragments, and their entries.
	for _, f := range e.chunkFiles("vol1") {
		os.Remove(f)
	}
	if r, err := e.svc.Rebuild(ctx, RebuildOptions{Volume: "vol1"}); err != nil || r.Unrecoverable != 0 {
		t.Fatalf("rebuild: %+v %v", r, err)
	}
	e.checkIndex(t, "rebuild")
	if got := e.read0(t, "f"); !bytes.Equal(got, fb) {
		t.Fatal("file differs after rebuild")
	}
}

func (e *env) read0(t *testing.T, key string) []byte {
	t.Helper()
	b, err := e.read(key, nil)
	if err != nil {
		t.Fatalf("read %s: %v", key, err)
	}
	return b
}

// TestRebuildVolumeReadsOnlyItsIndex: 2,000 objects, two copies over 4
// volumes; one volume is lost. The rebuild reads exactly that volume's
// index entries and the records they name (about half the objects), not
// every record, and afterwards every object reads back byte-exact even
// with a second volume gone.
func TestRebuildVolumeReadsOnlyItsIndex(t *testing.T) {
	const objects = 2000
	e := newEnv(t, 4, "TWOCOPIES")
	e.svc.cfg.InlineMax = 0
	if _, err := e.svc.BackfillVolumeIndex(ctx); err != nil {
		t.Fatal(err)
	}
	sums := map[string][16]byte{}
	for i := 0; i < objects; i++ {
		k := fmt.Sprintf("o/%05d", i)
		b := data(1<<10+i, int64(i))
		e.put(t, k, b)
		sums[k] = md5.Sum(b)
	}
	e.checkIndex(t, "loaded")
	const lost = "vol2"
	own := e.volumeEntries(t, lost)
	if chunks := int64(len(e.chunkFiles(lost))); own != chunks || own == 0 {
		t.Fatalf("%s: %d index entries, %d chunk files", lost, own, chunks)
	}
	// The volume dies: its disk and its registration are gone.
	os.RemoveAll(e.vols.dirs[lost])
	delete(e.vols.stores, lost)
	e.reg.Forget(lost)

	rep, err := e.svc.Rebuild(ctx, RebuildOptions{Volume: lost})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("rebuild of %s: %d of %d objects' records read, %d index entries; report %+v", lost, rep.Records, objects, rep.IndexEntries, rep)
	if rep.IndexEntries != own || rep.Records != own || rep.Objects != own || rep.ShardsScanned != 0 {
		t.Fatalf("read %d entries, %d records (%d scanned), want %d of each: %+v", rep.IndexEntries, rep.Records, rep.Objects, own, rep)
	}
	if rep.Rebuilt != own || rep.Unrecoverable != 0 || rep.IndexStale != 0 {
		t.Fatalf("rebuilt %d of %d: %+v", rep.Rebuilt, own, rep)
	}
	if n := e.volumeEntries(t, lost); n != 0 {
		t.Fatalf("%d entries still on %s", n, lost)
	}
	e.checkIndex(t, "rebuilt")
	// The full scan reads every record, and finds nothing left to do.
	full, err := e.svc.Rebuild(ctx, RebuildOptions{})
	if err != nil || full.Objects != objects || full.Lost != 0 || full.Rebuilt != 0 {
		t.Fatalf("full scan after the volume rebuild: %+v %v", full, err)
	}
	t.Logf("indexed rebuild: %d records in %.2fs; full scan: %d records in %.2fs", rep.Records, rep.Seconds, full.Objects, full.Seconds)
	// A second volume lost: every object still has its other copy.
	for _, f := range e.chunkFiles("vol0") {
		os.Remove(f)
	}
	for k, sum := range sums {
		if got := e.read0(t, k); md5.Sum(got) != sum {
			t.Fatalf("%s differs after the rebuild", k)
		}
	}
}

// TestVolumeIndexBackfill: records written before the index (as by an
// older version) are indexed by a resumable backfill; until it is done a
// volume rebuild scans the shard instead.
func TestVolumeIndexBackfill(t *testing.T) {
	e := newEnv(t, 3, "TWOCOPIES")
	e.svc.cfg.InlineMax = 0
	e.svc.noVolumeIndex = true
	for i := 0; i < 40; i++ {
		e.put(t, fmt.Sprint("old", i), data(2<<10, int64(i)))
	}
	e.svc.noVolumeIndex = false
	e.put(t, "new", data(2<<10, 99))
	rep, err := e.svc.CheckVolumeIndex(ctx)
	if err != nil || rep.Missing != 80 || rep.Ready != 0 {
		t.Fatalf("before backfill: %+v %v", rep, err)
	}
	// Not backfilled: a volume rebuild falls back to the scan.
	r, err := e.svc.Rebuild(ctx, RebuildOptions{Volume: "vol1"})
	if err != nil || r.ShardsScanned != 1 || r.IndexEntries != 0 || r.Objects != 41 {
		t.Fatalf("fallback: %+v %v", r, err)
	}
	// A few small batches, a write between them, then the rest.
	eng := e.svc.dir.Root()
	var br IndexBackfillReport
	for i := 0; i < 3; i++ {
		done, err := backfillShard(ctx, eng, 10, 1, &br)
		if err != nil || done {
			t.Fatalf("batch %d: done %v, %v", i, done, err)
		}
		e.put(t, fmt.Sprint("mid", i), data(2<<10, int64(100+i)))
	}
	if br.Keys != 30 {
		t.Fatalf("3 batches of 10 walked %d keys", br.Keys)
	}
	ctx2, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	full, err := e.svc.BackfillVolumeIndex(ctx2)
	if err != nil || full.Done != 1 {
		t.Fatalf("backfill: %+v %v", full, err)
	}
	rep = e.checkIndex(t, "backfilled")
	if rep.Ready != 1 || rep.Entries != 2*44 {
		t.Fatalf("after backfill: %+v", rep)
	}
	again, _ := e.svc.BackfillVolumeIndex(ctx)
	if again.Keys != 0 || again.Done != 1 {
		t.Fatalf("a done shard is walked again: %+v", again)
	}
	// A stale entry (its record gone: none is expected) is counted,
	// skipped and dropped.
	c, _, m2, _ := e.svc.bucket(ctx, "b")
	gone := append([]byte("v/"), m2.Strip(m2.Version("gone", 1, "v"))...)
	stale := directory.VolumeIndexKey("vol1", c.ID, string(strata.NewChunkID()), gone)
	if err := eng.Update(ctx, func(tx meta.Txn) error { return tx.Set(stale, []byte{0}) }); err != nil {
		t.Fatal(err)
	}
	n := e.volumeEntries(t, "vol1")
	r, err = e.svc.Rebuild(ctx, RebuildOptions{Volume: "vol1"})
	if err != nil || r.ShardsScanned != 0 || r.IndexEntries != n || r.IndexStale != 1 || r.Records != n-1 {
		t.Fatalf("indexed rebuild: %+v %v", r, err)
	}
	e.checkIndex(t, "stale entry dropped")
}

// TestPutSkipsReadOfNewVersionKey: a PUT's version key is new (its time
// is past every version of the object), so keeping the volume index does
// not read it: a point read that would miss in every level of the store.
// The index still lists every chunk, in an unversioned bucket (the null
// version replaced, its entries dropped) as in a versioned one.
func TestPutSkipsReadOfNewVersionKey(t *testing.T) {
	e, spy, m2 := newScanEnv(t)
	big := data(1<<20+5, 7) // chunks, not inline bytes
	reads := func(fn func()) int {
		before := spy.gotUnder(m2.VersionPrefix())
		fn()
		return spy.gotUnder(m2.VersionPrefix()) - before
	}
	if n := reads(func() { e.put(t, "new", big) }); n != 0 {
		t.Fatalf("the PUT of a new key read %d version keys", n)
	}
	// An overwrite deletes the null version it replaces: that one is
	// read, to drop its index entries; the new one is not.
	if n := reads(func() { e.put(t, "new", big[1:]) }); n != 1 {
		t.Fatalf("the overwrite of a null version read %d version keys, want 1 (the old one)", n)
	}
	e.checkIndex(t, "after the unversioned PUTs")
	if err := e.svc.SetVersioning(ctx, "b", "Enabled"); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if n := reads(func() { e.put(t, "new", big[i:]) }); n != 0 {
			t.Fatalf("versioned PUT %d read %d version keys", i, n)
		}
	}
	e.checkIndex(t, "after the versioned PUTs")
	if !bytes.Equal(e.get(t, "new"), big[2:]) {
		t.Fatal("GET differs")
	}
}

// setNew reaches the index through the wrappers a PUT's transaction may
// have (a split range's homeConfigTxn, a quota's admittedTxn), and falls
// back to Set on a transaction that does not know SetNew.
func TestSetNewThroughWrappers(t *testing.T) {
	var rec setNewRecorder
	if err := setNew(homeConfigTxn{Txn: admittedTxn{Txn: &rec}}, []byte("a"), []byte("1")); err != nil || rec.news != 1 || rec.sets != 0 {
		t.Fatalf("through homeConfigTxn and admittedTxn: %d SetNew, %d Set, %v", rec.news, rec.sets, err)
	}
	if err := setNew(struct{ meta.Txn }{&rec}, []byte("b"), []byte("2")); err != nil || rec.news != 1 || rec.sets != 1 {
		t.Fatalf("through a wrapper without SetNew: %d SetNew, %d Set, %v", rec.news, rec.sets, err)
	}
}

type setNewRecorder struct {
	meta.Txn
	news, sets int
}

func (r *setNewRecorder) SetNew(k, v []byte) error { r.news++; return nil }
func (r *setNewRecorder) Set(k, v []byte) error    { r.sets++; return nil }
