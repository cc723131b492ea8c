package auth

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"testing"
	"testing/iotest"
)

// decodeChunked decodes body with or without direct reads from the source.
func decodeChunked(body []byte, decoded int64, trailer, direct bool, wrap func(io.Reader) io.Reader) ([]byte, error) {
	src := wrap(bytes.NewReader(body))
	cr := &chunkedReader{br: bufio.NewReaderSize(src, 4096), remaining: decoded, trailer: trailer}
	if direct {
		cr.src = src
	}
	return io.ReadAll(io.LimitReader(cr, 2<<20))
}

// chunkedBody encodes data as unsigned aws-chunked in chunks of size n.
func chunkedBody(data []byte, n int) []byte {
	var b bytes.Buffer
	for len(data) > 0 {
		c := data[:min(n, len(data))]
		fmt.Fprintf(&b, "%x\r\n%s\r\n", len(c), c)
		data = data[len(c):]
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

// TestChunkedDirectReadsSameBytes: large chunks, read straight from the
// source once the line buffer is empty, decode to the same bytes as
// through the buffer, whatever sizes the source returns.
func TestChunkedDirectReadsSameBytes(t *testing.T) {
	data := bytes.Repeat([]byte("strata-"), 40000)
	wraps := map[string]func(io.Reader) io.Reader{
		"whole": func(r io.Reader) io.Reader { return r },
		"half":  iotest.HalfReader,
		"eof":   iotest.DataErrReader,
	}
	for _, size := range []int{5000, 64 << 10, 100000} {
		body := chunkedBody(data, size)
		for name, wrap := range wraps {
			got, err := decodeChunked(body, int64(len(data)), false, true, wrap)
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("chunks of %d, %s: %d bytes, %v; want %d bytes", size, name, len(got), err, len(data))
			}
		}
	}
	// A body cut inside a chunk fails either way.
	body := chunkedBody(data, 64<<10)
	if _, err := decodeChunked(body[:len(body)/2], int64(len(data)), false, true, iotest.HalfReader); err == nil {
		t.Error("a body cut short decoded without error")
	}
}

// FuzzChunkedDirect: direct reads never change what a body decodes to.
func FuzzChunkedDirect(f *testing.F) {
	f.Add(chunkedBody(bytes.Repeat([]byte("x"), 9000), 6000), int64(9000), false)
	f.Add([]byte("5\r\nhello\r\n0\r\n\r\n"), int64(5), true)
	f.Add([]byte("2000\r\n"+string(bytes.Repeat([]byte("y"), 100))), int64(0x2000), false)
	f.Fuzz(func(t *testing.T, body []byte, decoded int64, trailer bool) {
		if decoded < 0 || decoded > 1<<20 {
			return
		}
		want, werr := decodeChunked(body, decoded, trailer, false, iotest.HalfReader)
		got, gerr := decodeChunked(body, decoded, trailer, true, iotest.HalfReader)
		if !bytes.Equal(got, want) || (werr == nil) != (gerr == nil) {
			t.Fatalf("direct: %d bytes, %v; buffered: %d bytes, %v", len(got), gerr, len(want), werr)
		}
	})
}
