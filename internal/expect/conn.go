package expect

import (
	"bytes"
	"io"
	"net"
	"strconv"
	"strings"
)

// Alias is the name an ignored Expect header is renamed to (as long as
// "Expect", so the stream keeps its length).
const Alias = "Ignore"

// maxHeader bounds a header block; larger ones are passed through (and
// net/http refuses them: its default limit is 1 MiB).
const maxHeader = 1<<20 + 4096

// Listener wraps ln so that its connections ignore unknown expectations.
func Listener(ln net.Listener) net.Listener { return listener{ln} }

type listener struct{ net.Listener }

func (l listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &conn{Conn: c}, nil
}

type state int

const (
	inHeader state = iota // reading a request's header block
	inBody                // passing left bytes of a Content-Length body
	passing               // not following the stream any more
)

// conn rewrites the request header blocks read from a connection.
type conn struct {
	net.Conn
	st   state
	left int64  // body bytes still to pass in inBody
	hdr  []byte // incomplete header block
	out  []byte // bytes ready for the reader
	err  error  // io.EOF, to return once out is drained
	buf  []byte
}

func (c *conn) Read(p []byte) (int, error) {
	for {
		if len(c.out) > 0 {
			n := copy(p, c.out)
			c.out = c.out[n:]
			return n, nil
		}
		if c.err != nil {
			return 0, c.err
		}
		switch c.st {
		case passing:
			return c.Conn.Read(p)
		case inBody:
			if int64(len(p)) > c.left {
				p = p[:c.left]
			}
			n, err := c.Conn.Read(p)
			if c.left -= int64(n); c.left == 0 {
				c.st = inHeader
			}
			return n, err
		}
		if c.buf == nil {
			c.buf = make([]byte, 4096)
		}
		n, err := c.Conn.Read(c.buf)
		c.feed(c.buf[:n])
		switch {
		case err == io.EOF:
			// The stream ended: hand out what is held back, then EOF.
			c.out, c.hdr, c.err = append(c.out, c.hdr...), nil, err
		case err != nil:
			// Not sticky: net/http aborts its background read with a
			// past deadline and then reads on.
			return 0, err
		}
	}
}

// feed moves data into out, rewriting complete header blocks.
func (c *conn) feed(data []byte) {
	for len(data) > 0 {
		switch c.st {
		case passing:
			c.out = append(c.out, data...)
			return
		case inBody:
			n := min(int64(len(data)), c.left)
			c.out = append(c.out, data[:n]...)
			data = data[n:]
			if c.left -= n; c.left == 0 {
				c.st = inHeader
			}
			continue
		}
		c.hdr = append(c.hdr, data...)
		end := headerEnd(c.hdr)
		if end < 0 {
			if len(c.hdr) > maxHeader {
				c.out, c.hdr, c.st = append(c.out, c.hdr...), nil, passing
			}
			return
		}
		c.st, c.left = rewrite(c.hdr[:end])
		if c.st == inBody && c.left == 0 {
			c.st = inHeader
		}
		c.out = append(c.out, c.hdr[:end]...)
		data = c.hdr[end:]
		c.hdr = nil
	}
}

// headerEnd returns the length of the header block at the start of b
// (through its empty line; lines may end in LF or CRLF, as net/http
// reads them), or -1 if b does not hold all of it yet.
func headerEnd(b []byte) int {
	start := 0
	for {
		i := bytes.IndexByte(b[start:], '\n')
		if i < 0 {
			return -1
		}
		line := b[start : start+i]
		start += i + 1
		if start > i+1 && (len(line) == 0 || len(line) == 1 && line[0] == '\r') {
			return start // an empty line after the request line
		}
	}
}

// rewrite renames unknown-expectation Expect lines of a header block in
// place, and says how the request's body is framed: inBody with its
// length, or passing if this package does not follow it.
func rewrite(block []byte) (state, int64) {
	lines := bytes.SplitAfter(block, []byte("\n"))
	reqLine := strings.Fields(strings.TrimRight(string(lines[0]), "\r\n"))
	if len(reqLine) != 3 || !strings.HasPrefix(reqLine[2], "HTTP/1.") || reqLine[0] == "CONNECT" {
		return passing, 0
	}
	next, length, haveLength := inBody, int64(0), false
	for _, line := range lines[1:] {
		text := strings.TrimRight(string(line), "\r\n")
		if text == "" {
			break
		}
		name, value, ok := strings.Cut(text, ":")
		if !ok || text[0] == ' ' || text[0] == '\t' {
			return passing, 0 // malformed or folded: net/http's business
		}
		value = strings.TrimSpace(value)
		switch strings.ToLower(name) {
		case "content-length":
			n, err := strconv.ParseInt(value, 10, 64)
			if err != nil || n < 0 || haveLength && n != length {
				return passing, 0
			}
			length, haveLength = n, true
		case "transfer-encoding", "upgrade":
			next = passing
		case "expect":
			if value != "" && !hasToken(value, "100-continue") {
				copy(line, Alias)
			}
		}
	}
	if next == passing {
		return passing, 0
	}
	return inBody, length
}

// hasToken reports whether the comma- or space-separated list v holds
// token, ignoring case (as net/http decides 100-continue).
func hasToken(v, token string) bool {
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
		if strings.EqualFold(f, token) {
			return true
		}
	}
	return false
}

// ReadFrom and CloseWrite keep what net/http finds on a *net.TCPConn.
func (c *conn) ReadFrom(r io.Reader) (int64, error) {
	if rf, ok := c.Conn.(io.ReaderFrom); ok {
		return rf.ReadFrom(r)
	}
	return io.Copy(c.Conn, r)
}

func (c *conn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}
