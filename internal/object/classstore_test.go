package object

import (
	"testing"

	"github.com/strata-storage/strata/internal/strata"
)

func TestValidateClass(t *testing.T) {
	good := StorageClass{Name: " standard_ia ", Pool: "hdd", Policy: "ec4+2", SmallPolicy: "threecopies", ECMinSize: 1 << 20}
	if err := ValidateClass(&good); err != nil || good.Name != "STANDARD_IA" || good.Policy != "EC4+2" || good.SmallPolicy != "THREECOPIES" {
		t.Fatalf("%+v %v", good, err)
	}
	for _, bad := range []StorageClass{
		{Name: ""}, {Name: "A-B"}, {Name: "ÉTÉ"}, {Name: "X", Policy: "EC9"}, {Name: "X", SmallPolicy: "FOUR"},
		{Name: "X", Pool: "a b"}, {Name: "X", Pool: "a,b"}, {Name: "X", ECMinSize: -1},
	} {
		if err := ValidateClass(&bad); !strata.Is(err, strata.Invalid) {
			t.Errorf("%+v accepted: %v", bad, err)
		}
	}
}

// TestClassStore: definitions round-trip through the root engine, every
// change bumps the generation, a missing class is NotExist, and without
// classes writes behave as before (no pool, today's policy).
func TestClassStore(t *testing.T) {
	e := newEnv(t, 3, "")
	cs := e.svc.Classes()
	if g, err := cs.Generation(ctx); err != nil || g != 0 {
		t.Fatalf("fresh generation %d %v", g, err)
	}
	if _, err := cs.Put(ctx, StorageClass{Name: "glacier", Pool: "archive", Policy: "EC2+1"}); err != nil {
		t.Fatal(err)
	}
	got, err := cs.Get(ctx, "GLACIER")
	if err != nil || got.Pool != "archive" || got.Name != "GLACIER" {
		t.Fatalf("get: %+v %v", got, err)
	}
	if _, err := cs.Get(ctx, "NOPE"); !strata.Is(err, strata.NotExist) {
		t.Fatalf("get missing: %v", err)
	}
	if err := cs.Delete(ctx, "glacier"); err != nil {
		t.Fatal(err)
	}
	if err := cs.Delete(ctx, "GLACIER"); !strata.Is(err, strata.NotExist) {
		t.Fatalf("delete missing: %v", err)
	}
	list, err := cs.List(ctx)
	if g, _ := cs.Generation(ctx); err != nil || len(list) != 0 || g != 2 {
		t.Fatalf("after delete: %v %v generation %d", list, err, g)
	}
}
