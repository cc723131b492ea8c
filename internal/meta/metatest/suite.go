package metatest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Run runs the conformance suite; open returns a fresh, empty engine.
func Run(t *testing.T, open func(t *testing.T) meta.Engine) {
	tests := map[string]func(*testing.T, meta.Engine){
		"GetSetDelete":        testGetSetDelete,
		"ReadYourWrites":      testReadYourWrites,
		"IterationOrder":      testIterationOrder,
		"AbortLeavesNothing":  testAbort,
		"Serializable":        testSerializable,
		"SnapshotIsolation":   testSnapshot,
		"BinaryKeys":          testBinaryKeys,
		"LargeValues":         testLargeValues,
		"KeyNote":             testKeyNote,
		"KeyNoteUnderCommits": testKeyNoteUnderCommits,
	}
	for name, fn := range tests {
		t.Run(name, func(t *testing.T) {
			e := open(t)
			defer e.Close()
			fn(t, e)
		})
	}
	t.Run("PrefixEnd", func(t *testing.T) {
		for in, want := range map[string]string{"a": "b", "a\xff": "b", "\xff\xff": "", "ab\x00": "ab\x01"} {
			if got := string(meta.PrefixEnd([]byte(in))); got != want {
				t.Errorf("PrefixEnd(%q) = %q, want %q", in, got, want)
			}
		}
	})
}

var ctx = context.Background()

func set(t *testing.T, e meta.Engine, kv ...string) {
	t.Helper()
	err := e.Update(ctx, func(tx meta.Txn) error {
		for i := 0; i < len(kv); i += 2 {
			if err := tx.Set([]byte(kv[i]), []byte(kv[i+1])); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, e meta.Engine, k string) (string, error) {
	t.Helper()
	var v []byte
	err := e.View(ctx, func(r meta.Reader) error {
		var err error
		v, err = r.Get([]byte(k))
		return err
	})
	return string(v), err
}

func scan(t *testing.T, r meta.Reader, lo, hi string) []string {
	t.Helper()
	var upper []byte
	if hi != "" {
		upper = []byte(hi)
	}
	it := r.Iter([]byte(lo), upper)
	defer it.Close()
	var out []string
	for ok := it.First(); ok; ok = it.Next() {
		out = append(out, string(it.Key())+"="+string(it.Value()))
	}
	if err := it.Error(); err != nil {
		t.Fatal(err)
	}
	return out
}

func testGetSetDelete(t *testing.T, e meta.Engine) {
	if _, err := get(t, e, "a"); !strata.Is(err, strata.NotExist) {
		t.Fatalf("missing key: got %v, want NotExist", err)
	}
	set(t, e, "a", "1")
	if v, err := get(t, e, "a"); err != nil || v != "1" {
		t.Fatalf("got %q %v", v, err)
	}
	e.Update(ctx, func(tx meta.Txn) error { return tx.Delete([]byte("a")) })
	if _, err := get(t, e, "a"); !strata.Is(err, strata.NotExist) {
		t.Fatalf("deleted key: got %v", err)
	}
}

func testReadYourWrites(t *testing.T, e meta.Engine) {
	set(t, e, "k1", "old", "k3", "x")
	err := e.Update(ctx, func(tx meta.Txn) error {
		tx.Set([]byte("k1"), []byte("new"))
		tx.Set([]byte("k2"), []byte("two"))
		tx.Delete([]byte("k3"))
		if v, err := tx.Get([]byte("k1")); err != nil || string(v) != "new" {
			return fmt.Errorf("get k1 in txn: %q %v", v, err)
		}
		if _, err := tx.Get([]byte("k3")); !strata.Is(err, strata.NotExist) {
			return fmt.Errorf("deleted k3 visible in txn: %v", err)
		}
		got := fmt.Sprint(scan(t, tx, "k", "l"))
		if got != "[k1=new k2=two]" {
			return fmt.Errorf("iteration in txn: %s", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testIterationOrder(t *testing.T, e meta.Engine) {
	set(t, e, "b", "2", "a", "1", "c", "3", "ba", "4", "d", "5")
	e.View(ctx, func(r meta.Reader) error {
		if got := fmt.Sprint(scan(t, r, "b", "d")); got != "[b=2 ba=4 c=3]" {
			t.Errorf("bounded scan: %s", got)
		}
		if got := fmt.Sprint(scan(t, r, "c", "")); got != "[c=3 d=5]" {
			t.Errorf("unbounded scan: %s", got)
		}
		it := r.Iter([]byte("a"), nil)
		defer it.Close()
		if !it.SeekGE([]byte("bb")) || string(it.Key()) != "c" {
			t.Errorf("SeekGE(bb) landed on %q", it.Key())
		}
		if it.SeekGE([]byte("e")) {
			t.Errorf("SeekGE past the end found %q", it.Key())
		}
		return nil
	})
}

func testAbort(t *testing.T, e meta.Engine) {
	boom := errors.New("boom")
	err := e.Update(ctx, func(tx meta.Txn) error {
		tx.Set([]byte("x"), []byte("1"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want the fn's error", err)
	}
	if _, err := get(t, e, "x"); !strata.Is(err, strata.NotExist) {
		t.Fatalf("aborted write visible: %v", err)
	}
}

func testSerializable(t *testing.T, e meta.Engine) {
	const workers, each = 8, 50
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				err := e.Update(ctx, func(tx meta.Txn) error {
					v, err := tx.Get([]byte("counter"))
					n := 0
					if err == nil {
						n, _ = strconv.Atoi(string(v))
					} else if !strata.Is(err, strata.NotExist) {
						return err
					}
					return tx.Set([]byte("counter"), []byte(strconv.Itoa(n+1)))
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if v, _ := get(t, e, "counter"); v != strconv.Itoa(workers*each) {
		t.Fatalf("counter = %s, want %d: lost updates", v, workers*each)
	}
}

func testSnapshot(t *testing.T, e meta.Engine) {
	set(t, e, "s", "before")
	done := make(chan struct{})
	err := e.View(ctx, func(r meta.Reader) error {
		// The snapshot is fixed no later than the first read.
		if v, err := r.Get([]byte("s")); err != nil || string(v) != "before" {
			return fmt.Errorf("first read saw %q (%v)", v, err)
		}
		go func() {
			set(t, e, "s", "after")
			close(done)
		}()
		<-done
		v, err := r.Get([]byte("s"))
		if err != nil || string(v) != "before" {
			return fmt.Errorf("view saw %q (%v), want its snapshot's value", v, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testBinaryKeys(t *testing.T, e meta.Engine) {
	keys := []string{"\x00", "\x00\x00", "\x00\xff", "\xff", "\xff\x00", "a\x00b"}
	for _, k := range keys {
		set(t, e, k, k)
	}
	e.View(ctx, func(r meta.Reader) error {
		var got []string
		for _, kv := range scan(t, r, "", "") {
			got = append(got, kv[:len(kv)/2])
		}
		if len(got) != len(keys) {
			t.Fatalf("got %d keys, want %d", len(got), len(keys))
		}
		for i := 1; i < len(got); i++ {
			if got[i-1] >= got[i] {
				t.Errorf("order: %q before %q", got[i-1], got[i])
			}
		}
		return nil
	})
}

func testLargeValues(t *testing.T, e meta.Engine) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	set(t, e, "big", string(big))
	if v, err := get(t, e, "big"); err != nil || v != string(big) {
		t.Fatalf("large value round trip failed: %v", err)
	}
}
