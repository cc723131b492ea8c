package object

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// TestClassPassResumes: an interrupted convergence pass continues from
// its saved cursor (only the versions after it are scanned), and a
// finished pass is not repeated for the same class generation.
func TestClassPassResumes(t *testing.T) {
	e := newEnv(t, 3, "TWOCOPIES")
	var infos []ObjectInfo
	for i := range 6 {
		infos = append(infos, e.put(t, fmt.Sprintf("k%d", i), data(100<<10, int64(i))))
	}
	// Every object is now misplaced: the class wants SINGLE.
	if _, err := e.svc.Classes().Put(ctx, StorageClass{Name: "STANDARD", Policy: "SINGLE", SmallPolicy: "SINGLE"}); err != nil {
		t.Fatal(err)
	}
	gen, _ := e.svc.Classes().Generation(ctx)
	// As if a pass had stopped after k1.
	_, _, m2, err := e.svc.bucket(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	k1 := m2.Version("k1", infos[1].Modified.UnixNano(), infos[1].VersionID)
	if err := e.svc.saveClassCursor(ctx, classCursor{Gen: gen, Bucket: "b", After: k1[len(m2.VersionPrefix()):]}); err != nil {
		t.Fatal(err)
	}
	rep, err := e.svc.Improve(ctx)
	if err != nil || rep.ClassScanned != 4 || rep.ClassMoved != 4 {
		t.Fatalf("resumed pass: %+v %v, want k2..k5 scanned and moved", rep, err)
	}
	for i, want := range []string{"TWOCOPIES", "TWOCOPIES", "SINGLE", "SINGLE", "SINGLE", "SINGLE"} {
		info, rc, err := e.svc.GetObject(ctx, "b", fmt.Sprintf("k%d", i), GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if info.Policy != want || !bytes.Equal(b, data(100<<10, int64(i))) || info.ETag != infos[i].ETag {
			t.Fatalf("k%d: policy %s (want %s), ETag %s", i, info.Policy, want, info.ETag)
		}
	}
	if rep, err = e.svc.Improve(ctx); err != nil || rep.ClassScanned != 0 {
		t.Fatalf("second pass of the same generation: %+v %v", rep, err)
	}
}
