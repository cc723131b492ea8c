package s3

import (
	"bytes"
	"encoding/base64"
	"hash"
	"io"
	"strings"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/s3/auth"
)

// postChecksum applies a browser form's x-amz-checksum-ALG field as a
// PUT applies the header: a value that cannot be that algorithm's is
// BadDigest at once, and the file is checked as it streams, so that a
// mismatch fails the upload at its end, before the object is committed.
// The checksum is kept with the object.
func postChecksum(fields map[string]string, r io.Reader, opts *object.PutOptions) (io.Reader, error) {
	for _, alg := range auth.ChecksumAlgorithms() {
		v, ok := fields["x-amz-checksum-"+strings.ToLower(alg)]
		if !ok {
			continue
		}
		h := auth.NewChecksum(alg)
		want, err := base64.StdEncoding.DecodeString(v)
		if err != nil || len(want) != h.Size() {
			return nil, badChecksum(alg)
		}
		opts.Checksums = map[string]string{alg: v}
		return &checkedReader{r: r, h: h, want: want, alg: alg}, nil
	}
	return r, nil
}

func badChecksum(alg string) error {
	return errorf("BadDigest", 400, "The "+alg+" you specified did not match the calculated checksum.")
}

// checkedReader fails its last read when what went through it does not
// hash to want.
type checkedReader struct {
	r    io.Reader
	h    hash.Hash
	want []byte
	alg  string
}

func (c *checkedReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.h.Write(p[:n])
	if err == io.EOF && !bytes.Equal(c.h.Sum(nil), c.want) {
		return n, badChecksum(c.alg)
	}
	return n, err
}
