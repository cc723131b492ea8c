package classestest

import (
	"bytes"
	"testing"

	"github.com/strata-storage/strata/internal/object"
)

// TestClassChangeConverges: after a class moves to another pool and
// policy, new writes follow at once and `improve` rewrites the old
// versions (every version, not only the latest) into the new pool, once
// per class change.
func TestClassChangeConverges(t *testing.T) {
	p := startPooled(t, map[string]int{"ssd": 2, "hdd": 3})
	p.setClass(t, object.StorageClass{Name: "STANDARD", Pool: "ssd", Policy: "TWOCOPIES"})
	p.bucket(t, "v", object.VersioningEnabled)
	p.bucket(t, "u", "")
	bodies := map[string][]byte{}
	var old []object.ObjectInfo
	for i, k := range []string{"v/a", "v/b", "v/a", "u/c", "u/d"} {
		b := body(1<<20+i*4096, byte(i))
		bucket, key := k[:1], k[2:]
		info := p.put(t, bucket, key, "", b)
		old = append(old, info)
		bodies[bucket+"/"+key+"@"+info.VersionID] = b
	}
	p.put(t, "u", "inline", "", []byte("small"))
	if got := p.chunks(); got["ssd"] != 10 || got["hdd"] != 0 {
		t.Fatalf("before the change: chunks by pool %v", got)
	}
	p.setClass(t, object.StorageClass{Name: "STANDARD", Pool: "hdd", Policy: "EC2+1", SmallPolicy: "THREECOPIES", ECMinSize: 1 << 20})

	rep, err := p.Objects.Improve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.ClassMoved != 5 || rep.ClassScanned != 6 || rep.ClassWaiting != 0 {
		t.Fatalf("improve after the class change: %+v, want 5 of 6 versions moved", rep)
	}
	if got := p.chunks(); got["ssd"] != 0 || got["hdd"] != 15 {
		t.Fatalf("after improve: chunks by pool %v, want all 15 (5 x EC2+1) on hdd", got)
	}
	for _, o := range old {
		bucket := "v"
		if o.VersionID == "null" {
			bucket = "u"
		}
		info, b := p.get(t, bucket, o.Key, o.VersionID)
		if !bytes.Equal(b, bodies[bucket+"/"+o.Key+"@"+o.VersionID]) || info.ETag != o.ETag || info.Policy != "EC2+1" ||
			!info.Modified.Equal(o.Modified) {
			t.Fatalf("%s/%s@%s after convergence: %+v", bucket, o.Key, o.VersionID, info)
		}
	}
	// Done for this generation: the next pass scans nothing.
	if rep, err = p.Objects.Improve(ctx); err != nil || rep.ClassScanned != 0 {
		t.Fatalf("second improve: %+v %v, want no class pass", rep, err)
	}
	// A new change (small objects now TWOCOPIES on hdd... under 2 MiB):
	// only what the new definition misplaces moves.
	p.setClass(t, object.StorageClass{Name: "STANDARD", Pool: "hdd", Policy: "EC2+1", SmallPolicy: "TWOCOPIES", ECMinSize: 2 << 20})
	if rep, err = p.Objects.Improve(ctx); err != nil || rep.ClassMoved != 5 || rep.ClassScanned != 6 {
		t.Fatalf("improve after the second change: %+v %v", rep, err)
	}
	if got := p.chunks(); got["ssd"] != 0 || got["hdd"] != 10 {
		t.Fatalf("after the second change: chunks by pool %v, want 10 (5 x TWOCOPIES) on hdd", got)
	}
}
