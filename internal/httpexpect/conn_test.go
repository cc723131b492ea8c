package httpexpect

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// echo answers each request with what the handler saw of it.
var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	Restore(r)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	fmt.Fprintf(w, "expect=%q renamed=%q tls=%v body=%q", r.Header.Values("Expect"),
		r.Header.Get(Header), r.TLS != nil, body)
})

func serve(t *testing.T) *httptest.Server {
	t.Helper()
	s := httptest.NewUnstartedServer(echo)
	s.Listener = Listen(s.Listener)
	s.Config.ConnContext = ConnContext
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// readResponse reads the next final response, skipping 100 Continue.
func readResponse(t *testing.T, br *bufio.Reader) (int, string) {
	t.Helper()
	for {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusContinue {
			return resp.StatusCode, string(got)
		}
	}
}

// TestExpectServedOnOneConnection sends, on one keep-alive connection and
// in one write, requests whose Expect values net/http alone answers 417,
// with a body that looks like a header block.
func TestExpectServedOnOneConnection(t *testing.T) {
	s := serve(t)
	c, err := net.Dial("tcp", s.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	body := "a\r\nExpect: 200\r\n\r\n"
	reqs := []string{
		"PUT /a HTTP/1.1\r\nHost: x\r\nExpect: 200\r\nContent-Length: " + fmt.Sprint(len(body)) + "\r\n\r\n" + body,
		"GET /b HTTP/1.1\r\nHost: x\r\nexpect:   nonsense \r\n\r\n",
		"PUT /c HTTP/1.1\nHost: x\nContent-Length: 2\nExpect: 100-continue\n\nhi",
		"GET /d HTTP/1.1\r\nHost: x\r\n\r\n",
	}
	if _, err := io.WriteString(c, strings.Join(reqs, "")); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`expect=["200"] renamed="" tls=false body="a\r\nExpect: 200\r\n\r\n"`,
		`expect=["nonsense"] renamed="" tls=false body=""`,
		`expect=["100-continue"] renamed="" tls=false body="hi"`,
		`expect=[] renamed="" tls=false body=""`,
	}
	br := bufio.NewReader(c)
	for i, w := range want {
		if code, got := readResponse(t, br); code != 200 || got != w {
			t.Errorf("response %d: %d %s, want 200 %s", i, code, got, w)
		}
	}
}

// TestExpectOverTLS checks the rename above TLS and that handlers still
// see the connection's TLS state.
func TestExpectOverTLS(t *testing.T) {
	certs := httptest.NewTLSServer(echo) // for its certificate and a client that trusts it
	defer certs.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: echo, ConnContext: ConnContext}
	go srv.Serve(Listen(tls.NewListener(ln, certs.TLS.Clone())))
	defer srv.Close()
	req, _ := http.NewRequest("PUT", "https://"+ln.Addr().String()+"/k", strings.NewReader("body"))
	req.Header.Set("Expect", "200")
	resp, err := certs.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if want := `expect=["200"] renamed="" tls=true body="body"`; resp.StatusCode != 200 || string(got) != want {
		t.Fatalf("%d %s, want 200 %s", resp.StatusCode, got, want)
	}
}

// TestChunkedEndsTracking: after a chunked body the connection is passed
// through as is, so a later Expect gets net/http's own answer and no byte
// is changed.
func TestChunkedEndsTracking(t *testing.T) {
	s := serve(t)
	c, err := net.Dial("tcp", s.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "PUT /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"+
		"GET /b HTTP/1.1\r\nHost: x\r\nExpect: 200\r\n\r\n")
	br := bufio.NewReader(c)
	for i, want := range []int{200, 417} {
		if code, _ := readResponse(t, br); code != want {
			t.Errorf("response %d: %d, want %d", i, code, want)
		}
	}
}

// fakeConn feeds a fixed input in reads of the given sizes.
type fakeConn struct {
	net.Conn
	in    []byte
	sizes []byte
}

func (f *fakeConn) Read(p []byte) (int, error) {
	if len(f.in) == 0 {
		return 0, io.EOF
	}
	n := len(p)
	if len(f.sizes) > 0 {
		n = min(n, int(f.sizes[0])+1)
		f.sizes = f.sizes[1:]
	}
	n = copy(p[:n], f.in)
	f.in = f.in[n:]
	return n, nil
}

// FuzzConn checks that framing only ever renames Expect headers: undoing
// the renames gives back the input byte for byte, whatever it is and
// however the reads split it.
func FuzzConn(f *testing.F) {
	f.Add([]byte("PUT / HTTP/1.1\r\nExpect: 200\r\nContent-Length: 3\r\n\r\nabcGET / HTTP/1.1\r\n\r\n"), []byte{3, 0, 9}, uint8(7))
	f.Add([]byte("GET / HTTP/1.1\nTransfer-Encoding: chunked\n\n0\r\n\r\n"), []byte{}, uint8(0))
	f.Add([]byte("PUT / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n"), []byte{1}, uint8(1))
	f.Fuzz(func(t *testing.T, in, sizes []byte, readSize uint8) {
		if bytes.Contains(bytes.ToLower(in), bytes.ToLower([]byte(Header))) {
			return
		}
		c := &conn{Conn: &fakeConn{in: bytes.Clone(in), sizes: sizes}}
		var out []byte
		p := make([]byte, int(readSize)+1)
		for {
			n, err := c.Read(p)
			out = append(out, p[:n]...)
			if err != nil {
				break
			}
		}
		if back := bytes.ReplaceAll(out, []byte(Header), []byte("Expect")); !bytes.Equal(back, in) {
			t.Fatalf("framing changed more than Expect names:\n in %q\nout %q", in, out)
		}
	})
}
