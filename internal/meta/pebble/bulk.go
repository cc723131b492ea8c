package pebble

import (
	"bytes"
	"context"
	"fmt"
	"sync/atomic"

	"github.com/cockroachdb/pebble/objstorage/objstorageprovider"
	"github.com/cockroachdb/pebble/sstable"
	"github.com/cockroachdb/pebble/vfs"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// bulkDir holds the tables of bulk writers until they are ingested; what
// a crash leaves there is removed at open.
const bulkDir = "bulk"

// bulkSeq names the tables of bulk writers.
var bulkSeq atomic.Uint64

// bulkWriter is meta.BulkWriter on a pebble store: its records go to a
// table file of its own, which Commit ingests. pebble places an ingested
// table in the deepest level where no table's bounds overlap it (L6 when
// its keys sit between two tables there), so the records skip the log,
// the memtable, its flush and the compactions down to that level.
type bulkWriter struct {
	e     *Engine
	w     *sstable.Writer
	path  string
	first []byte
	last  []byte
	n     int
	bytes int64
	// What this writer's commits put in the store, and the part pebble
	// placed in L0.
	done IngestStats
}

// IngestStats are the bytes bulk writers put in a store, and the part of
// them pebble could place only in L0 (where compactions still carry them
// down).
type IngestStats struct{ Bytes, L0Bytes uint64 }

// Ingested returns what bulk writers put in the store since it opened.
func (e *Engine) Ingested() IngestStats {
	return IngestStats{Bytes: e.ingested.Load(), L0Bytes: e.ingestedL0.Load()}
}

// NewBulkWriter is meta.NewBulkWriter's writer.
func (e *Engine) NewBulkWriter() (meta.BulkWriter, error) { return &bulkWriter{e: e}, nil }

func (b *bulkWriter) open() error {
	fs := b.e.po.FS
	dir := fs.PathJoin(b.e.dir, bulkDir)
	if err := fs.MkdirAll(dir, 0o755); err != nil {
		return strata.E("pebble.Bulk", strata.Unavailable, err)
	}
	b.path = fs.PathJoin(dir, fmt.Sprintf("%06d.sst", bulkSeq.Add(1)))
	f, err := fs.Create(b.path)
	if err != nil {
		return strata.E("pebble.Bulk", strata.Unavailable, err)
	}
	// The level-6 options: the table is written once and meant to stay
	// where it lands (bloom filter, 16 KiB blocks, pebble's compression).
	o := b.e.po.MakeWriterOptions(6, b.e.db.FormatMajorVersion().MaxTableFormat())
	b.w = sstable.NewWriter(objstorageprovider.NewFileWritable(f), o)
	return nil
}

func (b *bulkWriter) Set(key, value []byte) error {
	if b.n > 0 && bytes.Compare(key, b.last) <= 0 {
		return strata.Errorf("pebble.Bulk", strata.Invalid, "key %q not after %q", key, b.last)
	}
	if b.w == nil {
		if err := b.open(); err != nil {
			return err
		}
		b.first = bytes.Clone(key)
	}
	if err := b.w.Set(key, value); err != nil {
		return strata.E("pebble.Bulk", strata.Invalid, err)
	}
	b.last = append(b.last[:0], key...)
	b.n++
	b.bytes += int64(len(key) + len(value))
	return nil
}

func (b *bulkWriter) Bytes() int64 { return b.bytes }

// Commit finishes the table (the writer syncs it) and ingests it under
// the commit lock, as DeleteRange applies: every transaction running
// then validates against it as against a write of any key, the key notes
// it overlaps are lost, and the hot keys are read again.
func (b *bulkWriter) Commit(ctx context.Context) error {
	if b.w == nil {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	w, path := b.w, b.path
	b.w, b.n, b.bytes = nil, 0, 0
	defer b.e.po.FS.Remove(path) // ingested tables are linked into the store
	if err := w.Close(); err != nil {
		return strata.E("pebble.Bulk", strata.Unavailable, err)
	}
	e := b.e
	e.mu.Lock()
	st, err := e.db.IngestWithStats([]string{path})
	if err == nil {
		e.commits.appliedAll()
		e.noteDeleteRange(b.first, append(bytes.Clone(b.last), 0))
		e.hot.clear()
	}
	e.mu.Unlock()
	if err != nil {
		return strata.E("pebble.Bulk", strata.Unavailable, err)
	}
	e.ingested.Add(st.Bytes)
	e.ingestedL0.Add(st.ApproxIngestedIntoL0Bytes)
	b.done.Bytes += st.Bytes
	b.done.L0Bytes += st.ApproxIngestedIntoL0Bytes
	return nil
}

// Ingested returns the table bytes this writer's commits put in the
// store, and the part of them placed in L0.
func (b *bulkWriter) Ingested() (bytes, l0 uint64) { return b.done.Bytes, b.done.L0Bytes }

func (b *bulkWriter) Close() error {
	if b.w == nil {
		return nil
	}
	b.w.Close()
	err := b.e.po.FS.Remove(b.path)
	b.w = nil
	return err
}

// clearBulk removes the tables a crash left unlinked in dir.
func clearBulk(fs vfs.FS, dir string) error {
	return fs.RemoveAll(fs.PathJoin(dir, bulkDir))
}
