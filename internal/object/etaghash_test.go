package object

import (
	"bytes"
	"crypto/md5"
	"fmt"
	"sync"
	"testing"

	md5simd "github.com/minio/md5-simd"
)

// TestDataHashJoinsSIMD: the first simdFrom-1 bodies hashed at once use
// crypto/md5, later ones the SIMD server; every sum is the body's MD5,
// and closing them all leaves the count at zero.
func TestDataHashJoinsSIMD(t *testing.T) {
	base := int(etagHashing.Load()) // 0 unless another test left one open
	const n = simdFrom + 3
	hs := make([]countedHash, n)
	for i := range hs {
		hs[i] = dataHash(bytes.NewReader(nil)).(countedHash)
		_, plain := hs[i].Hasher.(plainMD5)
		if want := base+i+1 < simdFrom; plain != want {
			t.Fatalf("hash %d: crypto/md5 %v, want %v", i, plain, want)
		}
	}
	var wg sync.WaitGroup
	for i := range hs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := data(3<<20+i*977, int64(i))
			for p := body; len(p) > 0; {
				k := min(len(p), 100_000)
				hs[i].Write(p[:k])
				p = p[k:]
			}
			if got, want := hs[i].Sum(nil), md5.Sum(body); !bytes.Equal(got, want[:]) {
				t.Errorf("hash %d: %x, want %x", i, got, want)
			}
			hs[i].Close()
		}()
	}
	wg.Wait()
	if n := int(etagHashing.Load()); n != base {
		t.Fatalf("%d hashes counted after all closed, want %d", n, base)
	}
	if _, ok := dataHash(sealedReader{}).(nopHasher); !ok {
		t.Fatal("a sealed body is hashed")
	}
}

// BenchmarkETagHash hashes par streams at once, 64 KiB per write, with
// crypto/md5, with the md5-simd server, and with the server through the
// queue writeData uses (queuedHash): the figures behind simdFrom. ns/op
// is per MiB hashed in all.
//
//	go test -run XXX -bench ETagHash -benchtime 256x ./internal/object/
func BenchmarkETagHash(b *testing.B) {
	buf := data(64<<10, 1)
	for _, par := range []int{1, 2, 4, 8} {
		for _, kind := range []string{"crypto", "simd", "queued"} {
			b.Run(fmt.Sprintf("%s/streams=%d", kind, par), func(b *testing.B) {
				b.SetBytes(1 << 20)
				var wg sync.WaitGroup
				for s := 0; s < par; s++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						var h md5simd.Hasher = plainMD5{md5.New()}
						switch kind {
						case "simd":
							h = md5Server().NewHash()
						case "queued":
							h = newQueuedHash(md5Server().NewHash())
						}
						defer h.Close()
						// b.N MiB in all, shared by the streams.
						for i := s; i < b.N*16; i += par {
							h.Write(buf)
						}
						h.Sum(nil)
					}()
				}
				wg.Wait()
			})
		}
	}
}
