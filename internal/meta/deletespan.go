package meta

import (
	"bytes"
	"context"
)

// DeleteSpan deletes up to max keys of [lower, upper) in tx, and returns
// how many it deleted and, when it deleted any, the least key after the
// last one: where the caller's next batch starts, so that it does not
// step again over the tombstones of this one (an LSM keeps them until a
// compaction reaches them).
func DeleteSpan(tx Txn, lower, upper []byte, max int) (n int, next []byte, err error) {
	it := tx.Iter(lower, upper)
	var keys [][]byte
	for ok := it.First(); ok && len(keys) < max; ok = it.Next() {
		keys = append(keys, bytes.Clone(it.Key()))
	}
	if err := it.Close(); err != nil {
		return 0, nil, err
	}
	for _, k := range keys {
		if err := tx.Delete(k); err != nil {
			return 0, nil, err
		}
	}
	if len(keys) > 0 {
		next = append(bytes.Clone(keys[len(keys)-1]), 0)
	}
	return len(keys), next, nil
}

// rangeDeleter is an engine that deletes a span of keys in one write.
type rangeDeleter interface {
	DeleteRange(ctx context.Context, lower, upper []byte) error
}

// DeleteRange deletes every key of [lower, upper) outside any
// transaction, and returns once the deletion is durable. An engine with a
// range deletion (pebble) writes it as one record, where deleting key by
// key leaves a tombstone per key for compactions to carry down and for
// every later scan of the span to step over; compactions then drop the
// tables the span covers whole. Other engines delete in transactions of
// up to 1,000 keys. The caller must know that no write of a key in the
// span races the deletion (a split's cleanup: the source is fenced).
func DeleteRange(ctx context.Context, e Engine, lower, upper []byte) error {
	if d, ok := e.(rangeDeleter); ok && upper != nil {
		return d.DeleteRange(ctx, lower, upper)
	}
	for from := lower; ; {
		var n int
		var next []byte
		err := e.Update(ctx, func(tx Txn) error {
			var err error
			n, next, err = DeleteSpan(tx, from, upper, 1000)
			return err
		})
		if err != nil || n == 0 {
			return err
		}
		from = next
	}
}
