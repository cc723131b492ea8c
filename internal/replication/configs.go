package replication

import (
	"context"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// configs caches buckets' replication configurations. The relay and the
// replicator read through it (a miss loads); the write path's PENDING
// check reads only what is cached, which the refresh loop keeps full
// for every bucket listed in the root engine's registry (R/b/<bucket>).
type configs struct {
	load func(ctx context.Context, bucket string) ([]byte, error)
	root meta.Engine

	mu sync.RWMutex
	m  map[string]cached
}

type cached struct {
	c  *Config // nil: no replication
	at time.Time
}

// ttl bounds how stale a configuration changed on another gateway is.
const ttl = 2 * time.Second

func bucketKey(b string) []byte { return []byte("R/b/" + b) }

func (cs *configs) get(ctx context.Context, bucket string) (*Config, error) {
	cs.mu.RLock()
	e, ok := cs.m[bucket]
	cs.mu.RUnlock()
	if ok && time.Since(e.at) < ttl {
		return e.c, nil
	}
	return cs.reload(ctx, bucket)
}

func (cs *configs) reload(ctx context.Context, bucket string) (*Config, error) {
	doc, err := cs.load(ctx, bucket)
	var c *Config
	switch {
	case err == nil:
		p, perr := ParseStored(doc)
		if perr != nil {
			return nil, strata.E("replication.configs", strata.Corrupt, perr)
		}
		c = &p
	case strata.Is(err, strata.NotExist):
	default:
		return nil, err
	}
	cs.set(bucket, c)
	return c, nil
}

func (cs *configs) set(bucket string, c *Config) {
	cs.mu.Lock()
	if cs.m == nil {
		cs.m = map[string]cached{}
	}
	cs.m[bucket] = cached{c: c, at: time.Now()}
	cs.mu.Unlock()
}

// peek answers from memory only (inside write transactions).
func (cs *configs) peek(bucket string) *Config {
	cs.mu.RLock()
	defer cs.mu.RUnlock()
	return cs.m[bucket].c
}

// register records in the root engine that bucket replicates (or not).
func (cs *configs) register(ctx context.Context, bucket string, on bool) error {
	return cs.root.Update(ctx, func(tx meta.Txn) error {
		if on {
			return tx.Set(bucketKey(bucket), []byte{1})
		}
		return tx.Delete(bucketKey(bucket))
	})
}

// buckets lists the registered buckets.
func (cs *configs) buckets(ctx context.Context) ([]string, error) {
	var out []string
	err := cs.root.View(ctx, func(r meta.Reader) error {
		p := []byte("R/b/")
		it := r.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			out = append(out, string(it.Key()[len(p):]))
		}
		return it.Error()
	})
	return out, err
}

// refresh reloads every registered bucket's configuration.
func (cs *configs) refresh(ctx context.Context) error {
	bs, err := cs.buckets(ctx)
	if err != nil {
		return err
	}
	for _, b := range bs {
		if _, err := cs.reload(ctx, b); err != nil && !strata.Is(err, strata.NotExist) {
			return err
		}
	}
	return nil
}
