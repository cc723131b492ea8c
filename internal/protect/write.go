package protect

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/reedsolomon"

	"github.com/strata-storage/strata/internal/strata"
)

// MaxUnit is the EC stripe unit: each fragment receives MaxUnit bytes per
// stripe. 256 KiB keeps a stripe of EC4+2 at 1.5 MiB of memory while
// making each fragment write a large sequential I/O. A metachunk smaller
// than one stripe uses a smaller unit, so small EC objects are not padded
// to a full stripe.
const MaxUnit = 256 << 10

// unitAlign keeps units a multiple of 4 KiB (disk-friendly and SIMD-friendly).
const unitAlign = 4 << 10

// fanout feeds one byte stream per fragment to concurrent puts.
type fanout struct {
	pipes   []*io.PipeWriter
	alive   []bool
	results []Fragment
	errs    []error
	wg      sync.WaitGroup
}

func newFanout(ctx context.Context, indexes []int, width int, put PutFunc) *fanout {
	f := &fanout{pipes: make([]*io.PipeWriter, width), alive: make([]bool, width),
		results: make([]Fragment, width), errs: make([]error, width)}
	for _, i := range indexes {
		pr, pw := io.Pipe()
		f.pipes[i], f.alive[i] = pw, true
		f.wg.Add(1)
		go func(i int) {
			defer f.wg.Done()
			frag, err := put(ctx, i, pr)
			if err == nil {
				// A put that returns early without reading everything
				// did not store the whole fragment.
				if _, rerr := pr.Read(make([]byte, 1)); rerr != io.EOF {
					err = strata.Errorf("protect.Write", strata.Internal, "fragment %d: put returned before the end of its stream", i)
				}
			}
			if err != nil {
				pr.CloseWithError(err)
			}
			frag.Index = i
			f.results[i], f.errs[i] = frag, err
		}(i)
	}
	return f
}

// write sends each fragment its bytes concurrently; fragments whose put
// failed are dropped and no longer block the others.
func (f *fanout) write(parts func(i int) []byte) {
	var wg sync.WaitGroup
	for i, pw := range f.pipes {
		if pw == nil || !f.alive[i] {
			continue
		}
		wg.Add(1)
		go func(i int, pw *io.PipeWriter) {
			defer wg.Done()
			if _, err := pw.Write(parts(i)); err != nil {
				f.alive[i] = false
			}
		}(i, pw)
	}
	wg.Wait()
}

// finish closes the streams (with cause, if the input failed) and waits.
func (f *fanout) finish(cause error) {
	for _, pw := range f.pipes {
		if pw != nil {
			pw.CloseWithError(cause)
		}
	}
	f.wg.Wait()
}

// stored returns the fragments that were stored, and the joined errors.
func (f *fanout) stored() ([]Fragment, []error) {
	var ok []Fragment
	var errs []error
	for i, pw := range f.pipes {
		if pw == nil {
			continue
		}
		if f.errs[i] == nil {
			ok = append(ok, f.results[i])
		} else {
			errs = append(errs, f.errs[i])
		}
	}
	return ok, errs
}

// Write reads r to EOF and stores it through the policy. It succeeds when
// at least WriteQuorum fragments were stored; the returned Metachunk lists
// only those. On failure the fragments that were stored are returned too,
// so the caller can delete them.
func Write(ctx context.Context, p Policy, r io.Reader, put PutFunc) (Metachunk, error) {
	all := make([]int, p.Width())
	for i := range all {
		all[i] = i
	}
	var mc Metachunk
	var err error
	if p.IsEC() {
		mc, err = writeEC(ctx, p, r, all, put)
	} else {
		mc, err = writeCopies(ctx, p, r, all, put)
	}
	if err != nil {
		return mc, err
	}
	if len(mc.Fragments) < p.WriteQuorum() {
		return mc, quorumError(p, mc)
	}
	return mc, nil
}

func quorumError(p Policy, mc Metachunk) error {
	return strata.Errorf("protect.Write", strata.Unavailable, "only %d of %d fragments stored, %d needed",
		len(mc.Fragments), p.Width(), p.WriteQuorum())
}

func collect(f *fanout, mc *Metachunk, p Policy, need int) error {
	frags, errs := f.stored()
	mc.Fragments = frags
	if len(frags) < need {
		kind := strata.Unavailable
		for _, e := range errs {
			if strata.Is(e, strata.NoSpace) {
				kind = strata.NoSpace
			}
		}
		return strata.E("protect.Write", kind, fmt.Errorf("only %d of %d fragments stored, %d needed: %w",
			len(frags), p.Width(), need, errors.Join(errs...)))
	}
	return nil
}

var copyPool = sync.Pool{New: func() any { b := make([]byte, 1<<20); return &b }}

func writeCopies(ctx context.Context, p Policy, r io.Reader, indexes []int, put PutFunc) (Metachunk, error) {
	if p.Width() == 1 && len(indexes) == 1 {
		return writeSingle(ctx, p, r, indexes[0], put)
	}
	f := newFanout(ctx, indexes, p.Width(), put)
	bp := copyPool.Get().(*[]byte)
	defer copyPool.Put(bp)
	var mc Metachunk
	var rerr error
	for {
		n, err := fill(r, *bp)
		if n > 0 {
			buf := (*bp)[:n]
			f.write(func(int) []byte { return buf })
			mc.Size += int64(n)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			rerr = err
			break
		}
	}
	if rerr == nil {
		rerr = ctx.Err()
	}
	f.finish(rerr)
	if rerr != nil {
		mc.Fragments, _ = f.stored()
		return mc, strata.E("protect.Write", strata.Other, rerr)
	}
	return mc, collect(f, &mc, p, min(p.WriteQuorum(), len(indexes)))
}

func writeEC(ctx context.Context, p Policy, r io.Reader, indexes []int, put PutFunc) (Metachunk, error) {
	// Read the first stripe before choosing the unit.
	stripe := make([]byte, p.K*MaxUnit)
	n, err := fill(r, stripe)
	var mc Metachunk
	unit := int64(MaxUnit)
	last := err == io.EOF
	if err != nil && !last {
		return mc, strata.E("protect.Write", strata.Other, err)
	}
	if last {
		unit = unitFor(int64(n), p.K)
	}
	mc.Unit = unit
	enc, err := reedsolomon.New(p.K, p.M)
	if err != nil {
		return mc, strata.E("protect.Write", strata.Internal, err)
	}
	shards := make([][]byte, p.K+p.M)
	parity := make([]byte, int64(p.M)*unit)
	f := newFanout(ctx, indexes, p.Width(), put)
	var rerr error
	for {
		mc.Size += int64(n)
		data := stripe[:int64(p.K)*unit]
		clear(data[n:])
		for i := 0; i < p.K; i++ {
			shards[i] = data[int64(i)*unit : int64(i+1)*unit]
		}
		for i := 0; i < p.M; i++ {
			shards[p.K+i] = parity[int64(i)*unit : int64(i+1)*unit]
		}
		if err := enc.Encode(shards); err != nil {
			rerr = err
			break
		}
		f.write(func(i int) []byte { return shards[i] })
		if last {
			break
		}
		n, err = fill(r, stripe)
		if err == io.EOF && n == 0 {
			break
		}
		last = err == io.EOF
		if err != nil && !last {
			rerr = err
			break
		}
	}
	if rerr == nil {
		rerr = ctx.Err()
	}
	f.finish(rerr)
	if rerr != nil {
		mc.Fragments, _ = f.stored()
		return mc, strata.E("protect.Write", strata.Other, rerr)
	}
	return mc, collect(f, &mc, p, min(p.WriteQuorum(), len(indexes)))
}

// unitFor is the stripe unit for a metachunk that fits in one stripe.
func unitFor(size int64, k int) int64 {
	u := (size + int64(k) - 1) / int64(k)
	u = (u + unitAlign - 1) / unitAlign * unitAlign
	if u == 0 {
		u = unitAlign
	}
	return min(u, MaxUnit)
}

// fragmentSize is the stored size of each EC fragment of a metachunk.
func fragmentSize(mc Metachunk, k int) int64 {
	stripes := stripes(mc, k)
	return stripes * mc.Unit
}

func stripes(mc Metachunk, k int) int64 {
	sw := int64(k) * mc.Unit
	if mc.Size == 0 {
		return 1
	}
	return (mc.Size + sw - 1) / sw
}
