package object

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// The volume chunk index ("rdir", see directory/rdirkeys.go) lists, per
// blob volume, every fragment a record of a meta2 shard references, so a
// rebuild of a lost volume reads that volume's entries instead of every
// record of every container.
//
// It is kept by the engine rather than by each writer: every meta2
// Update of the object service goes through indexTxn (see
// Service.bucket), which diffs the old and new fragment lists of each
// record key (versions v/, parts p/, pending file writes l/: the kinds
// eachContent reads) it sets or deletes, and writes or drops the entries
// in the same transaction. No write path (put, multipart, delete, gc,
// rewrite, transition, rebuild, site convergence, mount writes) can
// forget it, and none needs to know about it.

// indexingEngine maintains the volume index in every Update.
type indexingEngine struct{ meta.Engine }

func (e indexingEngine) Update(ctx context.Context, fn func(meta.Txn) error) error {
	return e.Engine.Update(ctx, func(tx meta.Txn) error { return fn(indexTxn{tx}) })
}

// indexTxn is a transaction that updates the volume index of each
// record it writes.
type indexTxn struct{ meta.Txn }

func (t indexTxn) Set(key, value []byte) error {
	if err := t.reindex(key, value, true); err != nil {
		return err
	}
	return t.Txn.Set(key, value)
}

func (t indexTxn) Delete(key []byte) error {
	if err := t.reindex(key, nil, false); err != nil {
		return err
	}
	return t.Txn.Delete(key)
}

// reindex replaces the index entries of key's old value by those of
// value.
func (t indexTxn) reindex(key, value []byte, set bool) error {
	cid, rel, ok := directory.SplitRecordKey(key)
	if !ok || !indexedKind(rel[0]) {
		return nil
	}
	old, err := t.Txn.Get(key)
	if err != nil && !strata.Is(err, strata.NotExist) {
		return err
	}
	before := indexEntries(cid, rel, old)
	var after map[string][]byte
	if set {
		after = indexEntries(cid, rel, value)
	}
	for k := range before {
		if _, keep := after[k]; !keep {
			if err := t.Txn.Delete([]byte(k)); err != nil {
				return err
			}
		}
	}
	for k, v := range after {
		if pv, had := before[k]; !had || !bytes.Equal(pv, v) {
			if err := t.Txn.Set([]byte(k), v); err != nil {
				return err
			}
		}
	}
	return nil
}

// indexedKind: the record kinds that reference chunks.
func indexedKind(kind byte) bool { return kind == 'v' || kind == 'p' || kind == 'l' }

// hasFragments is a cheap test that a record value may name a chunk:
// every fragment list is marshalled as "f":[{...}]. Inline objects and
// delete markers skip the decoding.
var fragmentsMark = []byte(`"f":[{`)

// indexEntries returns the index entries (key -> metachunk position) of
// a record value.
func indexEntries(cid strata.ContainerID, rel, value []byte) map[string][]byte {
	if len(value) == 0 || !bytes.Contains(value, fragmentsMark) {
		return nil
	}
	content := recordContent(rel[0], value)
	var out map[string][]byte
	for i, seg := range content {
		if seg.MC == nil {
			continue
		}
		for _, f := range seg.MC.Fragments {
			k := string(directory.VolumeIndexKey(f.Service, cid, string(f.Chunk), rel))
			if _, dup := out[k]; dup {
				continue // a metachunk sliced by several segments: first position
			}
			if out == nil {
				out = map[string][]byte{}
			}
			out[k] = binary.AppendUvarint(nil, uint64(i))
		}
	}
	return out
}

// recordContent decodes the chunk-owning content of a record of kind
// (nil if it does not decode: the pending-write counters are not JSON).
func recordContent(kind byte, value []byte) []segment {
	switch kind {
	case 'v':
		if rec, err := decodeRecord(value); err == nil {
			return rec.owned()
		}
	case 'p':
		var pr partRecord
		if json.Unmarshal(value, &pr) == nil {
			return pr.Content
		}
	case 'l':
		var op pendingOp
		if json.Unmarshal(value, &op) == nil {
			return op.Data
		}
	}
	return nil
}
