package auth

import (
	"encoding/base64"
	"encoding/binary"
	"strconv"
	"strings"
)

// crcPoly is a reflected CRC polynomial of a width, for combining CRCs.
type crcPoly struct {
	poly  uint64 // reflected polynomial
	width uint
}

// Reflected polynomials of the CRC algorithms S3 can combine into a
// full-object checksum.
var crcPolys = map[string]crcPoly{
	"CRC32":     {0xedb88320, 32},
	"CRC32C":    {0x82f63b78, 32},
	"CRC64NVME": {0x9a6c9329ac4bc9b5, 64},
}

// mult returns a*b modulo the polynomial (zlib's multmodp).
func (c crcPoly) mult(a, b uint64) uint64 {
	m := uint64(1) << (c.width - 1)
	var p uint64
	for m != 0 {
		if a&m != 0 {
			p ^= b
			if a&(m-1) == 0 {
				break
			}
		}
		m >>= 1
		if b&1 != 0 {
			b = b>>1 ^ c.poly
		} else {
			b >>= 1
		}
	}
	return p
}

// xpow8n returns x^(8n) modulo the polynomial.
func (c crcPoly) xpow8n(n uint64) uint64 {
	p := uint64(1) << (c.width - 1)  // x^0
	sq := uint64(1) << (c.width - 2) // x^1
	for n *= 8; n != 0; n >>= 1 {
		if n&1 != 0 {
			p = c.mult(sq, p)
		}
		sq = c.mult(sq, sq)
	}
	return p
}

// combine returns the CRC of A||B from crc(A), crc(B) and len(B).
func (c crcPoly) combine(crcA, crcB, lenB uint64) uint64 {
	return c.mult(c.xpow8n(lenB), crcA) ^ crcB
}

// CanCombine reports whether alg's checksums of parts can be combined
// into a full-object checksum (the CRCs can; SHA-1 and SHA-256 cannot).
func CanCombine(alg string) bool {
	_, ok := crcPolys[strings.ToUpper(alg)]
	return ok
}

// PartSum is one part's checksum (base64, as S3 shows it) and size.
type PartSum struct {
	Sum  string
	Size int64
}

// CombineFullObject returns the full-object checksum of alg (a CRC) for
// the concatenation of parts, base64 as S3 shows it; ok=false if alg
// cannot be combined or a part's value is malformed.
func CombineFullObject(alg string, parts []PartSum) (string, bool) {
	c, ok := crcPolys[strings.ToUpper(alg)]
	if !ok {
		return "", false
	}
	n := int(c.width / 8)
	var crc uint64
	for i, p := range parts {
		raw, err := base64.StdEncoding.DecodeString(p.Sum)
		if err != nil || len(raw) != n {
			return "", false
		}
		v := beUint(raw)
		if i == 0 {
			crc = v
			continue
		}
		crc = c.combine(crc, v, uint64(p.Size))
	}
	out := make([]byte, 8)
	binary.BigEndian.PutUint64(out, crc)
	return base64.StdEncoding.EncodeToString(out[8-n:]), true
}

// Composite returns the composite checksum of alg for parts: the
// checksum of their concatenated raw checksums, with "-N" appended as S3
// shows it; ok=false if alg is unknown or a value is malformed.
func Composite(alg string, parts []string) (string, bool) {
	h := NewChecksum(alg)
	if h == nil {
		return "", false
	}
	for _, p := range parts {
		raw, err := base64.StdEncoding.DecodeString(p)
		if err != nil || len(raw) != h.Size() {
			return "", false
		}
		h.Write(raw)
	}
	return base64.StdEncoding.EncodeToString(h.Sum(nil)) + "-" + strconv.Itoa(len(parts)), true
}

func beUint(b []byte) uint64 {
	var v uint64
	for _, x := range b {
		v = v<<8 | uint64(x)
	}
	return v
}
