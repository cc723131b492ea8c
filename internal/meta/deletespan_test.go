package meta_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
)

// TestDeleteSpan: batches of a span delete at most max keys each, the
// next batch starting just after the last key deleted, and leave the keys
// outside the span.
func TestDeleteSpan(t *testing.T) {
	ctx := context.Background()
	e, err := metapebble.Open(filepath.Join(t.TempDir(), "meta"), metapebble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	keys := []string{"a", "b1", "b2", "b3", "b4", "b5", "c"}
	if err := e.Update(ctx, func(tx meta.Txn) error {
		for _, k := range keys {
			if err := tx.Set([]byte(k), []byte("v")); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	from, end := []byte("b"), []byte("c")
	var got []int
	for {
		var n int
		var next []byte
		if err := e.Update(ctx, func(tx meta.Txn) (err error) {
			n, next, err = meta.DeleteSpan(tx, from, end, 2)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		got = append(got, n)
		if n == 0 {
			if next != nil {
				t.Fatalf("next %q after an empty batch", next)
			}
			break
		}
		if want := append([]byte("b"), byte('0'+len(got)*2), 0); n == 2 && !bytes.Equal(next, want) {
			t.Fatalf("batch %d: next %q, want %q", len(got), next, want)
		}
		from = next
	}
	if len(got) != 4 || got[0] != 2 || got[1] != 2 || got[2] != 1 {
		t.Fatalf("batches deleted %v, want [2 2 1 0]", got)
	}
	left := keysOf(t, e)
	if len(left) != 2 || left[0] != "a" || left[1] != "c" {
		t.Fatalf("left %v, want [a c]", left)
	}
}

// TestDeleteRange deletes a span of 2,500 keys with pebble's range
// deletion and, through an engine that hides it, in transactions of up to
// 1,000 keys: either way the span is empty and the keys around it stay.
func TestDeleteRange(t *testing.T) {
	ctx := context.Background()
	eachEngineForm(t, "range deletion", "by key", func(t *testing.T, e meta.Engine) {
		if err := e.Update(ctx, func(tx meta.Txn) error {
			for i := range 2500 {
				if err := tx.Set(fmt.Appendf(nil, "b/%05d", i), []byte("v")); err != nil {
					return err
				}
			}
			for _, k := range []string{"a", "b", "c"} {
				if err := tx.Set([]byte(k), []byte("v")); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if err := meta.DeleteRange(ctx, e, []byte("b/"), []byte("b0")); err != nil {
			t.Fatal(err)
		}
		if left := keysOf(t, e); strings.Join(left, " ") != "a b c" {
			t.Fatalf("left %d keys (%.40v), want [a b c]", len(left), left)
		}
	})
}
