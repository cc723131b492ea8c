package object

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand"
	"syscall"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/protect"
)

// usageIs checks the counters against want and against a full recount.
func (e *env) usageIs(t *testing.T, step string, want Usage) {
	t.Helper()
	got := e.usageExact(t, step)
	if want.RawBytes == nil {
		want.RawBytes = map[string]int64{}
	}
	if got.Objects != want.Objects || got.LogicalBytes != want.LogicalBytes || !maps.Equal(got.RawBytes, want.RawBytes) {
		t.Fatalf("%s: usage %+v, want %+v", step, got, want)
	}
}

// usageExact returns the counters after checking that a recount agrees.
func (e *env) usageExact(t *testing.T, step string) Usage {
	t.Helper()
	got, err := e.svc.BucketUsage(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	re, err := e.svc.RecountUsage(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	if got.Objects != re.Objects || got.LogicalBytes != re.LogicalBytes || !maps.Equal(got.RawBytes, re.RawBytes) {
		t.Fatalf("%s: counters %+v, recount %+v", step, got, re)
	}
	return got
}

func TestUsageReplicated(t *testing.T) {
	e := newEnv(t, 3, "THREECOPIES")
	e.usageIs(t, "empty", Usage{})
	const big = 3<<20 + 77 // four metachunks of the test's 1 MiB
	e.put(t, "a", data(big, 1))
	e.usageIs(t, "put", Usage{Objects: 1, LogicalBytes: big, RawBytes: map[string]int64{"THREECOPIES": 3 * big}})
	e.put(t, "a", data(2<<20, 2)) // unversioned overwrite replaces the null version
	e.put(t, "small", data(100, 3))
	e.usageIs(t, "overwrite", Usage{Objects: 2, LogicalBytes: 2<<20 + 100,
		RawBytes: map[string]int64{"THREECOPIES": 3 * 2 << 20, "INLINE": 100}})

	if err := e.svc.SetVersioning(ctx, "b", VersioningEnabled); err != nil {
		t.Fatal(err)
	}
	v2 := e.put(t, "a", data(1<<20, 4))
	want := Usage{Objects: 3, LogicalBytes: 3<<20 + 100, RawBytes: map[string]int64{"THREECOPIES": 9 << 20, "INLINE": 100}}
	e.usageIs(t, "versioned put", want)
	res, err := e.svc.DeleteObject(ctx, "b", "a", "")
	if err != nil || !res.DeleteMarker {
		t.Fatalf("delete: %+v %v", res, err)
	}
	e.usageIs(t, "delete marker", want) // markers hold no data
	if _, err := e.svc.DeleteObject(ctx, "b", "a", v2.VersionID); err != nil {
		t.Fatal(err)
	}
	e.usageIs(t, "version deleted", Usage{Objects: 2, LogicalBytes: 2<<20 + 100,
		RawBytes: map[string]int64{"THREECOPIES": 6 << 20, "INLINE": 100}})

	// Multipart: the object counts once completed; parts do not count.
	up, err := e.svc.CreateUpload(ctx, "b", "mp", PutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var cps []CompletePart
	for i, n := range []int{5 << 20, 1234} {
		p, err := e.svc.UploadPart(ctx, "b", "mp", up.UploadID, i+1, bytes.NewReader(data(n, int64(i))), PutOptions{Size: int64(n)})
		if err != nil {
			t.Fatal(err)
		}
		cps = append(cps, CompletePart{Number: i + 1, ETag: p.ETag})
	}
	e.usageIs(t, "parts uploaded", Usage{Objects: 2, LogicalBytes: 2<<20 + 100,
		RawBytes: map[string]int64{"THREECOPIES": 6 << 20, "INLINE": 100}})
	if _, err := e.svc.CompleteUpload(ctx, "b", "mp", up.UploadID, cps, PutOptions{}); err != nil {
		t.Fatal(err)
	}
	// The 1234-byte last part is small enough to be stored inline.
	e.usageIs(t, "completed", Usage{Objects: 3, LogicalBytes: 2<<20 + 100 + 5<<20 + 1234,
		RawBytes: map[string]int64{"THREECOPIES": 6<<20 + 3*5<<20, "INLINE": 100 + 1234}})
}

// TestUsageEC checks EC4+2 costs 1.5 × plus the stated padding, and that
// the nominal figure equals the bytes the fragments really hold.
func TestUsageEC(t *testing.T) {
	e := newEnv(t, 6, "EC4+2")
	const n = 3<<20 + 77 // three whole 1 MiB metachunks and one of 77 bytes
	e.put(t, "a", data(n, 1))
	// A 1 MiB metachunk is one stripe of 4 × 256 KiB: 6 fragments of 256 KiB,
	// no padding. The 77-byte one: unit ceil(77/4) = 20 rounded up to 4 KiB.
	want := int64(3*(6*256<<10) + 6*4096)
	e.usageIs(t, "ec put", Usage{Objects: 1, LogicalBytes: n, RawBytes: map[string]int64{"EC4+2": want}})
	if real := storedBytes(t, e, "a"); real != want {
		t.Fatalf("fragments hold %d bytes, usage says %d", real, want)
	}
	// A 1 MiB + 1 KiB metachunk (with 4 MiB metachunks): two stripes of
	// 256 KiB units, the second one almost all padding.
	e.svc.cfg.MetachunkSize = 4 << 20
	e.put(t, "pad", data(1<<20+1024, 2))
	got := e.usageExact(t, "padding").RawBytes["EC4+2"] - want
	if got != 2*6*256<<10 || got != storedBytes(t, e, "pad") {
		t.Fatalf("padded metachunk: %d raw bytes (stored %d)", got, storedBytes(t, e, "pad"))
	}
}

// storedBytes sums the sizes of the fragments of key's current version.
func storedBytes(t *testing.T, e *env, key string) int64 {
	t.Helper()
	_, eng, m2, err := e.svc.bucket(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	err = eng.View(ctx, func(r meta.Reader) error {
		rec, err := getRecord(r, m2.Current(key))
		if err != nil {
			return err
		}
		for _, f := range chunksOf(rec.Content) {
			n += f.Size
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSegmentRawSlices(t *testing.T) {
	mc := &protect.Metachunk{Size: 1 << 20, Unit: 256 << 10}
	for _, c := range []struct {
		seg  segment
		want int64
	}{
		{segment{Size: 1 << 20, Policy: "EC4+2", MC: mc}, 6 * 256 << 10},
		{segment{Size: 1000, Off: 8, Policy: "EC4+2", MC: mc}, 1500},
		{segment{Size: 1001, Off: 8, Policy: "EC4+2", MC: mc}, 1502}, // rounded up
		{segment{Size: 1000, Off: 8, Policy: "TWOCOPIES", MC: mc}, 2000},
	} {
		if _, got := segmentRaw(c.seg); got != c.want {
			t.Errorf("%+v: %d, want %d", c.seg, got, c.want)
		}
	}
}

// TestUsageRandomOps runs random S3 and mount operations and checks after
// each that the counters equal a recount.
func TestUsageRandomOps(t *testing.T) {
	for _, policy := range []string{"THREECOPIES", "EC2+1"} {
		t.Run(policy, func(t *testing.T) {
			e := newEnv(t, 3, policy)
			e.usageExact(t, "start")
			rnd := rand.New(rand.NewSource(11))
			keys := []string{"k0", "k1", "d/k2", "d/k3"}
			for i := range 80 {
				key := keys[rnd.Intn(len(keys))]
				var err error
				op := rnd.Intn(9)
				switch op {
				case 0, 1:
					_, err = e.svc.PutObject(ctx, "b", key, bytes.NewReader(data(rnd.Intn(300<<10), int64(i))), PutOptions{Size: -1})
				case 2:
					_, err = e.svc.DeleteObject(ctx, "b", key, "")
				case 3:
					state := []string{VersioningEnabled, VersioningSuspended}[rnd.Intn(2)]
					err = e.svc.SetVersioning(ctx, "b", state)
				case 4:
					_, err = e.svc.FSCreate(ctx, "b", key, FileAttr{Mode: syscall.S_IFREG | 0o644}, false)
				case 5:
					body := data(1+rnd.Intn(100<<10), int64(i))
					_, err = e.svc.FSWrite(ctx, "b", key, []Run{{Off: int64(rnd.Intn(200 << 10)), Len: int64(len(body))}}, bytes.NewReader(body), rnd.Intn(2) == 0, 0)
				case 6:
					_, err = e.svc.FSTruncate(ctx, "b", key, int64(rnd.Intn(100<<10)), true)
				case 7:
					err = e.svc.FSRename(ctx, "b", key, keys[rnd.Intn(len(keys))], 0)
				case 8:
					err = e.svc.Compact(ctx, "b", key)
				}
				if err != nil {
					t.Logf("step %d op %d %s: %v", i, op, key, err) // ENOENT and the like are expected
				}
				e.usageExact(t, fmt.Sprintf("step %d op %d", i, op))
			}
		})
	}
}
