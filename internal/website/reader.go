package website

import (
	"context"
	"io"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// peekSize is how much of an object is read before the status is sent.
const peekSize = 32 << 10

// objectReader is an io.ReadSeeker over one object version that opens
// the object, at the offset asked for, only when read: ServeContent
// seeks to learn the size, and answers 304 or 412 without any read.
// Seeking is free; a read away from the open reader's position reopens
// the object there (a range read).
type objectReader struct {
	ctx  context.Context
	svc  object.ServiceAPI
	info object.ObjectInfo
	off  int64         // the position Read reads at
	head []byte        // the object's first bytes, once peeked
	rc   io.ReadCloser // the open object, positioned at pos
	pos  int64
}

// peek reads the object's first n bytes (fewer if it is smaller), so
// that a failure shows before anything is answered.
func (o *objectReader) peek(n int) error {
	if o.head != nil || o.info.Size == 0 {
		return nil
	}
	o.Close()
	if err := o.openAt(0); err != nil {
		return err
	}
	buf := make([]byte, min(int64(n), o.info.Size))
	m, err := io.ReadFull(o.rc, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return err
	}
	o.head, o.pos = buf[:m], int64(m)
	return nil
}

func (o *objectReader) Read(p []byte) (int, error) {
	if o.off >= o.info.Size {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	if o.off < int64(len(o.head)) {
		n := copy(p, o.head[o.off:])
		o.off += int64(n)
		return n, nil
	}
	if o.rc != nil && o.pos != o.off {
		o.Close()
	}
	if o.rc == nil {
		if err := o.openAt(o.off); err != nil {
			return 0, err
		}
	}
	n, err := o.rc.Read(p)
	o.off += int64(n)
	o.pos = o.off
	return n, err
}

// openAt opens the object from off to its end.
func (o *objectReader) openAt(off int64) error {
	opts := object.GetOptions{VersionID: o.info.VersionID}
	if off > 0 {
		opts.Range = &object.Range{Start: off, End: o.info.Size - 1}
	}
	_, rc, err := o.svc.GetObject(o.ctx, o.info.Bucket, o.info.Key, opts)
	if err != nil {
		return err
	}
	o.rc, o.pos = rc, off
	return nil
}

func (o *objectReader) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		offset += o.off
	case io.SeekEnd:
		offset += o.info.Size
	}
	if offset < 0 {
		return o.off, strata.Errorf("website.Seek", strata.Invalid, "negative offset")
	}
	o.off = offset
	return offset, nil
}

// Close releases the open object, if any.
func (o *objectReader) Close() error {
	if o.rc == nil {
		return nil
	}
	err := o.rc.Close()
	o.rc = nil
	return err
}
