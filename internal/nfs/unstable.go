package nfs

import (
	"encoding/binary"
	"os"
	"time"

	"github.com/go-git/go-billy/v5"

	"github.com/strata-storage/strata/internal/vfs"
)

// Unstable writes. go-nfs answers every WRITE as FILE_SYNC. Made true,
// that costs a publish per WRITE; so a WRITE the client sent UNSTABLE
// (libnfs and Linux do, then COMMIT at close or fsync) is kept in the
// vfs handle, and its reply is rewritten to say UNSTABLE. The client
// then keeps the data until a COMMIT succeeds with the same verifier
// (new at each server start), and COMMIT publishes the file. A file
// never committed is published when its handle goes idle.

// writeStable is the stable_how of a WRITE's arguments.
func writeStable(args []byte) (uint32, bool) {
	r := &xdrReader{b: args}
	r.opaque(64) // file handle
	r.u32()      // offset (2 words)
	r.u32()
	r.u32() // count
	st := r.u32()
	return st, r.err == nil
}

// unstableFS serves one UNSTABLE WRITE: the file it opens is not
// published at the end of the call. go-nfs looks the file up three times
// in a WRITE (pre-op attributes, open, post-op attributes); within the
// call the first lookup answers all three, the post-op one with the
// write applied, as the vfs's own view of an open file would.
type unstableFS struct {
	*bucketFS
	conn *recordConn
	xid  uint32
	read bool // a READ, not a WRITE: the lookup memo only

	seen  bool
	path  string
	entry vfs.Entry
}

func (u *unstableFS) Stat(p string) (os.FileInfo, error) {
	p = clean(p)
	if u.seen && p == u.path {
		return newInfo(p, u.entry), nil
	}
	e, err := u.bucketFS.stat(p)
	if err != nil {
		return nil, pathErr("stat", p, err)
	}
	u.seen, u.path, u.entry = true, p, e
	return newInfo(p, e), nil
}

func (u *unstableFS) Lstat(p string) (os.FileInfo, error) { return u.Stat(p) }

func (u *unstableFS) Open(p string) (billy.File, error) { return u.OpenFile(p, os.O_RDONLY, 0) }

func (u *unstableFS) OpenFile(p string, flag int, perm os.FileMode) (billy.File, error) {
	p = clean(p)
	if flag&os.O_CREATE != 0 || u.err != nil {
		return u.bucketFS.OpenFile(p, flag, perm) // not a WRITE's or READ's open
	}
	if !u.seen || p != u.path {
		if _, err := u.Stat(p); err != nil {
			return nil, err
		}
	}
	of, err := u.openFor(p, u.entry, !u.read)
	if err != nil {
		return nil, pathErr("open", p, err)
	}
	if u.read {
		return &nfsFile{b: u.bucketFS, of: of, path: p}, nil
	}
	nf := &nfsFile{b: u.bucketFS, of: of, path: p, unstable: true, wrote: u.wrote}
	u.conn.expectUnstable(u.xid, nf)
	return nf, nil
}

// wrote applies a write of n bytes at off to the call's view of the file.
func (u *unstableFS) wrote(off int64, n int) {
	u.entry.Size = max(u.entry.Size, off+int64(n))
	u.entry.Mtime = time.Now().UnixNano()
	u.entry.Ctime = u.entry.Mtime
}

// expectUnstable notes that the reply to xid must say UNSTABLE; if it
// cannot be rewritten, f is published before the reply goes.
func (c *recordConn) expectUnstable(xid uint32, f *nfsFile) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.unstable == nil {
		c.unstable = map[uint32]*nfsFile{}
	}
	c.unstable[xid] = f
}

// rewriteUnstable finds the reply to an UNSTABLE WRITE in p (one whole
// record) and sets its "committed" field to UNSTABLE. false: p is not
// that reply, or not as expected.
func (c *recordConn) rewriteUnstable(p []byte) (f *nfsFile, rewritten bool) {
	if len(p) < 32 {
		return nil, false
	}
	xid := binary.BigEndian.Uint32(p[4:])
	c.wmu.Lock()
	f = c.unstable[xid]
	delete(c.unstable, xid)
	c.wmu.Unlock()
	if f == nil {
		return nil, false
	}
	u32 := func(off int) (uint32, bool) {
		if off+4 > len(p) {
			return 0, false
		}
		return binary.BigEndian.Uint32(p[off:]), true
	}
	if mark, _ := u32(0); int(mark&^(1<<31)) != len(p)-4 {
		return f, false
	}
	if st, _ := u32(28); st != 0 { // an error reply: nothing was written
		return f, true
	}
	off := 32
	if pre, ok := u32(off); !ok {
		return f, false
	} else if off += 4; pre == 1 {
		off += 24 // wcc_attr
	}
	if post, ok := u32(off); !ok {
		return f, false
	} else if off += 4; post == 1 {
		off += 84 // fattr3
	}
	off += 4 // count
	if committed, ok := u32(off); !ok || committed != 2 || off+4+8 != len(p) {
		return f, false
	}
	binary.BigEndian.PutUint32(p[off:], 0)
	return f, true
}
