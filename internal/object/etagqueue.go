package object

import (
	"errors"
	"sync"

	md5simd "github.com/minio/md5-simd"
)

// queuedHash feeds an md5-simd hasher from a goroutine of its own, so
// that the request reading the body never waits on the SIMD server.
//
// Why: the server runs in one goroutine for the whole process and takes
// each stream's data 32 KiB at a time, a channel hand-off each. Fed
// straight from the request, every PUT waited on those hand-offs: under
// warp's 16 MiB PUTs (c=8) on the 2-core test machine the gateway left
// half a core idle at 226–231 MiB/s, where crypto/md5 in each request
// reached 275–285 MiB/s with more CPU. The queue copies the body once
// (a memmove, a few percent of the MD5's cost) and lets the request go
// on reading and writing while the server hashes.
type queuedHash struct {
	h     md5simd.Hasher
	bufs  *[queuedBufs][]byte // the pooled buffers, returned by Close
	free  chan []byte         // emptied buffers
	queue chan []byte         // filled buffers, oldest first
	done  chan struct{}       // closed when the hashing goroutine ends
	cur   []byte              // the buffer being filled, or nil
	ended bool                // queue closed: Sum or Close ran
}

const (
	queuedBuf  = 256 << 10
	queuedBufs = 4 // 1 MiB queued at most per stream
)

var queuedPool = sync.Pool{New: func() any {
	var b [queuedBufs][]byte
	for i := range b {
		b[i] = make([]byte, 0, queuedBuf)
	}
	return &b
}}

var errHashEnded = errors.New("object: write to an ETag hash after its sum")

func newQueuedHash(h md5simd.Hasher) *queuedHash {
	q := &queuedHash{h: h, bufs: queuedPool.Get().(*[queuedBufs][]byte)}
	q.start()
	return q
}

// start makes the queue of a fresh hash and starts its goroutine.
func (q *queuedHash) start() {
	q.free = make(chan []byte, queuedBufs)
	q.queue = make(chan []byte, queuedBufs)
	q.done = make(chan struct{})
	q.cur, q.ended = nil, false
	for _, b := range q.bufs {
		q.free <- b[:0]
	}
	go q.run()
}

func (q *queuedHash) run() {
	defer close(q.done)
	for b := range q.queue {
		q.h.Write(b)
		q.free <- b[:0]
	}
}

// Write queues a copy of p; it waits only when a whole MiB is queued.
func (q *queuedHash) Write(p []byte) (int, error) {
	if q.ended {
		return 0, errHashEnded
	}
	n := len(p)
	for len(p) > 0 {
		if q.cur == nil {
			q.cur = <-q.free
		}
		k := copy(q.cur[len(q.cur):cap(q.cur)], p)
		q.cur, p = q.cur[:len(q.cur)+k], p[k:]
		if len(q.cur) == cap(q.cur) {
			q.queue <- q.cur
			q.cur = nil
		}
	}
	return n, nil
}

// end queues what is left and waits until all of it is hashed.
func (q *queuedHash) end(flush bool) {
	if q.ended {
		return
	}
	q.ended = true
	if flush && len(q.cur) > 0 {
		q.queue <- q.cur
	}
	q.cur = nil
	close(q.queue)
	<-q.done
}

// Sum returns the MD5 of everything written. It ends the hash: a later
// Write fails (writeData sums once, at the end of the body).
func (q *queuedHash) Sum(b []byte) []byte {
	q.end(true)
	return q.h.Sum(b)
}

// Close ends the hash, closes the SIMD stream and returns the buffers.
func (q *queuedHash) Close() {
	q.end(false)
	q.h.Close()
	if q.bufs != nil {
		queuedPool.Put(q.bufs)
		q.bufs = nil
	}
}

// Reset drops what was written and starts over (md5simd.Hasher asks
// for it; Strata makes a new hash per body). A closed hash has given
// its buffers and SIMD stream back: Reset after Close panics.
func (q *queuedHash) Reset() {
	if q.bufs == nil {
		panic("object: Reset of a closed queued hash")
	}
	q.end(false)
	q.h.Reset()
	q.start()
}

func (q *queuedHash) Size() int      { return q.h.Size() }
func (q *queuedHash) BlockSize() int { return q.h.BlockSize() }
