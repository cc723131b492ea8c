package object

import (
	"crypto/md5"
	"hash"
	"io"
	"sync"
	"sync/atomic"

	md5simd "github.com/minio/md5-simd"
)

// simdFrom is how many large bodies must be hashed at once before a new
// one joins the md5-simd server instead of hashing on its own.
//
// The server hashes up to 16 streams in one AVX-512 (or 8 in AVX2) pass,
// in one goroutine for the whole process. With many streams it costs a
// quarter of crypto/md5's CPU per byte; with one or two it costs more,
// and its single goroutine paces them. On the 2-core test machine, 256
// MiB per stream: 1 stream 2.05 s/GiB (crypto/md5) against 2.57
// (md5-simd); 2 streams 2.10 against 2.64, at 960 against 553 MiB/s; 4
// streams 2.03 against 0.90; 8 streams 1.97 against 0.49. The ETag's MD5
// was 42-47% of the CPU of a large signed PUT.
const simdFrom = 4

// etagHashing counts the large bodies being hashed now.
var etagHashing atomic.Int32

var (
	md5Once sync.Once
	md5Srv  md5simd.Server
)

func md5Server() md5simd.Server {
	md5Once.Do(func() { md5Srv = md5simd.NewServer() })
	return md5Srv
}

// dataHash is the hash writeData keeps over body: the ETag's MD5, on its
// own (crypto/md5) or through the SIMD server, queued (queuedHash), when
// enough bodies are being hashed at once; nothing for a sealedReader.
// Close must be called once.
func dataHash(body io.Reader) md5simd.Hasher {
	if _, ok := body.(sealedReader); ok {
		return nopHasher{}
	}
	if etagHashing.Add(1) >= simdFrom {
		return countedHash{newQueuedHash(md5Server().NewHash())}
	}
	return countedHash{plainMD5{md5.New()}}
}

// countedHash leaves etagHashing when it is closed.
type countedHash struct{ md5simd.Hasher }

func (h countedHash) Close() {
	h.Hasher.Close()
	etagHashing.Add(-1)
}

// plainMD5 is crypto/md5, hashed in the request's own goroutine.
type plainMD5 struct{ hash.Hash }

func (plainMD5) Close() {}
