package object

import (
	"bytes"
	"context"
	"encoding/binary"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/meta"
)

// A split moves the records of the object keys [lo, hi) of a range.
// selector names one kind of such record: the keys under kind (after the
// sub-container prefix) from lo to hi when ordered by object key, or all
// of them passed through keep when ordered otherwise (by time, by upload).
type selector struct {
	kind  string
	byKey bool              // keys are kind + object key (+ \x00 ...)
	keep  func([]byte) bool // for !byKey: the rest of the key after kind
}

// selectors lists every record kind that follows its object key. uploads
// are the upload ids of the moved keys (their parts move with them), inos
// the inodes of the moved files (their pending writes and hard links).
func selectors(lo, hi string, closed bool, uploads map[string]bool, inos map[uint64]bool) []selector {
	in := func(k string) bool { return k >= lo && (!closed || k < hi) }
	lcKey := func(rest []byte) bool {
		_, key, _, ok := directory.LCParse(rest)
		return ok && in(key)
	}
	part := func(rest []byte) bool {
		id, _, _ := bytes.Cut(rest, []byte{'/'})
		return uploads[string(id)]
	}
	sel := []selector{}
	for _, k := range []string{"o/", "v/", "u/", "i/", "q/", "A/p/"} {
		sel = append(sel, selector{kind: k, byKey: true})
	}
	for _, k := range []string{"y/c/", "y/u/", "y/t/", "A/e/"} {
		sel = append(sel, selector{kind: k, keep: lcKey})
	}
	inode := func(rest []byte) bool { return len(rest) >= 8 && inos[binary.BigEndian.Uint64(rest)] }
	sel = append(sel, selector{kind: "l/", keep: inode}, selector{kind: "n/", keep: inode})
	return append(sel, selector{kind: "p/", keep: part})
}

// movedSelectors returns the selectors of what a split of b moves, with
// the uploads and inodes the source's range holds now.
func movedSelectors(ctx context.Context, src rangeRef, b directory.Bounds) ([]selector, error) {
	uploads, err := uploadsIn(ctx, src, b.Start, b.End, b.Closed)
	if err != nil {
		return nil, err
	}
	inos, err := inodesIn(ctx, src, b.Start, b.End, b.Closed)
	if err != nil {
		return nil, err
	}
	return selectors(b.Start, b.End, b.Closed, uploads, inos), nil
}

// inodesIn returns the inodes of the files [lo, hi) of a range that have
// inode records (pending writes, hard links): those move with the files.
// Most ranges have none, and then no record is decoded.
func inodesIn(ctx context.Context, src rangeRef, lo, hi string, closed bool) (map[uint64]bool, error) {
	have := map[uint64]bool{}
	for _, kind := range []string{"l/", "n/"} {
		sl := selector{kind: kind, keep: func([]byte) bool { return true }}
		lower, upper := sl.span(src.m2, "", "", false)
		err := eachBatch(ctx, src, sl, lower, upper, func(r kv) {
			if rest := r.k[len(kind):]; len(rest) >= 8 {
				have[binary.BigEndian.Uint64(rest)] = true
			}
		})
		if err != nil {
			return nil, err
		}
	}
	inos := map[uint64]bool{}
	if len(have) == 0 {
		return inos, nil
	}
	sl := selector{kind: "o/", byKey: true}
	lower, upper := sl.span(src.m2, lo, hi, closed)
	err := eachBatch(ctx, src, sl, lower, upper, func(r kv) {
		if rec, err := decodeRecord(r.v); err == nil && rec.FS != nil && have[rec.FS.Ino] {
			inos[rec.FS.Ino] = true
		}
	})
	return inos, err
}

// eachBatch reads a range's selected records in batches and gives each
// to fn.
func eachBatch(ctx context.Context, src rangeRef, sl selector, lower, upper []byte, fn func(kv)) error {
	var after []byte
	for {
		batch, more, err := readBatch(ctx, src.e, src.m2, sl, lower, upper, after)
		if err != nil {
			return err
		}
		for _, r := range batch {
			fn(r)
		}
		if !more {
			return nil
		}
		after = batch[len(batch)-1].k
	}
}

// span returns the engine keys a selector scans in a sub-container.
func (sl selector) span(m2 directory.Meta2, lo, hi string, closed bool) (lower, upper []byte) {
	base := append(m2.All(), sl.kind...)
	if !sl.byKey {
		return base, meta.PrefixEnd(base)
	}
	lower = append(bytes.Clone(base), lo...)
	if closed {
		return lower, append(bytes.Clone(base), hi...)
	}
	return lower, meta.PrefixEnd(base)
}

// A split reads and writes records in batches of up to splitBatch
// records or splitBatchBytes bytes, one transaction each. With batches of
// 256, a split of a 150,000-object range under 32 writers took over two
// minutes (and one of a 600,000-object range a quarter of an hour), most
// of it waiting in the commit queue; with these it takes about 10 s. The
// byte cap keeps a batch far below the etcd request limit.
const (
	splitBatch      = 8192
	splitBatchBytes = 4 << 20
)

type kv struct{ k, v []byte }

// readBatch reads a batch of selected records of m2 from after
// (exclusive, nil: the start), as keys relative to the sub-container.
func readBatch(ctx context.Context, e meta.Engine, m2 directory.Meta2, sl selector, lower, upper, after []byte) ([]kv, bool, error) {
	var out []kv
	more := false
	pre := len(m2.All())
	err := e.View(ctx, func(r meta.Reader) error {
		out, more = out[:0], false
		size := 0
		it := r.Iter(lower, upper)
		defer it.Close()
		ok := it.First()
		if after != nil {
			ok = it.SeekGE(append(append(m2.All(), after...), 0))
		}
		for ; ok; ok = it.Next() {
			rel := it.Key()[pre:]
			if sl.keep != nil && !sl.keep(rel[len(sl.kind):]) {
				continue
			}
			if len(out) == splitBatch || size >= splitBatchBytes {
				more = true
				break
			}
			out = append(out, kv{bytes.Clone(rel), bytes.Clone(it.Value())})
			size += len(it.Key()) + len(it.Value())
		}
		return it.Error()
	})
	return out, more, err
}

// copyWrite is a record a sync pass writes to the target; fresh says the
// target did not hold its key.
type copyWrite struct {
	kv
	fresh bool
	old   []byte // the target's value, when not fresh
}

// syncKind makes dst's records of one selector equal to src's: it walks
// both in batches, by key, and writes only the differences. It is
// idempotent, so a split interrupted anywhere runs it again. After each
// batch it rests so as to work duty of its time.
func syncKind(ctx context.Context, src, dst rangeRef, sl selector, lo, hi string, closed bool, duty float64) (changed int, err error) {
	sLo, sHi := sl.span(src.m2, lo, hi, closed)
	dLo, dHi := sl.span(dst.m2, lo, hi, closed)
	// The target holds only moved records: one of a kind chosen by upload
	// or inode that the selector no longer chooses (its upload ended, its
	// inode's file left the range) was copied by an earlier pass, and goes.
	dsl := sl
	if !sl.byKey {
		dsl.keep = nil
	}
	var after []byte
	for {
		start := time.Now()
		batch, more, err := readBatch(ctx, src.e, src.m2, sl, sLo, sHi, after)
		if err != nil {
			return changed, err
		}
		// dst's records in the same stretch of keys: up to the batch's
		// last key, or to the end when src has no more.
		dUpper := dHi
		if more {
			dUpper = append(append(dst.m2.All(), batch[len(batch)-1].k...), 0)
		}
		have := map[string][]byte{}
		var stale []kv
		for dAfter := after; ; {
			db, dmore, err := readBatch(ctx, dst.e, dst.m2, dsl, dLo, dUpper, dAfter)
			if err != nil {
				return changed, err
			}
			for _, r := range db {
				have[string(r.k)] = r.v
			}
			if !dmore {
				break
			}
			dAfter = db[len(db)-1].k
		}
		var sets []copyWrite
		for _, r := range batch {
			v, ok := have[string(r.k)]
			if !ok || !bytes.Equal(v, r.v) {
				sets = append(sets, copyWrite{r, !ok, v})
			}
			delete(have, string(r.k))
		}
		for k, v := range have {
			stale = append(stale, kv{[]byte(k), v})
		}
		var n int
		if dst.bulk != nil && len(stale) == 0 && allFresh(sets) {
			n, err = bulkTarget(ctx, dst, sets)
		} else {
			// Records of the bulk writer first: its table then holds
			// no key around the transaction's.
			if err = commitBulk(ctx, dst); err == nil {
				n, err = writeTarget(ctx, dst, sets, stale)
			}
		}
		changed += n
		if err != nil {
			return changed, err
		}
		if !more {
			return changed, commitBulk(ctx, dst)
		}
		if duty < 1 {
			if err := sleepCtx(ctx, time.Duration(float64(time.Since(start))*(1/duty-1))); err != nil {
				return changed, err
			}
		}
		after = batch[len(batch)-1].k
	}
}

// writeTarget writes a sync's differences to the target, in one
// transaction, and returns how many records it wrote or deleted. stale
// are the target's records to delete, with their values.
func writeTarget(ctx context.Context, dst rangeRef, sets []copyWrite, stale []kv) (int, error) {
	if len(sets)+len(stale) == 0 {
		return 0, nil
	}
	err := dst.e.Update(ctx, func(tx meta.Txn) error {
		// Until the split publishes the target, only the split
		// writes there: a key dst did not hold when read is still
		// new, and setNew spares the volume index a read of its
		// old value (a point read that finds nothing, at every
		// level of the store: 45% of a copy's CPU at 20 M objects).
		for _, w := range sets {
			k := append(dst.m2.All(), w.k...)
			var err error
			if w.fresh {
				err = setNew(tx, k, w.v)
			} else {
				err = tx.Set(k, w.v)
			}
			if err != nil {
				return err
			}
		}
		for _, r := range stale {
			if err := tx.Delete(append(dst.m2.All(), r.k...)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, w := range sets {
		dst.tally.change(w.k, w.old, !w.fresh, w.v, true)
	}
	for _, r := range stale {
		dst.tally.change(r.k, r.v, true, nil, false)
	}
	return len(sets) + len(stale), nil
}

// dropKind deletes src's records of one selector, in batches, or as one
// span (dropSpan) where the records are one span of keys.
func dropKind(ctx context.Context, src rangeRef, sl selector, lo, hi string, closed bool) error {
	lower, upper := sl.span(src.m2, lo, hi, closed)
	if sl.byKey && src.raw != nil {
		return dropSpan(ctx, src, sl, lower, upper)
	}
	var after []byte
	for {
		batch, more, err := readBatch(ctx, src.e, src.m2, sl, lower, upper, after)
		if err != nil || len(batch) == 0 {
			return err
		}
		after = batch[len(batch)-1].k
		err = src.e.Update(ctx, func(tx meta.Txn) error {
			for _, r := range batch {
				if err := tx.Delete(append(src.m2.All(), r.k...)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil || !more {
			return err
		}
	}
}

// dropSpan deletes src's records of a selector ordered by key, [lower,
// upper), with one range deletion (meta.DeleteRange) instead of a
// tombstone per record: a split of a range of 2.5 M versions moves some
// 2.5 M records, whose tombstones compactions carried down to the last
// level (a third of their CPU at 20 M objects went to stepping over
// deleted and overwritten keys). Records that name chunks are deleted
// one by one first, through the volume index, which drops their entries.
func dropSpan(ctx context.Context, src rangeRef, sl selector, lower, upper []byte) error {
	if indexedKind(sl.kind[0]) {
		var after []byte
		for {
			batch, more, err := readBatch(ctx, src.e, src.m2, sl, lower, upper, after)
			if err != nil {
				return err
			}
			var named [][]byte
			for _, r := range batch {
				if bytes.Contains(r.v, fragmentsMark) {
					named = append(named, append(src.m2.All(), r.k...))
				}
			}
			if len(named) > 0 {
				err := src.e.Update(ctx, func(tx meta.Txn) error {
					for _, k := range named {
						if err := tx.Delete(k); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					return err
				}
			}
			if !more {
				break
			}
			after = batch[len(batch)-1].k
		}
	}
	return meta.DeleteRange(ctx, src.raw, lower, upper)
}

// uploadsIn returns the upload ids of the keys [lo, hi) of a range.
func uploadsIn(ctx context.Context, src rangeRef, lo, hi string, closed bool) (map[string]bool, error) {
	sl := selector{kind: "u/", byKey: true}
	lower, upper := sl.span(src.m2, lo, hi, closed)
	ids := map[string]bool{}
	err := eachBatch(ctx, src, sl, lower, upper, func(r kv) {
		if _, id, ok := bytes.Cut(r.k[len(sl.kind):], []byte{0}); ok {
			ids[string(id)] = true
		}
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}
