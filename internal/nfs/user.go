package nfs

import (
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/shares"
)

// user is one Strata user as NFS callers from one address act as: its
// session, and the file system of each bucket it has used.
type user struct {
	srv  *Server
	key  string
	sess *shares.Session
	root *rootFS

	mu      sync.Mutex
	buckets map[string]*bucketFS
	checked time.Time // when the uid was last mapped to key
	last    time.Time // last use
}

// bucket is the user's file system of a bucket (one that cannot be
// opened answers its error to every call).
func (u *user) bucket(name string) *bucketFS {
	u.mu.Lock()
	b := u.buckets[name]
	u.mu.Unlock()
	if b != nil && b.err == nil {
		return b
	}
	fs, err := u.sess.FS(u.srv.ctx, name)
	if err != nil {
		fs = nil
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if b := u.buckets[name]; b != nil && (b.err == nil || err != nil) {
		return b
	}
	b = newBucketFS(u.srv, name, fs, err)
	u.buckets[name] = b
	return b
}

func (u *user) dropBucket(name string) {
	u.mu.Lock()
	b := u.buckets[name]
	delete(u.buckets, name)
	u.mu.Unlock()
	if b != nil {
		b.releaseIdle(0)
	}
}

// releaseIdle releases the open files unused for idle.
func (u *user) releaseIdle(idle time.Duration) {
	u.mu.Lock()
	bs := make([]*bucketFS, 0, len(u.buckets))
	for _, b := range u.buckets {
		bs = append(bs, b)
	}
	u.mu.Unlock()
	for _, b := range bs {
		b.releaseIdle(idle)
	}
}

// close releases everything and ends the session.
func (u *user) close() {
	u.releaseIdle(0)
	u.sess.Close()
}
