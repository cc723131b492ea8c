package object

import (
	"context"
	"crypto/md5"
	"io"

	"github.com/minio/sio"
)

// sealing encrypts one part's body on its way to writeData. A nil
// *sealing is a plain write: every method then leaves things as they are.
type sealing struct {
	enc *encMeta
	pt  *hashingReader // counts and hashes the plaintext
}

// sealBody starts the encryption of a new version's body when opts ask
// for it (a single PUT is part 1 of its object).
func (s *Service) sealBody(ctx context.Context, bucket string, body io.Reader, opts *PutOptions) (io.Reader, *sealing, error) {
	if opts.SSE == nil {
		return body, nil, nil
	}
	enc, objKey, err := s.newEnc(ctx, bucket, opts.SSE)
	if err != nil {
		return nil, nil, err
	}
	return sealStream(body, enc, objKey, 1)
}

// sealPart starts the encryption of a part of an encrypted upload.
func (s *Service) sealPart(ctx context.Context, bucket string, up *uploadRecord, body io.Reader, opts *PutOptions, n int) (io.Reader, *sealing, error) {
	if up.Enc == nil {
		if err := checkSSEC(nil, opts.SSE); err != nil {
			return nil, nil, err
		}
		return body, nil, nil
	}
	if err := checkUploadSSEC(up.Enc, opts.SSE); err != nil {
		return nil, nil, err
	}
	objKey, err := s.objectKey(ctx, bucket, up.Enc, opts.SSE)
	if err != nil {
		return nil, nil, err
	}
	return sealStream(body, up.Enc, objKey, n)
}

func sealStream(body io.Reader, enc *encMeta, objKey []byte, part int) (io.Reader, *sealing, error) {
	h := md5.New()
	sl := &sealing{enc: enc, pt: &hashingReader{r: body, h: h}}
	r, err := sio.EncryptReader(sl.pt, sio.Config{MinVersion: sio.Version20, MaxVersion: sio.Version20,
		CipherSuites: []byte{sio.AES_256_GCM}, Key: partKey(objKey, part)})
	if err != nil {
		return nil, nil, err
	}
	return sealedReader{r}, sl, nil
}

// sealedReader marks a stream whose MD5 nobody reads, so writeData need
// not hash it: ciphertext (the ETag is the plaintext's MD5, taken on the
// way in), or a mount's log write (its ETag is fsETag, at publish).
type sealedReader struct{ io.Reader }

// nopHasher hashes nothing.
type nopHasher struct{}

func (nopHasher) Write(p []byte) (int, error) { return len(p), nil }
func (nopHasher) Sum(b []byte) []byte         { return b }
func (nopHasher) Reset()                      {}
func (nopHasher) Size() int                   { return 0 }
func (nopHasher) BlockSize() int              { return 64 }
func (nopHasher) Close()                      {}

// storedSize is the ciphertext size of a plaintext of size bytes (-1
// stays unknown).
func (sl *sealing) storedSize(size int64) int64 {
	if sl == nil || size < 0 {
		return size
	}
	return cipherSize(size)
}

// finish turns what writeData measured on the ciphertext into the
// plaintext's size and MD5, which the record and the ETag keep.
func (sl *sealing) finish(w *written) {
	if sl == nil {
		return
	}
	w.size, w.md5 = sl.pt.n, sl.pt.h.Sum(nil)
}

// apply records the encryption in a new version.
func (sl *sealing) apply(rec *record) {
	if sl == nil {
		return
	}
	rec.Enc, rec.Info.SSE = sl.enc, sl.enc.info()
}

// cipherSize is sio.EncryptedSize for sizes that fit an object.
func cipherSize(n int64) int64 {
	c, err := sio.EncryptedSize(uint64(n))
	if err != nil {
		panic(err) // objects are far below DARE's 256 TiB limit
	}
	return int64(c)
}
