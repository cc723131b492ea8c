package object

import (
	"context"
	"encoding/json"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/protect"
	"github.com/strata-storage/strata/internal/strata"
)

// Usage is what a bucket stores, kept exact by the transactions that add
// or drop versions (see addUsage).
//
// RawBytes is computed from each version's content map and policy, not
// from the fragments present at the moment, so that a rebuild or an
// improver pass (which restore missing fragments) leaves it unchanged:
//   - replication: copies × size;
//   - erasure coding K+M: K+M fragments of stripes × unit bytes each.
//     The padding rule: a metachunk that fits one stripe (≤ K × 256 KiB)
//     uses unit = ceil(size/K) rounded up to 4 KiB, so it pads less than
//     (K+M) × 4 KiB (24 KiB for EC4+2); a longer one uses 256 KiB units
//     and zero-pads its last stripe, less than (K+M) × 256 KiB (1.5 MiB
//     for EC4+2). EC4+2 thus costs 1.5 × size plus that padding; a 64 MiB
//     metachunk is a whole number of stripes and pads nothing;
//   - bytes stored inline in meta2 count under "INLINE";
//   - a slice of a metachunk (files written through a mount share log
//     chunks) counts its share: copies × n, or ceil(n × (K+M) / K).
type Usage struct {
	Objects      int64            `json:"objects"`       // versions holding data (delete markers excluded), all versions
	LogicalBytes int64            `json:"logical_bytes"` // sum of their sizes
	RawBytes     map[string]int64 `json:"raw_bytes"`     // per storage policy: bytes the chunks really take (copies, parity, padding)
}

// IsZero reports whether u counts nothing.
func (u Usage) IsZero() bool {
	if u.Objects != 0 || u.LogicalBytes != 0 {
		return false
	}
	for _, v := range u.RawBytes {
		if v != 0 {
			return false
		}
	}
	return true
}

// Add adds sign × d to u (sign is 1 or -1). Policies whose raw bytes fall
// to zero leave the map.
func (u *Usage) Add(d Usage, sign int64) {
	u.Objects += sign * d.Objects
	u.LogicalBytes += sign * d.LogicalBytes
	for p, v := range d.RawBytes {
		if u.RawBytes == nil {
			u.RawBytes = map[string]int64{}
		}
		u.RawBytes[p] += sign * v
		if u.RawBytes[p] == 0 {
			delete(u.RawBytes, p)
		}
	}
}

// Raw is the sum of the raw bytes over every policy.
func (u Usage) Raw() int64 {
	var n int64
	for _, v := range u.RawBytes {
		n += v
	}
	return n
}

// usageOf is what one version record counts: a pure function of the
// record, so that adding it on write and subtracting it on removal keeps
// the counters exact.
func usageOf(rec *record) Usage {
	if rec == nil || rec.Info.DeleteMarker {
		return Usage{}
	}
	u := Usage{Objects: 1, LogicalBytes: rec.Info.Size, RawBytes: map[string]int64{}}
	for _, s := range rec.Content {
		switch {
		case s.Hole, s.Remote != nil: // a remote tier's bytes are not on this cluster
		case s.MC == nil:
			u.RawBytes["INLINE"] += s.Size
		default:
			name, n := segmentRaw(s)
			u.RawBytes[name] += n
		}
	}
	for p, v := range u.RawBytes {
		if v == 0 {
			delete(u.RawBytes, p)
		}
	}
	return u
}

// segmentRaw is the bytes a chunk-backed segment takes, by policy name
// (see Usage).
func segmentRaw(s segment) (string, int64) {
	p, err := protect.ParsePolicy(s.Policy)
	if err != nil {
		return s.Policy, s.Size // unknown policy: count the data once
	}
	whole := s.Off == 0 && s.Size == s.MC.Size
	switch {
	case !p.IsEC():
		return p.Name, int64(p.Copies) * s.Size
	case !whole || s.MC.Unit <= 0:
		w, k := int64(p.K+p.M), int64(p.K)
		return p.Name, (s.Size*w + k - 1) / k
	default:
		sw := int64(p.K) * s.MC.Unit
		stripes := max(1, (s.MC.Size+sw-1)/sw)
		return p.Name, int64(p.K+p.M) * stripes * s.MC.Unit
	}
}

// addUsage adds d to the container's counters inside tx, in one of the
// UsageSlots slots, handed out in turn: transactions of this gateway that
// run at the same time touch the same slot only when more than
// UsageSlots of them began while one was running, so they do not conflict
// (picked at random, two of 32 writers met on a slot often enough to rerun
// 1.6% of the commits while a bucket grew to 1 M objects). The
// transaction's own writes are visible to its reads, so several calls in
// one transaction add up.
func (s *Service) addUsage(tx meta.Txn, m2 directory.Meta2, d Usage) error {
	if at, ok := tx.(admittedTxn); ok {
		if err := at.adm.add(d); err != nil {
			return err
		}
	}
	if d.IsZero() {
		return nil
	}
	k := m2.UsageSlot(int(s.usageSlot.Add(1) % directory.UsageSlots))
	var cur Usage
	b, err := tx.Get(k)
	switch {
	case err == nil:
		if err := json.Unmarshal(b, &cur); err != nil {
			return strata.E("object.addUsage", strata.Corrupt, err)
		}
	case !strata.Is(err, strata.NotExist):
		return err
	}
	cur.Add(d, 1)
	b, _ = json.Marshal(cur)
	return tx.Set(k, b)
}

// replaceUsage adds what rec counts and subtracts what old counted
// (either may be nil), in tx.
func (s *Service) replaceUsage(tx meta.Txn, m2 directory.Meta2, rec, old *record) error {
	d := usageOf(rec)
	d.Add(usageOf(old), -1)
	return s.addUsage(tx, m2, d)
}

// BucketUsage returns what a bucket stores: every version holding data
// (delete markers excluded) and the raw bytes per policy. It reads the
// counter slots in one snapshot; a bucket never counted (created before
// the counters existed) is recounted first.
func (s *Service) BucketUsage(ctx context.Context, bucket string) (Usage, error) {
	u, counted, err := s.readUsageAll(ctx, bucket)
	if err != nil || counted {
		return u, err
	}
	exact, err := s.RecountUsage(ctx, bucket)
	if strata.Is(err, strata.Unavailable) {
		return u, nil // a split in progress: the counters, until it ends
	}
	return exact, err
}

func readUsage(ctx context.Context, e meta.Engine, m2 directory.Meta2) (Usage, bool, error) {
	return readUsageKeep(ctx, e, m2, nil)
}

// readUsageKeep is readUsage counting only the slots keep accepts (nil:
// all); see readUsageAll.
func readUsageKeep(ctx context.Context, e meta.Engine, m2 directory.Meta2, keep func(key []byte) bool) (Usage, bool, error) {
	u := Usage{RawBytes: map[string]int64{}}
	counted := false
	err := e.View(ctx, func(r meta.Reader) error {
		u, counted = Usage{RawBytes: map[string]int64{}}, false
		if _, err := r.Get(m2.UsageCounted()); err == nil {
			counted = true
		} else if !strata.Is(err, strata.NotExist) {
			return err
		}
		p := m2.UsagePrefix()
		it := r.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			if keep != nil && !keep(it.Key()) {
				continue
			}
			var slot Usage
			if err := json.Unmarshal(it.Value(), &slot); err != nil {
				return strata.E("object.BucketUsage", strata.Corrupt, err)
			}
			u.Add(slot, 1)
		}
		return it.Error()
	})
	return u, counted, err
}

// RecountUsage recomputes a bucket's counters from its versions, in one
// transaction (so concurrent writes either land before and are counted,
// or retry after), and marks them exact. It is for buckets created before
// the counters, and for checking them: it returns the fresh count.
func (s *Service) recountRange(ctx context.Context, e meta.Engine, m2 directory.Meta2) (Usage, error) {
	var total Usage
	err := e.Update(ctx, func(tx meta.Txn) error {
		total = Usage{RawBytes: map[string]int64{}}
		if err := sumVersions(tx, m2, &total); err != nil {
			return err
		}
		if err := deleteUnder(tx, m2.UsagePrefix()); err != nil {
			return err // the slots and any split's moved delta
		}
		b, _ := json.Marshal(total)
		if err := tx.Set(m2.UsageSlot(0), b); err != nil {
			return err
		}
		return tx.Set(m2.UsageCounted(), nil)
	})
	return total, err
}

func sumVersions(r meta.Reader, m2 directory.Meta2, total *Usage) error {
	p := m2.VersionPrefix()
	it := r.Iter(p, meta.PrefixEnd(p))
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		rec, err := decodeRecord(it.Value())
		if err != nil {
			return err
		}
		total.Add(usageOf(rec), 1)
	}
	return it.Error()
}
