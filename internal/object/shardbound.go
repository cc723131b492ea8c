package object

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// boundedEngine is the engine of one range for bucket-wide work
// (scanners: lifecycle, improver, rebuild, restores). A split leaves the
// moved records in the old range until its cleanup, and a scanner may meet
// them there: every write of a per-key record (o/ v/ u/ i/ q/ A/p/) checks
// the key against the range's fence, read in the same transaction, and a
// write to a key the range no longer owns aborts with errRangeMoved. So a
// scanner never changes a stale copy, nor frees the data its live copy in
// the new range still names.
type boundedEngine struct {
	meta.Engine
	m2 directory.Meta2
}

func (b boundedEngine) Update(ctx context.Context, fn func(meta.Txn) error) error {
	return b.Engine.Update(ctx, func(tx meta.Txn) error {
		bd := directory.Bounds{}
		raw, err := tx.Get(b.m2.Fence())
		switch {
		case strata.Is(err, strata.NotExist):
			return fn(tx) // never split: owns every key
		case err != nil:
			return err
		}
		if err := json.Unmarshal(raw, &bd); err != nil {
			return strata.E("object.fence", strata.Corrupt, err)
		}
		return fn(&boundedTxn{Txn: tx, pre: b.m2.All(), b: bd})
	})
}

type boundedTxn struct {
	meta.Txn
	pre []byte
	b   directory.Bounds
}

// owns reports whether the range may write key k.
func (t *boundedTxn) owns(k []byte) bool {
	if !bytes.HasPrefix(k, t.pre) || len(k) < len(t.pre)+2 {
		return true
	}
	rest := k[len(t.pre):]
	switch {
	case bytes.HasPrefix(rest, []byte("A/p/")):
		rest = rest[4:]
	case routed(rest[0]) && rest[1] == '/':
		rest = rest[2:]
	default:
		return true
	}
	if i := bytes.IndexByte(rest, 0); i >= 0 {
		rest = rest[:i]
	}
	return t.b.Contains(string(rest))
}

func (t *boundedTxn) Set(k, v []byte) error {
	if !t.owns(k) {
		return errRangeMoved
	}
	return t.Txn.Set(k, v)
}

func (t *boundedTxn) Delete(k []byte) error {
	if !t.owns(k) {
		return errRangeMoved
	}
	return t.Txn.Delete(k)
}
