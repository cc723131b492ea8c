package pebble

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/cockroachdb/pebble/objstorage/objstorageprovider"
	"github.com/cockroachdb/pebble/sstable"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// tableLoader is meta.Loader's pebble form: it writes the keys into
// tables in the store's load folder, cut every loadTableSize bytes, and
// Commit ingests them all in one step. An ingested table goes to the
// lowest level holding no key of its span, so a split's copy of 1.25 M
// records is written once, where transactions wrote it to the log, the
// memtable, a flush and every compaction on the way down.
type tableLoader struct {
	ctx   context.Context
	e     *Engine
	w     *sstable.Writer
	size  int
	paths []string
}

// loadTableSize is a variable for tests, which cut smaller tables.
var loadTableSize = 64 << 20

// loadSeq names the load tables of this process.
var loadSeq atomic.Uint64

// loadDir is the folder of tables being loaded, under the store's: it is
// emptied when the store opens (a load a crash interrupted).
const loadDir = "load"

// NewLoader returns a meta.Loader that ingests tables.
func (e *Engine) NewLoader(ctx context.Context) (meta.Loader, error) {
	if err := e.fs.MkdirAll(e.fs.PathJoin(e.dir, loadDir), 0o755); err != nil {
		return nil, strata.E("pebble.NewLoader", strata.Unavailable, err)
	}
	return &tableLoader{ctx: ctx, e: e}, nil
}

func (l *tableLoader) Add(key, value []byte) error {
	const op = "pebble.Loader.Add"
	if l.w == nil {
		if err := l.ctx.Err(); err != nil {
			return err
		}
		path := l.e.fs.PathJoin(l.e.dir, loadDir, fmt.Sprintf("%d.sst", loadSeq.Add(1)))
		f, err := l.e.fs.Create(path)
		if err != nil {
			return strata.E(op, strata.Unavailable, err)
		}
		l.paths = append(l.paths, path)
		// Level 5's options: those of every level but the last, whose
		// tables a compaction may mark for elision.
		l.w = sstable.NewWriter(objstorageprovider.NewFileWritable(f),
			l.e.po.MakeWriterOptions(5, l.e.db.FormatMajorVersion().MaxTableFormat()))
	}
	if err := l.w.Set(key, value); err != nil {
		return strata.E(op, strata.Invalid, err) // out of order or repeated
	}
	if l.size += len(key) + len(value); l.size >= loadTableSize {
		return l.finish()
	}
	return nil
}

// finish closes the table being written (its file synced).
func (l *tableLoader) finish() error {
	if l.w == nil {
		return nil
	}
	err := l.w.Close()
	l.w, l.size = nil, 0
	if err != nil {
		return strata.E("pebble.Loader", strata.Unavailable, err)
	}
	return nil
}

// Commit ingests the tables as one commit, durable when it returns: every
// transaction running then runs again, as after a range deletion.
func (l *tableLoader) Commit() error {
	if err := l.finish(); err != nil {
		l.Abort()
		return err
	}
	if len(l.paths) == 0 {
		return nil
	}
	if err := l.ctx.Err(); err != nil {
		l.Abort()
		return err
	}
	l.e.mu.Lock()
	err := l.e.db.Ingest(l.paths)
	if err == nil {
		l.e.commits.appliedAll()
	}
	l.e.mu.Unlock()
	if err != nil {
		l.Abort()
		return strata.E("pebble.Loader.Commit", strata.Unavailable, err)
	}
	l.paths = nil // ingest moved them into the store
	return nil
}

// Abort removes the tables not ingested.
func (l *tableLoader) Abort() {
	if l.w != nil {
		l.w.Close()
		l.w = nil
	}
	for _, p := range l.paths {
		l.e.fs.Remove(p)
	}
	l.paths = nil
}
