package meta

import "context"

// A BulkWriter gathers records in ascending key order, all of keys that
// hold nothing and that no one else writes until Commit returns (a
// split's fresh target range), and Commit puts them in the store in one
// durable step. An LSM engine writes them as a table of its own and
// links it into the tree, past its log, its memtables and the flushes
// and compactions that would carry them down level by level.
type BulkWriter interface {
	// Set adds a record; its key must be greater than the last one's.
	Set(key, value []byte) error
	// Bytes is the size of the records added since the last Commit.
	Bytes() int64
	// Commit makes the records added since the last Commit visible and
	// durable: all of them or none. The writer can be used again.
	Commit(ctx context.Context) error
	// Ingested is what this writer's commits put in the store, in table
	// bytes, and the part of it that only fit in the top level (L0),
	// where compactions still carry it down.
	Ingested() (bytes, l0 uint64)
	// Close drops what was not committed.
	Close() error
}

// bulkLoader is an engine that can take sorted records in bulk.
type bulkLoader interface {
	NewBulkWriter() (BulkWriter, error)
}

// NewBulkWriter returns a bulk writer of e, or nil when e takes records
// only through transactions (etcd): the caller then writes them there.
func NewBulkWriter(e Engine) (BulkWriter, error) {
	if l, ok := e.(bulkLoader); ok {
		return l.NewBulkWriter()
	}
	return nil, nil
}
