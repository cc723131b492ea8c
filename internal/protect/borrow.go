package protect

import (
	"io"
	"sync"

	"github.com/strata-storage/strata/internal/strata"
)

// Borrower is a reader that can hand out its own buffer instead of copying
// into the caller's: Borrow returns the next bytes (io.EOF at the end),
// valid only until the next call on the reader. A volume's chunk reader
// has it, so a GET writes verified blocks to the socket with no copy in
// between.
type Borrower interface {
	Borrow() ([]byte, error)
}

var _ Borrower = (*copyReader)(nil)

// spareSize is the buffer a copyReader reads into when its copy's reader
// cannot lend its own (a remote volume).
const spareSize = 256 << 10

var sparePool = sync.Pool{New: func() any { b := make([]byte, spareSize); return &b }}

// Borrow is Read without the copy, with the same failover: a copy that
// fails mid-stream is dropped and the next one is opened at the same
// offset.
func (r *copyReader) Borrow() ([]byte, error) {
	for {
		if r.off >= r.end {
			return nil, io.EOF
		}
		if r.cur == nil {
			if r.next >= len(r.frags) {
				return nil, strata.Errorf("protect.Read", strata.Unavailable, "all %d copies unavailable: %v", len(r.frags), r.errs)
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
		b, lent, err := r.borrowCur()
		if int64(len(b)) > r.end-r.off {
			b = b[:r.end-r.off]
		}
		if err == io.EOF && r.off+int64(len(b)) < r.end {
			err = io.ErrUnexpectedEOF
		}
		if err != nil && err != io.EOF {
			r.errs = append(r.errs, err)
			r.cur.Close()
			r.cur = nil
			// Lent bytes die with the reader just closed: drop them
			// and read them again from the next copy.
			if len(b) > 0 && !lent {
				r.off += int64(len(b))
				return b, nil
			}
			continue
		}
		r.off += int64(len(b))
		if len(b) > 0 {
			return b, nil
		}
	}
}

// borrowCur borrows from the open copy (lent), or reads it into the
// spare buffer when it cannot lend.
func (r *copyReader) borrowCur() (b []byte, lent bool, err error) {
	if br, ok := r.cur.(Borrower); ok {
		b, err = br.Borrow()
		return b, true, err
	}
	if r.spare == nil {
		r.spare = sparePool.Get().(*[]byte)
	}
	n, err := r.cur.Read(*r.spare)
	return (*r.spare)[:n], false, err
}
