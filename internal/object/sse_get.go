package object

import (
	"context"
	"io"

	"github.com/minio/sio"

	"github.com/strata-storage/strata/internal/strata"
)

// DARE 2.0 package geometry: 64 KiB of plaintext per package, plus a
// 16-byte header and a 16-byte tag.
const (
	ssePayload = 64 << 10
	ssePackage = ssePayload + 32
)

// openDecrypted reads plaintext [off, end) of an encrypted version. Each
// part it touches is read from the first to the last package holding the
// range, and decrypted from that package's sequence number: a 1 MiB range
// of a 1 GiB object reads 17 packages, not the object.
func (s *Service) openDecrypted(ctx context.Context, bucket string, rec *record, off, end int64, req *SSE) (io.ReadCloser, error) {
	if rec.Enc == nil {
		if err := checkSSEC(nil, req); err != nil {
			return nil, err
		}
		return &contentReader{ctx: ctx, s: s, content: rec.Content, off: off, end: end}, nil
	}
	objKey, err := s.objectKey(ctx, bucket, rec.Enc, req)
	if err != nil {
		return nil, err
	}
	sizes := rec.Info.PartSizes
	if len(sizes) == 0 {
		sizes = []int64{rec.Info.Size}
	}
	return &decryptReader{ctx: ctx, s: s, content: rec.Content, objKey: objKey, sizes: sizes, off: off, end: end}, nil
}

// decryptReader walks the parts of an encrypted object, opening each one
// only when the read reaches it.
type decryptReader struct {
	ctx      context.Context
	s        *Service
	content  []segment
	objKey   []byte
	sizes    []int64 // plaintext size of each part
	off, end int64   // plaintext still to read
	part     int     // next part to consider
	pBase    int64   // plaintext offset of sizes[part]
	cBase    int64   // ciphertext offset of sizes[part]
	cur      io.Reader
	raw      io.Closer
}

func (r *decryptReader) Read(p []byte) (int, error) {
	for {
		if r.off >= r.end {
			return 0, io.EOF
		}
		if r.cur == nil {
			if err := r.next(); err != nil {
				return 0, err
			}
		}
		n, err := r.cur.Read(p)
		r.off += int64(n)
		if err == io.EOF {
			r.closeRaw()
			err = nil
		}
		if err != nil {
			return n, strata.E("object.decrypt", strata.Corrupt, err)
		}
		if n > 0 {
			return n, nil
		}
	}
}

// WriteTo hands whole packages' worth of plaintext through large buffers
// (an http.ResponseWriter would otherwise pull 32 KiB at a time, and sio
// decrypts a package into its own buffer first when asked for less).
func (r *decryptReader) WriteTo(w io.Writer) (int64, error) {
	bp := copyPool.Get().(*[]byte)
	defer copyPool.Put(bp)
	var total int64
	for {
		n, err := r.Read(*bp)
		if n > 0 {
			m, werr := w.Write((*bp)[:n])
			total += int64(m)
			if werr != nil {
				return total, werr
			}
		}
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// next opens the part that holds r.off.
func (r *decryptReader) next() error {
	for ; r.part < len(r.sizes); r.part++ {
		size := r.sizes[r.part]
		if r.off >= r.pBase+size {
			r.pBase += size
			r.cBase += cipherSize(size)
			continue
		}
		a := r.off - r.pBase                    // first plaintext byte in the part
		b := min(r.end, r.pBase+size) - r.pBase // end of the range in the part
		first, last := a/ssePayload, (b-1)/ssePayload
		cStart := r.cBase + first*ssePackage
		cEnd := r.cBase + min(cipherSize(size), (last+1)*ssePackage)
		raw := &contentReader{ctx: r.ctx, s: r.s, content: r.content, off: cStart, end: cEnd}
		dec, err := sio.DecryptReader(raw, sio.Config{MinVersion: sio.Version20, MaxVersion: sio.Version20,
			CipherSuites: []byte{sio.AES_256_GCM}, Key: partKey(r.objKey, r.part+1), SequenceNumber: uint32(first)})
		if err != nil {
			raw.Close()
			return err
		}
		if skip := a - first*ssePayload; skip > 0 {
			if _, err := io.CopyN(io.Discard, dec, skip); err != nil {
				raw.Close()
				return strata.E("object.decrypt", strata.Corrupt, err)
			}
		}
		// Limit on the plaintext side: sio is never asked past the last
		// package read, which is not the stream's final one.
		r.cur, r.raw = io.LimitReader(dec, b-a), raw
		r.pBase += size
		r.cBase += cipherSize(size)
		r.part++
		return nil
	}
	return strata.Errorf("object.decrypt", strata.Corrupt, "content shorter than its size")
}

func (r *decryptReader) closeRaw() {
	if r.raw != nil {
		r.raw.Close()
	}
	r.cur, r.raw = nil, nil
}

func (r *decryptReader) Close() error {
	r.closeRaw()
	return nil
}
