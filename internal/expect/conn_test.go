package expect

import (
	"bytes"
	"net"
	"strconv"
	"strings"
	"testing"
)

// pieceConn is a net.Conn whose reads return data in pieces of at most n.
type pieceConn struct {
	net.Conn
	r *bytes.Reader
	n int
}

func (p *pieceConn) Read(b []byte) (int, error) {
	if len(b) > p.n {
		b = b[:p.n]
	}
	return p.r.Read(b)
}

// through reads in through a conn that delivers pieces of n bytes, into
// reads of m bytes.
func through(in []byte, n, m int) []byte {
	c := &conn{Conn: &pieceConn{r: bytes.NewReader(in), n: n}}
	var out bytes.Buffer
	buf := make([]byte, m)
	for {
		k, err := c.Read(buf)
		out.Write(buf[:k])
		if err != nil {
			return out.Bytes()
		}
	}
}

func TestRewrite(t *testing.T) {
	body := "x\r\nExpect: inside-body\r\n\r\n"
	for _, tc := range []struct{ name, in, want string }{
		{"unknown", "PUT /b/k HTTP/1.1\r\nHost: h\r\nExpect: foo\r\n\r\n",
			"PUT /b/k HTTP/1.1\r\nHost: h\r\nIgnore: foo\r\n\r\n"},
		{"continue kept", "PUT /b/k HTTP/1.1\r\nexpect: 100-Continue\r\nContent-Length: 0\r\n\r\n",
			"PUT /b/k HTTP/1.1\r\nexpect: 100-Continue\r\nContent-Length: 0\r\n\r\n"},
		{"empty kept", "GET / HTTP/1.1\r\nExpect:\r\n\r\n", "GET / HTTP/1.1\r\nExpect:\r\n\r\n"},
		{"bare LF", "GET / HTTP/1.1\nEXPECT: x\n\n", "GET / HTTP/1.1\nIgnore: x\n\n"},
		{"body untouched, next request rewritten",
			"PUT /a HTTP/1.1\r\nContent-Length: " + itoa(len(body)) + "\r\n\r\n" + body + "GET /b HTTP/1.1\r\nExpect: y\r\n\r\n",
			"PUT /a HTTP/1.1\r\nContent-Length: " + itoa(len(body)) + "\r\n\r\n" + body + "GET /b HTTP/1.1\r\nIgnore: y\r\n\r\n"},
		{"chunked: stop following",
			"PUT /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\nExpect: z\r\n\r\n0\r\n\r\nGET /b HTTP/1.1\r\nExpect: y\r\n\r\n",
			"PUT /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\nIgnore: z\r\n\r\n0\r\n\r\nGET /b HTTP/1.1\r\nExpect: y\r\n\r\n"},
		{"conflicting lengths", "PUT /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\nExpect: q\r\n\r\nab",
			"PUT /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\nExpect: q\r\n\r\nab"},
		{"not HTTP/1", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\nExpect: x\r\n\r\n", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\nExpect: x\r\n\r\n"},
		{"truncated", "PUT /a HTTP/1.1\r\nExpect: x\r\n", "PUT /a HTTP/1.1\r\nExpect: x\r\n"},
	} {
		for _, n := range []int{1, 3, 4096} {
			if got := string(through([]byte(tc.in), n, 7)); got != tc.want {
				t.Errorf("%s (pieces of %d):\n got %q\nwant %q", tc.name, n, got, tc.want)
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// FuzzConn checks, for any stream, that the output has the input's
// length, differs from it only where an "Expect" name became Alias, and
// does not depend on how reads are split.
func FuzzConn(f *testing.F) {
	f.Add([]byte("PUT /b/k HTTP/1.1\r\nContent-Length: 3\r\nExpect: foo\r\n\r\nabcGET / HTTP/1.1\r\nExpect: x\r\n\r\n"), uint8(3), uint8(5))
	f.Add([]byte("GET / HTTP/1.1\nExpect: 100-continue\n\n"), uint8(1), uint8(1))
	f.Add([]byte("\r\nGET / HTTP/1.1\r\nExpect: a\r\n\r\n"), uint8(2), uint8(9))
	f.Fuzz(func(t *testing.T, in []byte, n, m uint8) {
		a := through(in, int(n)%64+1, int(m)%64+1)
		b := through(in, 4096, 4096)
		if !bytes.Equal(a, b) {
			t.Fatalf("output depends on read sizes:\n%q\n%q", a, b)
		}
		if len(a) != len(in) {
			t.Fatalf("length %d, want %d", len(a), len(in))
		}
		for i := 0; i < len(in); {
			if a[i] == in[i] {
				i++
				continue
			}
			if i+len(Alias) > len(in) || !strings.EqualFold(string(in[i:i+len(Alias)]), "Expect") || string(a[i:i+len(Alias)]) != Alias {
				t.Fatalf("byte %d changed: %q -> %q", i, in, a)
			}
			i += len(Alias)
		}
	})
}

// timeoutOnce fails its first read with a timeout, as net/http's aborted
// background read does, then reads on.
type timeoutOnce struct {
	pieceConn
	done bool
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func (c *timeoutOnce) Read(b []byte) (int, error) {
	if !c.done {
		c.done = true
		return 0, timeoutErr{}
	}
	return c.pieceConn.Read(b)
}

func TestTimeoutNotSticky(t *testing.T) {
	in := "GET / HTTP/1.1\r\nExpect: x\r\n\r\n"
	c := &conn{Conn: &timeoutOnce{pieceConn: pieceConn{r: bytes.NewReader([]byte(in)), n: 5}}}
	buf := make([]byte, 100)
	if _, err := c.Read(buf); err == nil {
		t.Fatal("timeout not reported")
	}
	n, err := c.Read(buf)
	if err != nil || string(buf[:n]) != "GET / HTTP/1.1\r\nIgnore: x\r\n\r\n" {
		t.Fatalf("after a timeout: %q %v", buf[:n], err)
	}
}
