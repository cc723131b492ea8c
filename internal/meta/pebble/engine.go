package pebble

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/cockroachdb/pebble"
	"github.com/cockroachdb/pebble/bloom"
	"github.com/cockroachdb/pebble/vfs"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Options tune the engine.
type Options struct {
	Logger    *slog.Logger
	CacheSize int64 // block cache bytes; 0: DefaultCacheSize
	// FS is the file system the database lives on; nil: the OS's. Tests
	// pass pebble's strict in-memory one to play a power loss.
	FS vfs.FS
	// Hot names the keys whose latest value the engine keeps in memory
	// for transactions' point reads (see hotKeys): small records nearly
	// every transaction reads and few write. nil: none.
	Hot func(key []byte) bool
}

// Engine is a meta.Engine on a pebble database.
type Engine struct {
	db        *pebble.DB
	mu        sync.Mutex // orders commits: validation and apply
	commits   commits    // guarded by mu
	notes     []*keyNote // guarded by mu
	conflicts atomic.Int64
	deferred  deferredSync
	hot       *hotKeys // nil without Options.Hot
	// The store's folder and options, for bulk writers' tables.
	dir                  string
	po                   *pebble.Options
	ingested, ingestedL0 atomic.Uint64
	syncWaits            syncWaits
}

var _ meta.Engine = (*Engine)(nil)

// Open opens or creates the database in dir.
func Open(dir string, opts Options) (*Engine, error) {
	es, err := OpenSet([]string{dir}, opts)
	if err != nil {
		return nil, err
	}
	return es[0], nil
}

// OpenSet opens or creates one database in each of dirs, sharing one
// block cache of opts.CacheSize: several stores of one process (the
// embedded server's metadata shards) then use the memory meant for one.
func OpenSet(dirs []string, opts Options) ([]*Engine, error) {
	if opts.CacheSize == 0 {
		opts.CacheSize = DefaultCacheSize()
	}
	cache := pebble.NewCache(opts.CacheSize)
	defer cache.Unref()
	var out []*Engine
	for _, dir := range dirs {
		e, err := open(dir, cache, opts)
		if err != nil {
			for _, o := range out {
				o.Close()
			}
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

func open(dir string, cache *pebble.Cache, opts Options) (*Engine, error) {
	e, err := openWith(dir, pebbleOptions(cache, opts))
	if err == nil {
		e.hot = newHotKeys(opts.Hot)
	}
	return e, err
}

// openWith opens the store in dir with pebble options po.
func openWith(dir string, po *pebble.Options) (*Engine, error) {
	po.EnsureDefaults() // bulk writers use its FS and level options
	db, err := pebble.Open(dir, po)
	if err != nil {
		return nil, strata.E("pebble.Open", strata.Unavailable, err)
	}
	if err := clearBulk(po.FS, dir); err != nil {
		db.Close()
		return nil, strata.E("pebble.Open", strata.Unavailable, err)
	}
	e := &Engine{db: db, dir: dir, po: po}
	e.deferred.commitMu = &e.mu
	return e, nil
}

// pebbleOptions are the options every store opens with.
func pebbleOptions(cache *pebble.Cache, opts Options) *pebble.Options {
	po := &pebble.Options{Cache: cache, MemTableSize: 32 << 20, Logger: quietLogger{opts.Logger}, FS: opts.FS}
	// Bloom filters on every level: a point read (HEAD, an overwrite's
	// look at the current version, a new key's event sequence) then
	// touches one table's data block instead of one per level, which
	// keeps those rates up as a shard grows past its block cache.
	//
	// Each level's tables are twice the size of the level above's, from
	// 2 MiB at L0 to 128 MiB at L6, as pebble's own default. pebble only
	// doubles them when Levels is left nil: set by hand, every level
	// defaulted to 2 MiB, so a 7 GB store (a 20 M-object bucket) held
	// some 3,500 tables against a table cache of 1,000 open files, and
	// its PUTs spent 12% of their CPU reopening tables.
	//
	// Data blocks of 16 KiB where pebble's default is 4 KiB: a 128 MiB
	// table then has a quarter of the data blocks and of the index
	// entries, so a point read searches a smaller index on the way to
	// its key (still a top-level index, a partition and a block). On a
	// settled store of 5 M objects (BenchmarkPointGetDeep) a read cost
	// 13.3 µs of CPU against 26.8–27.7 with pebble's layout
	// when all blocks were cached, and 23.7 against 23.5 when a 512 MiB
	// cache held half the store. Index blocks stay at 4 KiB: at 256 KiB
	// the cached case was no faster and a miss read and allocated a
	// whole 256 KiB index block (29.7 µs; cold HEADs at 20 M 0.61×).
	po.Levels = make([]pebble.LevelOptions, 7)
	for i := range po.Levels {
		po.Levels[i].FilterPolicy = bloom.FilterPolicy(10)
		po.Levels[i].FilterType = pebble.TableFilter
		po.Levels[i].TargetFileSize = l0TableSize << i
		po.Levels[i].BlockSize = 16 << 10
		po.Levels[i].IndexBlockSize = 4 << 10
	}
	po.EnsureDefaults()
	return po
}

// l0TableSize is the size of the tables flushes and L0 compactions write.
const l0TableSize = 2 << 20

// Stats are an engine's table and cache counts, for metrics.
type Stats struct {
	Tables                         int64 // sstables in all levels
	ReadAmp                        int64 // L0's sublevels plus each non-empty level: what a point read may consult
	TableCacheHits, TableCacheMiss int64 // table opens served by the table cache, and not
	BlockCacheHits, BlockCacheMiss int64
	// Bytes written since the store opened: to the WAL, by flushes of
	// memtables, by compactions and by ingested tables. Their sum over
	// the bytes the commits carried is the store's write amplification,
	// what its background work adds to the disk's load (and so to the
	// latency of every commit's sync).
	WALBytes, FlushBytes, CompactionBytes, IngestBytes uint64
}

// Stats returns the engine's table and cache counts.
func (e *Engine) Stats() Stats {
	m := e.db.Metrics()
	total := m.Total() // sums every level: once, not per field
	return Stats{
		Tables:         total.NumFiles,
		ReadAmp:        int64(m.ReadAmp()),
		TableCacheHits: m.TableCache.Hits, TableCacheMiss: m.TableCache.Misses,
		BlockCacheHits: m.BlockCache.Hits, BlockCacheMiss: m.BlockCache.Misses,
		WALBytes:        m.WAL.BytesWritten,
		FlushBytes:      total.BytesFlushed,
		CompactionBytes: total.BytesCompacted,
		IngestBytes:     total.BytesIngested,
	}
}

// Close closes the database.
func (e *Engine) Close() error {
	e.deferred.close(e.db)
	return e.db.Close()
}

// DiskUsage returns the bytes the database takes on disk (tables, WAL,
// manifests): the live figure the embedded server places new ranges by.
func (e *Engine) DiskUsage() uint64 { return e.db.Metrics().DiskSpaceUsage() }

// View runs fn on a consistent snapshot.
func (e *Engine) View(ctx context.Context, fn func(meta.Reader) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	snap := e.db.NewSnapshot()
	defer snap.Close()
	return fn(&reader{r: snap})
}

// Update runs fn in a transaction and returns once it is durable.
//
// The transaction runs without the engine's lock, on a snapshot, so
// transactions that wait on disk reads overlap. Its commit takes the lock
// only to check that no commit since its snapshot wrote a key it read or
// a span it iterated, and to apply its writes. On a conflict fn runs
// again; after optimisticAttempts conflicts it runs under the lock, so
// that it cannot starve.
func (e *Engine) Update(ctx context.Context, fn func(meta.Txn) error) error {
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		locked := attempt > optimisticAttempts
		ok, err := e.try(fn, locked, !meta.LazySync(ctx), meta.DeferredSync(ctx))
		if ok && err == nil && meta.DeferredSync(ctx) {
			e.deferred.committed(e.db)
		}
		if ok || err != nil {
			return err
		}
		e.conflicts.Add(1)
	}
}

// optimisticAttempts is how many times an Update runs without the lock.
const optimisticAttempts = 2

// Conflicts returns how many optimistic attempts failed validation.
func (e *Engine) Conflicts() int64 { return e.conflicts.Load() }

// try runs fn once: optimistically, or holding the lock throughout. It
// returns false when validation failed and fn must run again. With sync
// false it returns once the commit is applied, before the log's sync
// (meta.WithLazySync); deferred counts the commit for deferredSync.
func (e *Engine) try(fn func(meta.Txn) error, locked, sync, deferred bool) (bool, error) {
	e.mu.Lock()
	start := e.commits.begin()
	if !locked {
		e.mu.Unlock()
	}
	t := newTxn(e.db.NewSnapshot())
	if !locked { // a locked transaction's snapshot is the latest: no hot reads
		t.engine = e
	}
	defer t.snap.Close()
	err := fn(t)
	if err != nil || len(t.writes) == 0 {
		// An abort or a read-only transaction rests on one snapshot:
		// nothing to validate or apply, unless it read a hot key newer
		// than its snapshot, when it runs again.
		stale := t.hotDiffers()
		if !locked {
			e.mu.Lock()
		}
		e.commits.end(start)
		e.mu.Unlock()
		if stale {
			return false, nil
		}
		return true, err
	}
	b, keys := t.batch(e.db)
	defer b.Close()
	if !locked {
		e.mu.Lock()
	}
	e.commits.end(start)
	if !e.commits.valid(start, t) {
		e.mu.Unlock()
		return false, nil
	}
	if deferred {
		e.deferred.mark() // before it is visible: see deferredSync
	}
	err = e.db.Apply(b, pebble.NoSync)
	if err == nil {
		e.commits.applied(keys)
		e.noteCommit(keys)
		e.hot.applied(t.writes)
	}
	e.mu.Unlock()
	if err != nil {
		return true, strata.E("pebble.Update", strata.Unavailable, err)
	}
	if !sync {
		return true, nil
	}
	// The batch is in the WAL but maybe not on disk.
	if err := e.syncLog(); err != nil {
		return true, strata.E("pebble.Update", strata.Unavailable, err)
	}
	return true, nil
}

// DeleteRange is meta.DeleteRange's deletion: one pebble range deletion
// of [lower, upper), durable when it returns. It is checked against no
// read set: every transaction running when it applies runs again.
func (e *Engine) DeleteRange(ctx context.Context, lower, upper []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b := e.db.NewBatch()
	defer b.Close()
	if err := b.DeleteRange(lower, upper, nil); err != nil {
		return strata.E("pebble.DeleteRange", strata.Invalid, err)
	}
	e.mu.Lock()
	err := e.db.Apply(b, pebble.NoSync)
	if err == nil {
		e.commits.appliedAll()
		e.noteDeleteRange(lower, upper)
		e.hot.clear()
	}
	e.mu.Unlock()
	if err == nil {
		err = e.syncLog()
	}
	if err != nil {
		return strata.E("pebble.DeleteRange", strata.Unavailable, err)
	}
	return nil
}

type reader struct{ r pebble.Reader }

func (r *reader) Get(key []byte) ([]byte, error) {
	v, c, err := r.r.Get(key)
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, strata.E("meta.Get", strata.NotExist, nil)
	}
	if err != nil {
		return nil, strata.E("meta.Get", strata.Unavailable, err)
	}
	out := append([]byte(nil), v...)
	c.Close()
	return out, nil
}

func (r *reader) Iter(lower, upper []byte) meta.Iterator {
	it, err := r.r.NewIter(&pebble.IterOptions{LowerBound: lower, UpperBound: upper})
	return &iter{it: it, err: err}
}

type iter struct {
	it  *pebble.Iterator
	err error
}

func (i *iter) First() bool {
	return i.it != nil && i.it.First()
}
func (i *iter) SeekGE(k []byte) bool { return i.it != nil && i.it.SeekGE(k) }
func (i *iter) Next() bool           { return i.it != nil && i.it.Next() }
func (i *iter) Valid() bool          { return i.it != nil && i.it.Valid() }
func (i *iter) Key() []byte          { return i.it.Key() }
func (i *iter) Value() []byte        { return i.it.Value() }
func (i *iter) Error() error {
	if i.err != nil {
		return i.err
	}
	return i.it.Error()
}
func (i *iter) Close() error {
	if i.it == nil {
		return i.err
	}
	return i.it.Close()
}

// quietLogger routes pebble's logs to slog at debug level.
type quietLogger struct{ l *slog.Logger }

func (q quietLogger) Infof(format string, args ...any) {}
func (q quietLogger) Errorf(format string, args ...any) {
	if q.l != nil {
		q.l.Error("pebble", "msg", sprintf(format, args...))
	}
}
func (q quietLogger) Fatalf(format string, args ...any) {
	panic(sprintf(format, args...))
}
