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

// SetNew is Set for a key the caller knows holds nothing (see setNew):
// there are no old index entries to drop, so the old value is not read.
func (t indexTxn) SetNew(key, value []byte) error {
	if cid, rel, ok := directory.SplitRecordKey(key); ok && indexedKind(rel[0]) {
		if err := t.replace(cid, rel, nil, value, true); err != nil {
			return err
		}
	}
	return t.Txn.Set(key, value)
}

// setNew writes key, which the caller knows holds nothing yet: a PUT's
// version key, whose time is past that of every version of its object.
// Through indexTxn (or a wrapper that passes SetNew on), the volume index
// then skips reading the old value: a point read of a key that is in no
// level of the store, which costs a table lookup and a filter probe per
// level (a tenth of a PUT's CPU at 5 M objects).
func setNew(tx meta.Txn, key, value []byte) error {
	if n, ok := tx.(interface{ SetNew(key, value []byte) error }); ok {
		return n.SetNew(key, value)
	}
	return tx.Set(key, value)
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
	return t.replace(cid, rel, old, value, set)
}

// replace writes the index entries of value (when set) in place of
// those of old.
func (t indexTxn) replace(cid strata.ContainerID, rel, old, value []byte, set bool) error {
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

// fragmentsMark is a cheap test that a record value may name a chunk:
// every fragment list is marshalled as "f":[{...}], also in a compact
// record's JSON field. Inline objects and delete markers skip the
// decoding.
var fragmentsMark = []byte(`"f":[{`)

// indexEntries returns the index entries (key -> metachunk position) of
// a record value. The position is the metachunk's rank among the
// record's distinct metachunks (Content's, then Restored's).
func indexEntries(cid strata.ContainerID, rel, value []byte) map[string][]byte {
	if len(value) == 0 || !bytes.Contains(value, fragmentsMark) {
		return nil
	}
	var out map[string][]byte
	for i, mc := range recordMetachunks(rel[0], value) {
		for _, f := range mc.F {
			k := string(directory.VolumeIndexKey(f.S, cid, f.C, rel))
			if _, dup := out[k]; dup {
				continue
			}
			if out == nil {
				out = map[string][]byte{}
			}
			out[k] = binary.AppendUvarint(nil, uint64(i))
		}
	}
	return out
}

// The index reads only the fragments of a record: decoding the whole
// record (object info, inline bytes, segment lists) costs several times
// more on every commit.
type (
	idxFragment struct {
		S string `json:"s"` // protect.Fragment's Service
		C string `json:"c"` // and Chunk
	}
	idxMetachunk struct {
		F []idxFragment `json:"f"`
	}
	// idxContent reads both forms of a content map (contentmap.go): the
	// table {"t":[metachunk...],"s":[...]} and a plain segment array.
	idxContent []idxMetachunk
	idxRecord  struct {
		C  idxContent `json:"c"`  // record and partRecord content
		RS idxContent `json:"rs"` // record.Restored
		D  idxContent `json:"d"`  // pendingOp.Data
	}
)

func (c *idxContent) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var segs []struct {
			M *idxMetachunk `json:"m"`
		}
		if err := json.Unmarshal(b, &segs); err != nil {
			return err
		}
		for _, s := range segs {
			if s.M != nil {
				*c = append(*c, *s.M)
			}
		}
		return nil
	}
	var tab struct {
		T []idxMetachunk `json:"t"`
	}
	if string(b) == "null" {
		return nil
	}
	if err := json.Unmarshal(b, &tab); err != nil {
		return err
	}
	*c = tab.T
	return nil
}

// recordMetachunks decodes the metachunks a record of kind owns (nil if
// it does not decode: the pending-write counters are not JSON).
func recordMetachunks(kind byte, value []byte) []idxMetachunk {
	if kind == 'v' && len(value) > 0 && value[0] == recordCompact {
		// The compact form keeps its chunk tables in its JSON field,
		// under the same names (recordwire.go).
		if value = compactRest(value); value == nil {
			return nil
		}
	}
	var r idxRecord
	if json.Unmarshal(value, &r) != nil {
		return nil
	}
	switch kind {
	case 'v':
		return append(r.C, r.RS...)
	case 'p':
		return r.C
	case 'l':
		return r.D
	}
	return nil
}
