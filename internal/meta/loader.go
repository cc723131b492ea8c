package meta

import "context"

// A Loader writes a run of new keys in ascending order, each once, into
// an engine: a bulk copy (a split's first pass) that need not go through
// the engine's log and memtable one transaction at a time. What it wrote
// is visible once Commit returns, and durable; Abort drops what is not
// committed yet. The caller must know that none of the keys exists and
// that nothing else writes them meanwhile.
type Loader interface {
	Add(key, value []byte) error
	Commit() error
	Abort()
}

// loaderEngine is an engine with its own Loader (pebble: tables built
// aside and ingested).
type loaderEngine interface {
	NewLoader(ctx context.Context) (Loader, error)
}

// NewLoader returns e's own Loader or one that writes in transactions of
// up to maxKeys keys or maxBytes bytes (the caller's own batch, which it
// knows the engine accepts), each under ctx.
func NewLoader(ctx context.Context, e Engine, maxKeys, maxBytes int) (Loader, error) {
	if l, ok := e.(loaderEngine); ok {
		return l.NewLoader(ctx)
	}
	return &txLoader{ctx: ctx, e: e, maxKeys: max(maxKeys, 1), maxBytes: maxBytes}, nil
}

// txLoader commits its keys in transactions, one per full batch.
type txLoader struct {
	ctx               context.Context
	e                 Engine
	maxKeys, maxBytes int
	batch             [][2][]byte
	size              int
}

func (l *txLoader) Add(key, value []byte) error {
	l.batch = append(l.batch, [2][]byte{append([]byte(nil), key...), append([]byte(nil), value...)})
	l.size += len(key) + len(value)
	if len(l.batch) < l.maxKeys && l.size < l.maxBytes {
		return nil
	}
	return l.Commit()
}

// Commit writes the keys added since the last full batch.
func (l *txLoader) Commit() error {
	if len(l.batch) == 0 {
		return nil
	}
	err := l.e.Update(l.ctx, func(tx Txn) error {
		for _, kv := range l.batch {
			if err := tx.Set(kv[0], kv[1]); err != nil {
				return err
			}
		}
		return nil
	})
	l.batch, l.size = l.batch[:0], 0
	return err
}

// Abort drops the keys not yet written; full batches are committed.
func (l *txLoader) Abort() { l.batch, l.size = nil, 0 }
