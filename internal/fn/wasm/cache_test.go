package wasm

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/tetratelabs/wazero"
)

// stubMod is a CompiledModule that only counts closes.
type stubMod struct {
	wazero.CompiledModule
	closed *int
}

func (m stubMod) Close(context.Context) error { *m.closed++; return nil }

func TestModCacheEvicts(t *testing.T) {
	ctx := context.Background()
	c := newModCache()
	closed := 0
	compile := func() (wazero.CompiledModule, error) { return stubMod{closed: &closed}, nil }

	held, cold, err := c.get(ctx, modKey{1, "held"}, compile)
	if err != nil || !cold {
		t.Fatal(cold, err)
	}
	for i := range maxCompiled + 5 {
		e, _, err := c.get(ctx, modKey{1, fmt.Sprint(i)}, compile)
		if err != nil {
			t.Fatal(err)
		}
		c.release(ctx, e)
	}
	if c.lru.Len() != maxCompiled || len(c.byKey) != maxCompiled {
		t.Fatalf("cache holds %d/%d", c.lru.Len(), len(c.byKey))
	}
	// "held" was evicted first but is in use: closed only on release.
	if closed != 5 {
		t.Fatalf("closed %d before release", closed)
	}
	c.release(ctx, held)
	if closed != 6 {
		t.Fatalf("closed %d after release", closed)
	}
	if _, cold, _ := c.get(ctx, modKey{1, fmt.Sprint(maxCompiled + 4)}, compile); cold {
		t.Error("recent entry was cold")
	}
}

func TestModCacheRetriesErrors(t *testing.T) {
	ctx := context.Background()
	c := newModCache()
	fail := errors.New("boom")
	if _, _, err := c.get(ctx, modKey{1, "x"}, func() (wazero.CompiledModule, error) { return nil, fail }); err != fail {
		t.Fatal(err)
	}
	closed := 0
	_, cold, err := c.get(ctx, modKey{1, "x"}, func() (wazero.CompiledModule, error) { return stubMod{closed: &closed}, nil })
	if err != nil || !cold {
		t.Fatal(cold, err)
	}
}
