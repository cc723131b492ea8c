package object

import (
	"bytes"
	"context"
	"crypto/md5"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/strata"
)

var ctx = context.Background()

// volumes is a Blobs over local disks, for tests.
type volumes struct {
	dirs   map[string]string
	stores map[string]blob.Store
}

func (v *volumes) Store(id string) (blob.Store, error) {
	s, ok := v.stores[id]
	if !ok {
		return nil, strata.Errorf("test", strata.Unavailable, "no %s", id)
	}
	return s, nil
}
func (v *volumes) Volumes() int { return len(v.stores) }
func (v *volumes) Services() []string {
	var ids []string
	for id := range v.stores {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

type env struct {
	svc  *Service
	vols *volumes
	reg  *conscience.Local
}

// newEnv builds a real object service: pebble, n disk volumes on
// distinct "hosts", and the conscience placing on them.
func newEnv(t testing.TB, n int, policy string) *env {
	t.Helper()
	return newEnvOn(t, n, policy, nil)
}

// newEnvOn is newEnv with the metadata engine passed through wrap (when
// not nil), for tests that step between a transaction and its commit.
func newEnvOn(t testing.TB, n int, policy string, wrap func(meta.Engine) meta.Engine) *env {
	t.Helper()
	dir := t.TempDir()
	// As the server opens it: with the range fences and marks kept hot.
	pe, err := metapebble.Open(filepath.Join(dir, "meta"), metapebble.Options{Hot: directory.RangeStateKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pe.Close() })
	var eng meta.Engine = pe
	if wrap != nil {
		eng = wrap(pe)
	}
	ccfg := conscience.DefaultConfig()
	ccfg.Expiry = time.Hour // registered once: no heartbeat in these tests
	reg, _ := conscience.NewLocal(ccfg)
	vols := &volumes{dirs: map[string]string{}, stores: map[string]blob.Store{}}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("vol%d", i)
		vd := filepath.Join(dir, id)
		d, err := blob.OpenDisk(vd, blob.DiskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		vols.dirs[id], vols.stores[id] = vd, d
		reg.Register(ctx, strata.Service{ID: id, Type: strata.ServiceBlob, Location: strata.Location(fmt.Sprintf("dc.r.h%d.%s", i, id)),
			Stats: strata.Stats{CPUIdle: 100, IOIdle: 100, SpaceFree: 100}})
	}
	d, _ := directory.New(eng, nil, nil)
	cfg := DefaultConfig()
	cfg.MetachunkSize = 1 << 20
	cfg.DefaultPolicy = policy
	cfg.ECMinSize = 0
	svc, err := New(cfg, d, vols, reg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.CreateBucket(ctx, Bucket{Name: "b", Account: "acct"}); err != nil {
		t.Fatal(err)
	}
	e := &env{svc: svc, vols: vols, reg: reg}
	e.checkIndexAtEnd(t) // rdir_test.go
	return e
}

func data(n int, seed int64) []byte {
	b := make([]byte, n)
	rand.New(rand.NewSource(seed)).Read(b)
	return b
}

func (e *env) put(t *testing.T, key string, b []byte) ObjectInfo {
	t.Helper()
	info, err := e.svc.PutObject(ctx, "b", key, bytes.NewReader(b), PutOptions{Size: int64(len(b))})
	if err != nil {
		t.Fatalf("put %s: %v", key, err)
	}
	return info
}

func (e *env) read(key string, r *Range) ([]byte, error) {
	_, rc, err := e.svc.GetObject(ctx, "b", key, GetOptions{Range: r})
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// chunkFiles lists the chunk files of a volume.
func (e *env) chunkFiles(vol string) []string {
	var out []string
	filepath.Walk(filepath.Join(e.vols.dirs[vol], "chunks"), func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func TestPutGetAcrossMetachunks(t *testing.T) {
	e := newEnv(t, 3, "THREECOPIES")
	for _, n := range []int{0, 1, 64 << 10, 64<<10 + 1, 1 << 20, 3<<20 + 77} {
		b := data(n, int64(n))
		info := e.put(t, fmt.Sprint("k", n), b)
		if info.ETag != fmt.Sprintf("%x", md5.Sum(b)) {
			t.Fatalf("%d: etag %s", n, info.ETag)
		}
		got, err := e.read(fmt.Sprint("k", n), nil)
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("%d bytes: %v", n, err)
		}
		if n > 10 {
			r := &Range{Start: int64(n / 3), End: int64(n - 2)}
			got, err := e.read(fmt.Sprint("k", n), r)
			if err != nil || !bytes.Equal(got, b[r.Start:r.End+1]) {
				t.Fatalf("%d bytes range: %v", n, err)
			}
		}
	}
}

// damage deletes every other chunk file of a volume and flips a byte in
// the rest.
func (e *env) damage(t *testing.T, vol string) {
	for i, f := range e.chunkFiles(vol) {
		if i%2 == 0 {
			os.Remove(f)
			continue
		}
		fh, _ := os.OpenFile(f, os.O_RDWR, 0)
		st, _ := fh.Stat()
		b := []byte{0}
		off := st.Size() / 2
		fh.ReadAt(b, off)
		b[0] ^= 0x5a
		fh.WriteAt(b, off)
		fh.Close()
	}
}

func testDegradedAndRebuild(t *testing.T, vols int, policy string, lose []string) {
	e := newEnv(t, vols, policy)
	objs := map[string][]byte{}
	for i, n := range []int{100 << 10, 1 << 20, 2<<20 + 5, 5 << 20} {
		k := fmt.Sprint("o", i)
		objs[k] = data(n, int64(i))
		e.put(t, k, objs[k])
	}
	for _, v := range lose {
		e.damage(t, v)
	}
	for k, b := range objs {
		got, err := e.read(k, nil)
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("%s after losing %v: err %v, equal %v", k, lose, err, bytes.Equal(got, b))
		}
	}
	rep, err := e.svc.Rebuild(ctx, RebuildOptions{Verify: true})
	if err != nil || rep.Rebuilt == 0 || rep.Unrecoverable != 0 {
		t.Fatalf("rebuild: %+v %v", rep, err)
	}
	t.Logf("rebuild: %d fragments, %d bytes at %.1f MiB/s", rep.Rebuilt, rep.Bytes, rep.BytesPerSecond/(1<<20))
	// Now lose as many *other* volumes: the rebuilt fragments carry the reads.
	others := []string{}
	for _, id := range e.vols.Services() {
		if !contains(lose, id) && len(others) < len(lose) {
			others = append(others, id)
		}
	}
	for _, v := range others {
		for _, f := range e.chunkFiles(v) {
			os.Remove(f)
		}
	}
	for k, b := range objs {
		got, err := e.read(k, nil)
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("%s after rebuild and losing %v: %v", k, others, err)
		}
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func TestDegradedReadsAndRebuildEC(t *testing.T) {
	testDegradedAndRebuild(t, 6, "EC4+2", []string{"vol1", "vol4"})
}

func TestDegradedReadsAndRebuildReplicas(t *testing.T) {
	testDegradedAndRebuild(t, 3, "THREECOPIES", []string{"vol0", "vol2"})
}

func TestBeyondToleranceIsAClearError(t *testing.T) {
	e := newEnv(t, 6, "EC4+2")
	e.put(t, "x", data(2<<20, 1))
	for _, v := range []string{"vol0", "vol1", "vol2"} {
		for _, f := range e.chunkFiles(v) {
			os.Remove(f)
		}
	}
	if _, err := e.read("x", nil); !strata.Is(err, strata.Unavailable) {
		t.Fatalf("3 of 6 fragments lost: got %v, want Unavailable", err)
	}
}

func TestCollectOrphans(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	e.put(t, "live", data(300<<10, 1))
	// An interrupted write: chunks with a back-reference to a version
	// that was never committed.
	st, _ := e.vols.Store("vol0")
	c, _ := e.svc.dir.Lookup(ctx, "b")
	if _, err := st.Put(ctx, strata.NewChunkID(), blob.BackRef{Container: c.ID.String(), Object: "ghost", Version: "null", Position: "0.0"}, bytes.NewReader(data(1000, 2))); err != nil {
		t.Fatal(err)
	}
	before := len(e.chunkFiles("vol0"))
	rep, err := e.svc.CollectOrphans(ctx, 0)
	if err != nil || rep.Deleted != 1 || rep.Live != 1 {
		t.Fatalf("gc: %+v %v", rep, err)
	}
	if after := len(e.chunkFiles("vol0")); after != before-1 {
		t.Fatalf("chunk files %d -> %d", before, after)
	}
	if got, err := e.read("live", nil); err != nil || len(got) != 300<<10 {
		t.Fatalf("live object damaged by gc: %v", err)
	}
	// Young orphans are kept.
	st.Put(ctx, strata.NewChunkID(), blob.BackRef{Container: c.ID.String(), Object: "ghost2", Version: "null"}, bytes.NewReader(data(10, 3)))
	if rep, _ := e.svc.CollectOrphans(ctx, time.Hour); rep.Deleted != 0 || rep.Young != 1 {
		t.Fatalf("young orphan: %+v", rep)
	}
}

func TestVersioning(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	if err := e.svc.SetVersioning(ctx, "b", VersioningEnabled); err != nil {
		t.Fatal(err)
	}
	v1 := e.put(t, "k", []byte("one"))
	v2 := e.put(t, "k", []byte("two"))
	del, err := e.svc.DeleteObject(ctx, "b", "k", "")
	if err != nil || !del.DeleteMarker {
		t.Fatalf("delete: %+v %v", del, err)
	}
	if _, err := e.read("k", nil); !strata.Is(err, strata.NotExist) {
		t.Fatalf("read behind a delete marker: %v", err)
	}
	_, rc, err := e.svc.GetObject(ctx, "b", "k", GetOptions{VersionID: v1.VersionID})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	if string(b) != "one" {
		t.Fatalf("v1 = %q", b)
	}
	if _, _, err := e.svc.GetObject(ctx, "b", "k", GetOptions{VersionID: del.VersionID}); !strata.Is(err, strata.Invalid) {
		t.Fatalf("GET of a delete marker by id: %v", err)
	}
	vs, _ := e.svc.ListVersions(ctx, "b", ListVersionsOptions{MaxKeys: 1000})
	if len(vs.Versions) != 3 || !vs.Versions[0].DeleteMarker || !vs.Versions[0].IsLatest || vs.Versions[1].VersionID != v2.VersionID {
		t.Fatalf("versions: %+v", vs.Versions)
	}
	// Removing the marker brings v2 back.
	if _, err := e.svc.DeleteObject(ctx, "b", "k", del.VersionID); err != nil {
		t.Fatal(err)
	}
	if got, err := e.read("k", nil); err != nil || string(got) != "two" {
		t.Fatalf("after removing the marker: %q %v", got, err)
	}
	// Suspended: writes replace the null version only.
	e.svc.SetVersioning(ctx, "b", VersioningSuspended)
	e.put(t, "k", []byte("null-1"))
	e.put(t, "k", []byte("null-2"))
	vs, _ = e.svc.ListVersions(ctx, "b", ListVersionsOptions{MaxKeys: 1000})
	if len(vs.Versions) != 3 {
		t.Fatalf("suspended: %d versions, want 3 (null, v2, v1)", len(vs.Versions))
	}
}

func TestListingWithDelimiter(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	keys := []string{"a/1", "a/2", "a/b/3", "c", "d/4", "e"}
	for _, k := range keys {
		e.put(t, k, []byte(k))
	}
	res, err := e.svc.ListObjects(ctx, "b", ListOptions{Delimiter: "/", MaxKeys: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(res.CommonPrefixes) != "[a/ d/]" || len(res.Objects) != 2 {
		t.Fatalf("got prefixes %v, %d objects", res.CommonPrefixes, len(res.Objects))
	}
	var all []string
	marker := ""
	for {
		page, err := e.svc.ListObjects(ctx, "b", ListOptions{Marker: marker, MaxKeys: 2})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Objects {
			all = append(all, o.Key)
		}
		if !page.IsTruncated {
			break
		}
		marker = page.NextMarker
	}
	if strings.Join(all, ",") != strings.Join(keys, ",") {
		t.Fatalf("paged listing: %v", all)
	}
}

func TestMultipart(t *testing.T) {
	e := newEnv(t, 3, "THREECOPIES")
	up, err := e.svc.CreateUpload(ctx, "b", "mp", PutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	parts := [][]byte{data(5<<20, 1), data(5<<20, 2), data(1234, 3)}
	var cps []CompletePart
	for i := len(parts) - 1; i >= 0; i-- { // out of order
		p, err := e.svc.UploadPart(ctx, "b", "mp", up.UploadID, i+1, bytes.NewReader(parts[i]), PutOptions{Size: int64(len(parts[i]))})
		if err != nil {
			t.Fatal(err)
		}
		cps = append([]CompletePart{{Number: i + 1, ETag: p.ETag}}, cps...)
	}
	if _, err := e.svc.CompleteUpload(ctx, "b", "mp", up.UploadID, []CompletePart{cps[1], cps[0]}, PutOptions{}); err == nil {
		t.Fatal("parts out of order accepted")
	}
	info, err := e.svc.CompleteUpload(ctx, "b", "mp", up.UploadID, cps, PutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(info.ETag, "-3") {
		t.Fatalf("etag %s", info.ETag)
	}
	got, err := e.read("mp", nil)
	if err != nil || !bytes.Equal(got, bytes.Join(parts, nil)) {
		t.Fatalf("assembled object differs: %v", err)
	}
	// The object references the parts' chunks: collecting orphans keeps them.
	if rep, _ := e.svc.CollectOrphans(ctx, 0); rep.Deleted != 0 {
		t.Fatalf("gc deleted %d chunks of a completed upload", rep.Deleted)
	}
}

// TestStreamingPutBoundedMemory writes 512 MiB through the data path and
// checks the heap stays small: the object is never buffered.
func TestStreamingPutBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("large streaming test")
	}
	e := newEnv(t, 1, "SINGLE")
	e.svc.cfg.MetachunkSize = 64 << 20
	const size = 512 << 20
	stop := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var max uint64
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				peak <- max
				return
			case <-time.After(50 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > max {
					max = ms.HeapInuse
				}
			}
		}
	}()
	_, err := e.svc.PutObject(ctx, "b", "big", io.LimitReader(rand.New(rand.NewSource(1)), size), PutOptions{Size: size})
	close(stop)
	max := <-peak
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("peak heap in use during a %d MiB put: %d MiB", size>>20, max>>20)
	if max > 128<<20 {
		t.Fatalf("heap grew to %d MiB: the body is being buffered", max>>20)
	}
}
