package tlsutil

import (
	"crypto/tls"
	"errors"
	"net"
)

// handshakeRecord is the first byte of every TLS connection (a record of
// type handshake carrying the ClientHello).
const handshakeRecord = 0x16

// errNotTLS fails the handshake of a connection that does not open with a
// TLS record.
var errNotTLS = errors.New("tlsutil: connection does not start with a TLS handshake")

// Listen wraps ln so that it serves TLS only. Unlike tls.NewListener with
// net/http, a client speaking plain HTTP gets no answer at all (net/http
// would write "400 Client sent an HTTP request to an HTTPS server" in
// clear): the connection is closed before anything is written.
func Listen(ln net.Listener, cfg *tls.Config) net.Listener {
	return tls.NewListener(sniffListener{ln}, cfg)
}

type sniffListener struct{ net.Listener }

func (l sniffListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &sniffConn{Conn: c}, nil
}

// sniffConn checks the first byte read from the wire. The check runs in
// the handshake (in the server's connection goroutine), never in Accept,
// so a silent client cannot stall the accept loop. tls.Conn serializes
// reads, so checked needs no lock.
type sniffConn struct {
	net.Conn
	checked bool
}

func (c *sniffConn) Read(p []byte) (int, error) {
	if c.checked || len(p) == 0 {
		return c.Conn.Read(p)
	}
	n, err := c.Conn.Read(p[:1])
	if n == 1 {
		c.checked = true
		if p[0] != handshakeRecord {
			c.Conn.Close()
			return 0, errNotTLS
		}
	}
	return n, err
}
