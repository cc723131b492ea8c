package wasm

import (
	"container/list"
	"context"
	"sync"

	"github.com/tetratelabs/wazero"
)

// maxCompiled bounds the compiled modules kept in memory.
const maxCompiled = 64

// modKey names a compiled module: the memory limit is baked into it at
// compile time, so one digest compiles once per limit (the engine code
// itself is shared through the compilation cache).
type modKey struct {
	pages  uint32
	digest string
}

// compiled is a cache entry. ready is closed when mod or err is set.
type compiled struct {
	key     modKey
	ready   chan struct{}
	mod     wazero.CompiledModule
	err     error
	elem    *list.Element
	refs    int  // runs using mod; guarded by modCache.mu
	evicted bool // close mod when refs drops to zero
}

// modCache is an LRU of compiled modules. Concurrent runs of a digest
// not yet compiled wait for one compilation.
type modCache struct {
	mu    sync.Mutex
	byKey map[modKey]*compiled
	lru   *list.List // front is most recent
}

func newModCache() *modCache {
	return &modCache{byKey: make(map[modKey]*compiled), lru: list.New()}
}

// get returns the compiled module for key, compiling it with compile if
// needed, and whether this caller had to wait for a compilation. The
// caller must call release when done with the module.
func (c *modCache) get(ctx context.Context, key modKey, compile func() (wazero.CompiledModule, error)) (*compiled, bool, error) {
	c.mu.Lock()
	e, ok := c.byKey[key]
	if ok {
		e.refs++
		c.lru.MoveToFront(e.elem)
		c.mu.Unlock()
		select {
		case <-e.ready:
			if e.err != nil {
				c.release(ctx, e)
				return nil, false, e.err
			}
			return e, false, nil
		default:
		}
		select {
		case <-e.ready:
		case <-ctx.Done():
			c.release(ctx, e)
			return nil, false, ctx.Err()
		}
		if e.err != nil {
			c.release(ctx, e)
			return nil, true, e.err
		}
		return e, true, nil
	}
	e = &compiled{key: key, ready: make(chan struct{}), refs: 1}
	e.elem = c.lru.PushFront(e)
	c.byKey[key] = e
	c.evictLocked(ctx)
	c.mu.Unlock()

	e.mod, e.err = compile()
	close(e.ready)
	if e.err != nil {
		c.mu.Lock()
		c.removeLocked(e) // let a later run try again
		c.mu.Unlock()
		c.release(ctx, e)
		return nil, true, e.err
	}
	return e, true, nil
}

// release ends one use of e.
func (c *modCache) release(ctx context.Context, e *compiled) {
	c.mu.Lock()
	e.refs--
	closeNow := e.evicted && e.refs == 0 && e.mod != nil
	c.mu.Unlock()
	if closeNow {
		e.mod.Close(ctx)
	}
}

func (c *modCache) evictLocked(ctx context.Context) {
	for el := c.lru.Back(); el != nil && c.lru.Len() > maxCompiled; {
		prev := el.Prev()
		e := el.Value.(*compiled)
		select {
		case <-e.ready: // only finished compilations are evicted
			c.removeLocked(e)
			if e.refs == 0 && e.mod != nil {
				e.mod.Close(ctx) // cheap: drops an engine reference
			}
		default:
		}
		el = prev
	}
}

func (c *modCache) removeLocked(e *compiled) {
	if e.evicted {
		return
	}
	e.evicted = true
	c.lru.Remove(e.elem)
	delete(c.byKey, e.key)
}

// closeAll drops every entry; runs still using one close it on release.
func (c *modCache) closeAll(ctx context.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.lru.Len() > 0 {
		e := c.lru.Back().Value.(*compiled)
		c.removeLocked(e)
		if e.refs == 0 && e.mod != nil {
			e.mod.Close(ctx)
		}
	}
}
