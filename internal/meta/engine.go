package meta

import "context"

// Engine is an ordered key-value store with transactions.
//
// Keys sort bytewise. Transactions are serializable: an Update sees the
// effects of every Update that returned before it began, and two Updates
// never interleave in a way a serial order could not produce.
//
// An Update that returns nil is durable (synced to stable storage, or to a
// quorum for a replicated engine) before it returns, unless its context
// carries WithLazySync; implementations are
// expected to group concurrent commits into one sync. fn may be called more
// than once if the engine retries on conflict, so it must have no side
// effects outside the transaction.
//
// Errors: strata.NotExist from Get for a missing key; strata.Unavailable
// when the engine cannot reach its storage or quorum; an error returned by
// fn aborts the transaction and is returned unchanged.
type Engine interface {
	View(ctx context.Context, fn func(Reader) error) error
	Update(ctx context.Context, fn func(Txn) error) error
	Close() error
}

// Reader reads a consistent snapshot, fixed no later than its first read
// (a replicated engine takes the revision of that read). It is valid only during the View or
// Update call that handed it out, and is not safe for concurrent use.
type Reader interface {
	// Get returns a copy of the value owned by the caller, or an error of
	// kind strata.NotExist.
	Get(key []byte) ([]byte, error)
	// Iter returns an iterator over keys in [lower, upper). A nil upper
	// means no upper bound. The caller must Close it.
	Iter(lower, upper []byte) Iterator
}

// Txn is a read-write transaction. Reads see the transaction's own writes.
type Txn interface {
	Reader
	Set(key, value []byte) error
	Delete(key []byte) error
}

// Iterator walks keys in ascending order. Key and Value are valid until
// the next call that moves the iterator; copy them to keep them.
type Iterator interface {
	First() bool
	SeekGE(key []byte) bool
	Next() bool
	Valid() bool
	Key() []byte
	Value() []byte
	Error() error
	Close() error
}

// PrefixEnd returns the smallest key greater than every key with the given
// prefix, or nil if there is none (prefix all 0xff).
func PrefixEnd(prefix []byte) []byte {
	end := append([]byte(nil), prefix...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// onceDeleter is a Txn with a cheaper deletion for keys written once.
type onceDeleter interface {
	DeleteOnce(key []byte) error
}

// DeleteOnce deletes key, which the caller guarantees was set exactly once
// since it was created (never overwritten, never deleted before), as an
// event in the outbox is. An LSM engine can then drop the value and its
// deletion together when they meet, instead of carrying a tombstone down
// to its last level that every later scan of the key range steps over.
// Other engines delete as Delete does.
func DeleteOnce(tx Txn, key []byte) error {
	if d, ok := tx.(onceDeleter); ok {
		return d.DeleteOnce(key)
	}
	return tx.Delete(key)
}
