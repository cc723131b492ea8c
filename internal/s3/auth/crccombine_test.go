package auth

import (
	"encoding/base64"
	"math/rand"
	"testing"
)

func sumOf(alg string, b []byte) string {
	h := NewChecksum(alg)
	h.Write(b)
	return base64.StdEncoding.EncodeToString(h.Sum(nil))
}

// TestCombineFullObject checks that combining the CRCs of random splits
// gives the CRC of the whole, for every combinable algorithm.
func TestCombineFullObject(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	data := make([]byte, 300<<10)
	rng.Read(data)
	for _, alg := range []string{"CRC32", "CRC32C", "CRC64NVME"} {
		for trial := 0; trial < 20; trial++ {
			var parts []PartSum
			for off := 0; off < len(data); {
				n := min(len(data)-off, rng.Intn(100<<10))
				if trial == 0 {
					n = len(data) - off // one part
				}
				parts = append(parts, PartSum{Sum: sumOf(alg, data[off:off+n]), Size: int64(n)})
				off += n
			}
			got, ok := CombineFullObject(alg, parts)
			if want := sumOf(alg, data); !ok || got != want {
				t.Fatalf("%s over %d parts: got %q ok=%v, want %q", alg, len(parts), got, ok, want)
			}
		}
	}
	if _, ok := CombineFullObject("SHA256", []PartSum{{Sum: sumOf("SHA256", data), Size: 1}}); ok {
		t.Fatal("SHA256 combined")
	}
}

func TestComposite(t *testing.T) {
	a, b := sumOf("SHA1", []byte("a")), sumOf("SHA1", []byte("b"))
	rawA, _ := base64.StdEncoding.DecodeString(a)
	rawB, _ := base64.StdEncoding.DecodeString(b)
	want := sumOf("SHA1", append(rawA, rawB...)) + "-2"
	if got, ok := Composite("SHA1", []string{a, b}); !ok || got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if _, ok := Composite("SHA1", []string{a, "AAAA"}); ok {
		t.Fatal("accepted a malformed part checksum")
	}
}
