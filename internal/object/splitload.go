package object

import (
	"bytes"
	"context"

	"github.com/strata-storage/strata/internal/meta"
)

// loadMoved is a split's first copy pass: each kind of record ordered by
// object key goes from the source to the target through a meta.Loader,
// which the pebble engine writes as tables it ingests (a range of 2.5 M
// versions moves some 1.25 M objects' records; in transactions they went
// through the log, the memtable and every compaction down, as much
// writing as the PUTs that made them). A kind the target already holds
// records of (a split resumed) is left to the sync passes, as are the
// versions that name chunks, which go through the volume index, and the
// other kinds. The source changes meanwhile: the sync passes copy what
// differs.
func loadMoved(ctx context.Context, src, dst rangeRef) error {
	if dst.raw == nil {
		return nil
	}
	b := dst.b
	for _, sl := range selectors(b.Start, b.End, b.Closed, nil, nil) {
		if !sl.byKey {
			continue
		}
		if err := loadKind(ctx, src, dst, sl, b.Start, b.End, b.Closed); err != nil {
			return err
		}
	}
	return nil
}

func loadKind(ctx context.Context, src, dst rangeRef, sl selector, lo, hi string, closed bool) error {
	dLo, dHi := sl.span(dst.m2, lo, hi, closed)
	empty := false
	err := dst.e.View(ctx, func(r meta.Reader) error {
		it := r.Iter(dLo, dHi)
		defer it.Close()
		empty = !it.First()
		return it.Error()
	})
	if err != nil || !empty {
		return err
	}
	ld, err := meta.NewLoader(ctx, dst.raw, splitBatch, splitBatchBytes)
	if err != nil {
		return err
	}
	sLo, sHi := sl.span(src.m2, lo, hi, closed)
	named := indexedKind(sl.kind[0])
	var after []byte
	for {
		batch, more, err := readBatch(ctx, src.e, src.m2, sl, sLo, sHi, after)
		if err != nil {
			ld.Abort()
			return err
		}
		for _, r := range batch {
			if named && bytes.Contains(r.v, fragmentsMark) {
				continue
			}
			if err := ld.Add(append(dst.m2.All(), r.k...), r.v); err != nil {
				ld.Abort()
				return err
			}
		}
		if !more {
			return ld.Commit()
		}
		after = batch[len(batch)-1].k
	}
}
