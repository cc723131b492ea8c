package nfs

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"sync"
)

// maxRecord bounds one RPC record: a WRITE of the largest size the
// server offers (go-nfs: 1 MiB) and its header.
const maxRecord = 4 << 20

// recordConn hands go-nfs one RPC record at a time. go-nfs serves the
// calls of a connection one after the other and reads the next record
// only once the current call is answered, so the call last read here is
// the call being served: its credential is the caller's identity.
type recordConn struct {
	net.Conn
	r   *bufio.Reader
	buf []byte // the rest of the current record, its mark included

	mu     sync.Mutex
	cur    Call
	ok     bool   // cur parsed
	stable uint32 // stable_how of cur, a WRITE

	wmu      sync.Mutex
	answers  map[uint32][]byte   // xid → body of a MOUNT call served as NULL
	unstable map[uint32]*nfsFile // xid → file of an UNSTABLE WRITE

	closeOnce sync.Once
	done      chan struct{} // closed with the connection
}

func newRecordConn(c net.Conn) *recordConn {
	return &recordConn{Conn: c, r: bufio.NewReaderSize(c, 64<<10), done: make(chan struct{})}
}

// Close closes the connection (go-nfs does not on every error path, so
// a failed read closes it too).
func (c *recordConn) Close() error {
	var err error
	c.closeOnce.Do(func() {
		err = c.Conn.Close()
		close(c.done)
	})
	return err
}

func (c *recordConn) Read(p []byte) (int, error) {
	if len(c.buf) == 0 {
		if err := c.next(); err != nil {
			c.Close()
			return 0, err
		}
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

var errRecord = errors.New("nfs: RPC record fragmented or too large")

// next reads the next whole record and parses its call header.
func (c *recordConn) next() error {
	var mark [4]byte
	if _, err := io.ReadFull(c.r, mark[:]); err != nil {
		return err
	}
	v := binary.BigEndian.Uint32(mark[:])
	n := v &^ (1 << 31)
	if v&(1<<31) == 0 || n > maxRecord {
		// go-nfs serves single-fragment records only.
		return errRecord
	}
	rec := make([]byte, 4+n)
	copy(rec, mark[:])
	if _, err := io.ReadFull(c.r, rec[4:]); err != nil {
		return err
	}
	call, err := ParseCall(rec[4:])
	if err == nil && call.Prog == progMount {
		c.mountExtras(rec, call)
	}
	stable := uint32(2)
	if err == nil && call.Prog == progNFS && call.Proc == procWrite {
		if st, ok := writeStable(call.Args); ok {
			stable = st
		}
	}
	c.mu.Lock()
	c.cur, c.ok, c.stable = call, err == nil, stable
	c.mu.Unlock()
	c.buf = rec
	return nil
}

// call is the call being served.
func (c *recordConn) call() (Call, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cur, c.ok
}

// unstableWrite reports whether the call being served is an UNSTABLE
// WRITE, and its xid.
func (c *recordConn) unstableWrite() (uint32, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cur.Xid, c.ok && c.cur.Prog == progNFS && c.cur.Proc == procWrite && c.stable == 0
}

// oneConn is a listener that yields one connection, then waits for it
// to close: go-nfs's Server.Serve over it serves exactly that connection.
type oneConn struct {
	c    *recordConn
	once sync.Once
}

func (l *oneConn) Accept() (net.Conn, error) {
	var c net.Conn
	l.once.Do(func() { c = l.c })
	if c != nil {
		return c, nil
	}
	<-l.c.done
	return nil, net.ErrClosed
}

// Close is called by Serve on its way out; the connection itself is
// closed by go-nfs or by a failed read.
func (l *oneConn) Close() error { return nil }

func (l *oneConn) Addr() net.Addr { return l.c.LocalAddr() }
