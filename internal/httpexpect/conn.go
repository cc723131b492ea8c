package httpexpect

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"strconv"
)

// Header is the name an unsupported Expect header travels under between
// the connection and Restore.
const Header = "X-Strata-Expect"

// maxHeader bounds the header block buffered per request: net/http's
// DefaultMaxHeaderBytes plus the slack it allows. A longer block is passed
// through untouched; net/http refuses it.
const maxHeader = http.DefaultMaxHeaderBytes + 4096

// Listen wraps ln so that its connections rename unsupported Expect
// headers (see the package doc). Serve it with ConnContext set.
func Listen(ln net.Listener) net.Listener { return listener{ln} }

type listener struct{ net.Listener }

func (l listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &conn{Conn: c}, nil
}

type connKey struct{}

// ConnContext is the http.Server hook that lets Restore find the
// connection of a request.
func ConnContext(ctx context.Context, c net.Conn) context.Context {
	return context.WithValue(ctx, connKey{}, c)
}

// Restore undoes the rename on r and sets r.TLS for a TLS connection.
func Restore(r *http.Request) {
	if v, ok := r.Header[Header]; ok {
		r.Header["Expect"] = v
		delete(r.Header, Header)
	}
	if r.TLS != nil {
		return
	}
	if c, ok := r.Context().Value(connKey{}).(*conn); ok {
		if tc, ok := c.Conn.(*tls.Conn); ok {
			st := tc.ConnectionState()
			r.TLS = &st
		}
	}
}

type state uint8

const (
	inHeader state = iota
	inBody
	passThrough
)

// conn frames the requests read from it. net/http never reads a
// connection from two goroutines at once, so conn needs no lock.
type conn struct {
	net.Conn
	st   state
	body int64  // bytes left in the current request body
	buf  []byte // backing store of in, reused between requests
	in   []byte // bytes read from the wire, not yet framed
	out  []byte // framed bytes not yet returned by Read
}

func (c *conn) Read(p []byte) (int, error) {
	for {
		if len(c.out) > 0 {
			n := copy(p, c.out)
			c.out = c.out[n:]
			return n, nil
		}
		switch c.st {
		case passThrough:
			if len(c.in) > 0 {
				c.out, c.in = c.in, nil
				continue
			}
			return c.Conn.Read(p)
		case inBody:
			if len(c.in) > 0 {
				c.takeBody()
				continue
			}
			if int64(len(p)) > c.body {
				p = p[:c.body]
			}
			n, err := c.Conn.Read(p)
			c.advance(int64(n))
			return n, err
		default:
			if c.frameHeader() {
				continue
			}
			if err := c.fill(); err != nil {
				if len(c.in) == 0 || isTimeout(err) {
					return 0, err // keep a partial header for the next Read
				}
				c.st = passThrough // hand net/http what came, then the error
			}
		}
	}
}

// CloseWrite half-closes a TCP or TLS connection, as net/http does before
// closing a connection whose request it refused.
func (c *conn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

func (c *conn) advance(n int64) {
	c.body -= n
	if c.body == 0 {
		c.st = inHeader
	}
}

// takeBody moves buffered body bytes to out.
func (c *conn) takeBody() {
	k := int64(len(c.in))
	if k > c.body {
		k = c.body
	}
	c.out, c.in = c.in[:k], c.in[k:]
	c.advance(k)
}

// fill reads more of a header block from the wire into in.
func (c *conn) fill() error {
	if len(c.in) == 0 {
		if c.buf == nil {
			c.buf = make([]byte, 4096)
		}
		c.in = c.buf[:0]
	}
	if cap(c.in)-len(c.in) < 1024 {
		grown := make([]byte, len(c.in), 2*cap(c.in))
		copy(grown, c.in)
		c.in = grown
	}
	n, err := c.Conn.Read(c.in[len(c.in):cap(c.in)])
	c.in = c.in[:len(c.in)+n]
	if n > 0 {
		return nil // an error comes back again on the next read
	}
	return err
}

// frameHeader moves a complete header block from in to out, renaming
// unsupported Expect headers, and sets the state for its body. It reports
// false while the block is incomplete.
func (c *conn) frameHeader() bool {
	end := headerEnd(c.in)
	if end < 0 {
		if len(c.in) > maxHeader {
			c.st = passThrough
			return true
		}
		return false
	}
	hdr := c.in[:end]
	c.in = c.in[end:]
	f := scan(hdr)
	c.out = f.block
	switch {
	case f.opaque:
		c.st = passThrough
	case f.length > 0:
		c.st, c.body = inBody, f.length
	}
	return true
}

// headerEnd is the length of the header block at the start of b (through
// its empty line; net/http accepts bare LF line ends), or -1.
func headerEnd(b []byte) int {
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			return -1
		}
		i += j + 1
		switch {
		case i < len(b) && b[i] == '\n':
			return i + 1
		case i+1 < len(b) && b[i] == '\r' && b[i+1] == '\n':
			return i + 2
		}
	}
}

// framing is what a header block says about itself and its body.
type framing struct {
	block  []byte // the block as net/http is to read it
	length int64  // Content-Length (0 when absent)
	opaque bool   // no framing to follow after this request
}

// scan reads the header lines of block (after the request line).
func scan(block []byte) framing {
	f := framing{block: block, length: -1}
	var renamed []byte
	for start := 0; start < len(block); {
		end := len(block)
		if i := bytes.IndexByte(block[start:], '\n'); i >= 0 {
			end = start + i + 1
		}
		line := block[start:end]
		rename := false
		if start == 0 {
			f.opaque = bytes.HasPrefix(line, []byte("CONNECT "))
		} else if name, value, ok := bytes.Cut(line, []byte(":")); ok {
			rename = f.header(name, bytes.TrimSpace(value))
		}
		if rename && renamed == nil {
			renamed = append(make([]byte, 0, len(block)+len(Header)), block[:start]...)
		}
		switch {
		case rename:
			renamed = append(append(renamed, Header...), line[len("Expect"):]...)
		case renamed != nil:
			renamed = append(renamed, line...)
		}
		start = end
	}
	if renamed != nil {
		f.block = renamed
	}
	if f.length < 0 {
		f.length = 0
	}
	return f
}

// header notes one header line; it reports whether the line is an Expect
// header that net/http would refuse.
func (f *framing) header(name, value []byte) bool {
	switch {
	case bytes.EqualFold(name, []byte("Content-Length")):
		n, err := strconv.ParseInt(string(value), 10, 64)
		if err != nil || n < 0 || (f.length >= 0 && n != f.length) {
			f.opaque = true // net/http refuses the request and closes
		}
		f.length = n
	case bytes.EqualFold(name, []byte("Transfer-Encoding")), bytes.EqualFold(name, []byte("Upgrade")):
		f.opaque = true
	case bytes.EqualFold(name, []byte("Expect")):
		return !bytes.EqualFold(value, []byte("100-continue"))
	}
	return false
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
