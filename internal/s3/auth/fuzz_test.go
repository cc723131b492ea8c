package auth

import (
	"bufio"
	"bytes"
	"io"
	"net/url"
	"strings"
	"testing"
)

func FuzzParseAuthorization(f *testing.F) {
	f.Add("AWS4-HMAC-SHA256 Credential=AK/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc")
	f.Add("AWS4-HMAC-SHA256 Credential=/////, SignedHeaders=, Signature=")
	f.Add("AWS4-HMAC-SHA256 ,,,==")
	f.Add("AWS AK:sig")
	f.Fuzz(func(t *testing.T, h string) {
		s, err := parseAuthorization(h)
		if err == nil && (s.accessKey == "" && s.sig == "") {
			t.Fatalf("accepted %q without credential or signature", h)
		}
	})
}

// FuzzChunkedReader checks that aws-chunked decoding never panics and
// never yields more bytes than the declared decoded length.
func FuzzChunkedReader(f *testing.F) {
	f.Add([]byte("5\r\nhello\r\n0\r\n\r\n"), int64(5), true)
	f.Add([]byte("5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n"), int64(5), true)
	f.Add([]byte("ffffffffffff\r\n"), int64(3), false)
	f.Add([]byte("3;chunk-signature=00\r\nabc\r\n0;chunk-signature=00\r\n\r\n"), int64(3), false)
	f.Fuzz(func(t *testing.T, body []byte, decoded int64, trailer bool) {
		if decoded < 0 || decoded > 1<<20 {
			return
		}
		cr := &chunkedReader{br: bufio.NewReaderSize(bytes.NewReader(body), 4096), remaining: decoded, trailer: trailer}
		n, _ := io.Copy(io.Discard, io.LimitReader(cr, 2<<20))
		if n > decoded {
			t.Fatalf("decoded %d bytes, declared %d", n, decoded)
		}
	})
}

func FuzzCanonicalQuery(f *testing.F) {
	f.Add("a=1&b=2&a=0")
	f.Add("X-Amz-Signature=x&prefix=a%20b&delimiter=%2F")
	f.Add("%zz=1&=&&")
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		out := canonicalQuery(q, "X-Amz-Signature")
		for _, pair := range strings.Split(out, "&") {
			if strings.HasPrefix(pair, "X-Amz-Signature=") {
				t.Fatalf("signature parameter kept in %q", out)
			}
			if pair != "" && !strings.Contains(pair, "=") {
				t.Fatalf("pair without '=' in %q", out)
			}
		}
	})
}
