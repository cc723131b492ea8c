package object

import (
	"context"
	"fmt"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
)

// A split's first copy pass writes nearly all of its records (some 5 M
// for a range of 2.5 M objects) into a target that holds nothing yet and
// that nothing else writes before the split publishes it. Written through
// transactions, each record went through the store's log, its memtable, a
// flush and the compactions down the levels, beside the writes of the
// bucket's other keys, which kept about half their rate while a split
// copied. Where the target's engine has a bulk writer (pebble), a batch of
// records on keys the target does not hold goes to a table of its own
// instead, ingested once it holds bulkTableBytes and at the end of each
// record kind: the store places it in the deepest level its keys fit.

// bulkLoad is a target's bulk writer and the volume index entries of the
// records it holds.
type bulkLoad struct {
	w     meta.BulkWriter
	index []kv
}

// bulkTableBytes is the size of the tables a split's bulk writer ingests:
// half of the last level's table size, few enough tables that the store
// keeps its count of files low, each written in a few seconds.
const bulkTableBytes = 64 << 20

// allFresh reports whether every write lands on a key the target does
// not hold.
func allFresh(sets []copyWrite) bool {
	for _, w := range sets {
		if !w.fresh {
			return false
		}
	}
	return true
}

// bulkTarget adds a batch of fresh records to the target's bulk writer,
// and commits the writer once its table is full. The volume index entries
// of records that name chunks are written by a transaction after the
// table that holds their records is in the store: a crash between the two
// leaves records without entries in a target the split then rolls back
// (it deletes them through the index), never entries without records.
func bulkTarget(ctx context.Context, dst rangeRef, sets []copyWrite) (int, error) {
	for _, w := range sets {
		if err := dst.bulk.w.Set(append(dst.m2.All(), w.k...), w.v); err != nil {
			return 0, err
		}
	}
	for _, w := range sets {
		dst.tally.change(w.k, nil, false, w.v, true)
	}
	dst.bulk.index = appendIndex(dst.bulk.index, dst, sets)
	if dst.bulk.w.Bytes() >= bulkTableBytes {
		return len(sets), commitBulk(ctx, dst)
	}
	return len(sets), nil
}

// appendIndex adds the volume index entries of the records in sets.
func appendIndex(to []kv, dst rangeRef, sets []copyWrite) []kv {
	for _, w := range sets {
		if len(w.k) == 0 || !indexedKind(w.k[0]) {
			continue
		}
		cid, rel, ok := directory.SplitRecordKey(append(dst.m2.All(), w.k...))
		if !ok {
			continue
		}
		for k, v := range indexEntries(cid, rel, w.v) {
			to = append(to, kv{[]byte(k), v})
		}
	}
	return to
}

// commitBulk ingests what the target's bulk writer holds, then writes the
// index entries of its records.
func commitBulk(ctx context.Context, dst rangeRef) error {
	if dst.bulk == nil {
		return nil
	}
	if err := dst.bulk.w.Commit(ctx); err != nil {
		return err
	}
	entries := dst.bulk.index
	dst.bulk.index = nil
	for len(entries) > 0 {
		n := min(len(entries), splitBatch)
		err := dst.e.Update(ctx, func(tx meta.Txn) error {
			for _, e := range entries[:n] {
				if err := tx.Set(e.k, e.v); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		entries = entries[n:]
	}
	return nil
}

// ingested says, for the split's log, how many table bytes the bulk
// writer put in the store and how many of them only fit in L0 ("none"
// without a bulk writer).
func (b *bulkLoad) ingested() string {
	if b == nil {
		return "none"
	}
	all, l0 := b.w.Ingested()
	return fmt.Sprintf("%d bytes, %d in L0", all, l0)
}
