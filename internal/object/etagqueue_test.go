package object

import (
	"bytes"
	"crypto/md5"
	"math/rand/v2"
	"sync"
	"testing"
)

// TestQueuedHash: bodies written in pieces of every size, through queued
// SIMD hashes at once, sum to their MD5; a write after the sum fails;
// Reset starts over (and panics once closed); closing, with or without a sum, ends the hashing
// goroutines.
func TestQueuedHash(t *testing.T) {
	const streams = 6
	var wg sync.WaitGroup
	for s := range streams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(s), 7))
			body := data(2*queuedBuf*queuedBufs+r.IntN(1<<20), int64(s))
			q := newQueuedHash(md5Server().NewHash())
			defer closedDone(t, q)
			for p := body; len(p) > 0; {
				k := min(len(p), 1+r.IntN(3*queuedBuf/2)) // below, at and past a buffer
				if n, err := q.Write(p[:k]); n != k || err != nil {
					t.Errorf("stream %d: write %d bytes: %d, %v", s, k, n, err)
					return
				}
				p = p[k:]
			}
			if got, want := q.Sum(nil), md5.Sum(body); !bytes.Equal(got, want[:]) {
				t.Errorf("stream %d: sum %x, want %x", s, got, want)
			}
			if _, err := q.Write([]byte("late")); err == nil {
				t.Errorf("stream %d: a write after the sum succeeded", s)
			}
			q.Reset()
			q.Write([]byte("abc"))
			if got, want := q.Sum(nil), md5.Sum([]byte("abc")); !bytes.Equal(got, want[:]) {
				t.Errorf("stream %d: sum after reset %x, want %x", s, got, want)
			}
		}()
	}
	wg.Wait()
	// A hash closed in the middle of a body (a failed PUT) stops too.
	q := newQueuedHash(md5Server().NewHash())
	q.Write(data(3*queuedBuf+5, 9))
	closedDone(t, q)
	// Reset in the middle of a body drops it; after Close it panics.
	q = newQueuedHash(md5Server().NewHash())
	q.Write(data(2*queuedBuf+3, 10))
	q.Reset()
	if got, want := q.Sum(nil), md5.Sum(nil); !bytes.Equal(got, want[:]) {
		t.Errorf("sum after a reset mid-body %x, want %x", got, want)
	}
	closedDone(t, q)
	defer func() {
		if recover() == nil {
			t.Error("Reset after Close did not panic")
		}
	}()
	q.Reset()
}

// closedDone closes q and checks that its goroutine has ended.
func closedDone(t *testing.T, q *queuedHash) {
	t.Helper()
	q.Close()
	select {
	case <-q.done:
	default:
		t.Error("the hashing goroutine outlived Close")
	}
}
