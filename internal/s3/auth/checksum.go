package auth

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"hash/crc32"
	"net/http"
	"strings"

	"github.com/minio/crc64nvme"
)

// Checksum algorithms S3 accepts, by their upper-case names.
var checksumAlgos = map[string]func() hash.Hash{
	"CRC32":     func() hash.Hash { return crc32.NewIEEE() },
	"CRC32C":    func() hash.Hash { return crc32.New(crc32.MakeTable(crc32.Castagnoli)) },
	"CRC64NVME": func() hash.Hash { return crc64nvme.New() },
	"SHA1":      sha1.New,
	"SHA256":    sha256.New,
}

// ChecksumAlgorithms lists the supported algorithm names.
func ChecksumAlgorithms() []string {
	return []string{"CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"}
}

// NewChecksum returns a hash for a supported algorithm, or nil.
func NewChecksum(alg string) hash.Hash {
	if f, ok := checksumAlgos[strings.ToUpper(alg)]; ok {
		return f()
	}
	return nil
}

// checksumHeaders returns the x-amz-checksum-* values given as headers,
// by algorithm, and whether any value is malformed.
func checksumHeaders(h http.Header) (map[string]string, *Error) {
	var out map[string]string
	for alg, f := range checksumAlgos {
		v := h.Get("X-Amz-Checksum-" + alg)
		if v == "" {
			continue
		}
		raw, err := base64.StdEncoding.DecodeString(v)
		if err != nil || len(raw) != f().Size() {
			// A value that cannot be this algorithm's cannot match
			// either: BadDigest, as S3 answers (ceph/s3-tests sends "bad").
			return nil, newErr("BadDigest", http.StatusBadRequest, "The "+alg+" you specified did not match the calculated checksum.")
		}
		if out == nil {
			out = map[string]string{}
		}
		out[alg] = v
	}
	return out, nil
}
