package object

import (
	"io"

	"github.com/strata-storage/strata/internal/protect"
)

// WriteTo lets io.Copy hand large buffers straight through. A segment
// whose reader can lend its buffer (a local volume's verified blocks) is
// written from that buffer, so its bytes are copied once, to the socket;
// other segments go through a pooled buffer.
func (r *contentReader) WriteTo(w io.Writer) (int64, error) {
	var bp *[]byte
	defer func() {
		if bp != nil {
			copyPool.Put(bp)
		}
	}()
	var total int64
	for r.off < r.end {
		if r.cur == nil {
			if err := r.openAt(); err != nil {
				return total, err
			}
		}
		var b []byte
		var err error
		if br, ok := r.cur.(protect.Borrower); ok {
			b, err = br.Borrow()
		} else {
			if bp == nil {
				bp = copyPool.Get().(*[]byte)
			}
			var n int
			n, err = r.cur.Read(*bp)
			b = (*bp)[:n]
		}
		if rem := r.end - r.off; int64(len(b)) > rem {
			b = b[:rem]
		}
		r.off += int64(len(b))
		if len(b) > 0 {
			m, werr := w.Write(b)
			total += int64(m)
			if werr != nil {
				return total, werr
			}
		}
		if err == io.EOF {
			r.cur.Close()
			r.cur = nil
			continue
		}
		if err != nil {
			return total, err
		}
	}
	return total, nil
}
