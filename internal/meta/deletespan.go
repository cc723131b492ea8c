package meta

import "bytes"

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
