package object

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/strata-storage/strata/internal/directory"
)

// fenceBounds answers what json.Unmarshal does, from its memo the second
// time, keeps no undecodable value, and stays within maxFenceMemo values.
func TestFenceBounds(t *testing.T) {
	for _, bd := range []directory.Bounds{{Start: "a"}, {Start: "a", End: "m", Closed: true}, {}} {
		b, _ := json.Marshal(bd)
		for range 2 {
			if got, err := fenceBounds(b); err != nil || got != bd {
				t.Fatalf("fenceBounds(%s) = %+v, %v", b, got, err)
			}
		}
	}
	for range 2 {
		if _, err := fenceBounds([]byte(`{"start":`)); err == nil {
			t.Fatal("a cut fence decoded")
		}
	}
	for i := range maxFenceMemo + 10 {
		b := fmt.Appendf(nil, `{"start":"k%d"}`, i)
		if got, err := fenceBounds(b); err != nil || got.Start != fmt.Sprint("k", i) {
			t.Fatalf("fenceBounds(%s) = %+v, %v", b, got, err)
		}
	}
	fenceMemo.RLock()
	n := len(fenceMemo.m)
	fenceMemo.RUnlock()
	if n > maxFenceMemo {
		t.Fatalf("%d fence values kept, bound %d", n, maxFenceMemo)
	}
}

func FuzzFenceBounds(f *testing.F) {
	f.Add([]byte(`{"start":"a","end":"m","closed":true}`))
	f.Add([]byte(`{"start":""}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var want directory.Bounds
		werr := json.Unmarshal(b, &want)
		for range 2 { // the second answer may come from the memo
			got, err := fenceBounds(b)
			if (err == nil) != (werr == nil) || err == nil && got != want {
				t.Fatalf("fenceBounds(%q) = %+v, %v; json.Unmarshal %+v, %v", b, got, err, want, werr)
			}
		}
	})
}
