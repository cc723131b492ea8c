package protect

import (
	"context"
	"fmt"
	"io"

	"github.com/klauspost/reedsolomon"

	"github.com/strata-storage/strata/internal/strata"
)

// Read returns length bytes of the metachunk from off (length < 0: to the
// end). It never returns wrong bytes: a fragment that fails or is corrupt
// mid-stream is dropped and the read goes on from the others.
func Read(ctx context.Context, p Policy, mc Metachunk, off, length int64, open OpenFunc) (io.ReadCloser, error) {
	return ReadNear(ctx, p, mc, off, length, open, nil)
}

// ReadNear is Read, trying fragments in the order of rank (lower first;
// ties and a nil rank by index): the copies near the reader first, and
// for EC the K nearest fragments, decoding from parity if that avoids a
// far one. See nearest.go.
func ReadNear(ctx context.Context, p Policy, mc Metachunk, off, length int64, open OpenFunc, rank RankFunc) (io.ReadCloser, error) {
	if length < 0 {
		length = mc.Size - off
	}
	if off < 0 || length < 0 || off+length > mc.Size {
		return nil, strata.Errorf("protect.Read", strata.Invalid, "range %d+%d outside metachunk of %d bytes", off, length, mc.Size)
	}
	if p.IsEC() {
		r, err := newECReader(ctx, p, mc, off, length, open)
		if r != nil {
			r.order = readOrder(p, mc, rank)
		}
		return r, err
	}
	frags := append([]Fragment(nil), mc.Fragments...)
	sortByRank(frags, rank)
	return &copyReader{ctx: ctx, frags: frags, open: open, off: off, end: off + length}, nil
}

// copyReader reads one copy and fails over to the next at the same offset.
type copyReader struct {
	ctx      context.Context
	frags    []Fragment
	open     OpenFunc
	cur      io.ReadCloser
	next     int // index into frags of the next copy to try
	off, end int64
	errs     []error
	spare    *[]byte // see Borrow
}

func (r *copyReader) Read(p []byte) (int, error) {
	for {
		if r.off >= r.end {
			return 0, io.EOF
		}
		if r.cur == nil {
			if r.next >= len(r.frags) {
				return 0, strata.Errorf("protect.Read", strata.Unavailable, "all %d copies unavailable: %v", len(r.frags), r.errs)
			}
			f := r.frags[r.next]
			r.next++
			rc, err := r.open(r.ctx, f, r.off, r.end-r.off)
			if err != nil {
				r.errs = append(r.errs, err)
				continue
			}
			r.cur = rc
		}
		if int64(len(p)) > r.end-r.off {
			p = p[:r.end-r.off]
		}
		n, err := r.cur.Read(p)
		r.off += int64(n)
		if err == io.EOF && r.off < r.end {
			err = io.ErrUnexpectedEOF
		}
		if err != nil && err != io.EOF {
			r.errs = append(r.errs, err)
			r.cur.Close()
			r.cur = nil
			if n > 0 {
				return n, nil
			}
			continue
		}
		if n > 0 || err == io.EOF {
			return n, nil
		}
	}
}

func (r *copyReader) Close() error {
	if r.spare != nil {
		sparePool.Put(r.spare)
		r.spare = nil
	}
	if r.cur != nil {
		return r.cur.Close()
	}
	return nil
}

// ecReader reads stripe by stripe, from the data fragments while they
// answer, reconstructing from parity when they do not.
type ecReader struct {
	ctx       context.Context
	p         Policy
	mc        Metachunk
	open      OpenFunc
	enc       reedsolomon.Encoder
	frags     map[int]Fragment
	order     []int // fragment indexes in the order to try them
	streams   []io.ReadCloser
	failed    []bool
	stripe    int64 // next stripe to decode
	lastPlus1 int64 // stripes [stripe, lastPlus1) are to be read
	shards    [][]byte
	data      []byte // decoded stripe
	buf       []byte // decoded bytes of the current stripe not yet returned
	off, end  int64
	errs      []error
}

func newECReader(ctx context.Context, p Policy, mc Metachunk, off, length int64, open OpenFunc) (*ecReader, error) {
	enc, err := reedsolomon.New(p.K, p.M)
	if err != nil {
		return nil, strata.E("protect.Read", strata.Internal, err)
	}
	r := &ecReader{ctx: ctx, p: p, mc: mc, open: open, enc: enc, frags: map[int]Fragment{},
		streams: make([]io.ReadCloser, p.K+p.M), failed: make([]bool, p.K+p.M),
		shards: make([][]byte, p.K+p.M), off: off, end: off + length}
	for _, f := range mc.Fragments {
		if f.Index >= 0 && f.Index < p.K+p.M {
			r.frags[f.Index] = f
		}
	}
	sw := int64(p.K) * mc.Unit
	if length > 0 {
		r.stripe = off / sw
		r.lastPlus1 = (off+length-1)/sw + 1
	}
	return r, nil
}

func (r *ecReader) Read(p []byte) (int, error) {
	if len(r.buf) == 0 {
		if r.off >= r.end {
			return 0, io.EOF
		}
		if err := r.decodeStripe(); err != nil {
			return 0, err
		}
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// readShard reads fragment i's unit for the current stripe, opening the
// stream if needed. It marks the fragment failed on any error.
func (r *ecReader) readShard(i int) bool {
	if r.failed[i] {
		return false
	}
	f, ok := r.frags[i]
	if !ok {
		r.failed[i] = true
		return false
	}
	u := r.mc.Unit
	if r.streams[i] == nil {
		rc, err := r.open(r.ctx, f, r.stripe*u, (r.lastPlus1-r.stripe)*u)
		if err != nil {
			r.fail(i, err)
			return false
		}
		r.streams[i] = rc
	}
	if cap(r.shards[i]) < int(u) {
		r.shards[i] = make([]byte, u)
	}
	r.shards[i] = r.shards[i][:u]
	if _, err := io.ReadFull(r.streams[i], r.shards[i]); err != nil {
		r.fail(i, err)
		return false
	}
	return true
}

func (r *ecReader) fail(i int, err error) {
	r.failed[i] = true
	r.errs = append(r.errs, fmt.Errorf("fragment %d: %w", i, err))
	if r.streams[i] != nil {
		r.streams[i].Close()
		r.streams[i] = nil
	}
}

func (r *ecReader) decodeStripe() error {
	have := 0
	// In order (data fragments first unless ranked otherwise); the rest
	// only when one of the first K fails. Once a stream is open it is
	// read every stripe to stay aligned.
	for _, i := range r.order {
		if r.streams[i] == nil && have >= r.p.K {
			r.shards[i] = r.shards[i][:0]
			continue
		}
		if r.readShard(i) {
			have++
		} else {
			r.shards[i] = r.shards[i][:0]
		}
	}
	if have < r.p.K {
		return strata.Errorf("protect.Read", strata.Unavailable, "%d of %d fragments unavailable, %d needed: %v",
			r.p.K+r.p.M-have, r.p.K+r.p.M, r.p.K, r.errs)
	}
	for i := 0; i < r.p.K; i++ {
		if len(r.shards[i]) == 0 {
			if err := r.enc.ReconstructData(r.shards); err != nil {
				return strata.E("protect.Read", strata.Unavailable, err)
			}
			break
		}
	}
	u := r.mc.Unit
	sw := int64(r.p.K) * u
	start := r.stripe * sw
	data := r.data[:0]
	for i := 0; i < r.p.K; i++ {
		data = append(data, r.shards[i][:u]...)
	}
	lo := max(r.off-start, 0)
	hi := min(r.end-start, sw)
	r.data = data
	r.buf = data[lo:hi]
	r.off = start + hi
	r.stripe++
	return nil
}

func (r *ecReader) Close() error {
	for i, s := range r.streams {
		if s != nil {
			s.Close()
			r.streams[i] = nil
		}
	}
	return nil
}
