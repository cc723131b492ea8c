package object

import (
	"context"
	"testing"
)

// TestChangesSkipping: a feed read that skips an origin leaves its
// entries out, keeps the others in order, and ends with a keyless
// marker at the newest skipped entry when that comes after the rest.
func TestChangesSkipping(t *testing.T) {
	e := newEnv(t, 1, "SINGLE")
	mine, other := WithOrigin(ctx, "mine"), WithOrigin(ctx, "other")
	for _, c := range []struct {
		ctx  context.Context
		name string
	}{{mine, "a"}, {other, "b"}, {mine, "c"}, {mine, "d"}} {
		if _, err := e.svc.FSCreate(c.ctx, "b", c.name, FileAttr{Mode: 0o100644}, true); err != nil {
			t.Fatal(err)
		}
	}
	all, err := e.svc.Changes(ctx, "b", 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	check := func(skip string, wantMarker bool) {
		t.Helper()
		got, err := e.svc.ChangesSkipping(ctx, "b", 0, 100, skip)
		if err != nil {
			t.Fatal(err)
		}
		var kept []Change
		for _, c := range all {
			if c.Origin != skip {
				kept = append(kept, c)
			}
		}
		if wantMarker {
			kept = append(kept, Change{Seq: all[len(all)-1].Seq, Origin: skip})
		}
		if len(got) != len(kept) {
			t.Fatalf("skip %s: %+v, want %+v", skip, got, kept)
		}
		for i := range got {
			if got[i] != kept[i] {
				t.Fatalf("skip %s: entry %d is %+v, want %+v", skip, i, got[i], kept[i])
			}
		}
	}
	check("mine", true)   // its last changes come after the others'
	check("other", false) // mine come last: no marker needed
}
