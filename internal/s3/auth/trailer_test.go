package auth

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"
)

// trailerChain is a signing chain as a verified request would have it.
func trailerChain() *chainState {
	v := &Verifier{}
	t := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	s := signature{date: "20261130", region: "us-east-1", service: "s3", amzDate: t}
	return &chainState{v: v, secret: "secret", s: s, prev: strings.Repeat("ab", 32), amzDate: t.Format(amzDateFormat)}
}

// signTrailer signs "name:value\n" lines as a client does.
func signTrailer(ch *chainState, lines string) string {
	sum := sha256Hex(lines)
	sts := "AWS4-HMAC-SHA256-TRAILER\n" + ch.amzDate + "\n" + ch.s.scope() + "\n" + ch.prev + "\n" + sum
	return hex.EncodeToString(hmacSHA256(ch.v.signingKey(ch.secret, ch.s), sts))
}

func sha256Hex(s string) string {
	h := NewChecksum("SHA256")
	h.Write([]byte(s))
	return hex.EncodeToString(h.Sum(nil))
}

func readTrailerBytes(ch *chainState, b []byte) (*chunkedReader, error) {
	cr := &chunkedReader{br: bufio.NewReader(bytes.NewReader(b)), chain: ch, trailer: true}
	return cr, cr.readTrailers()
}

// TestTrailerLayouts checks both signed-trailer layouts and that a wrong
// signature or a changed value is refused.
func TestTrailerLayouts(t *testing.T) {
	const kv = "x-amz-checksum-crc32:NSRBwg=="
	sig := signTrailer(trailerChain(), kv+"\n")
	for _, tc := range []struct {
		name, body string
		err        *Error
	}{
		{"aws", kv + "\r\nx-amz-trailer-signature:" + sig + "\r\n\r\n", nil},
		{"aws-no-final-crlf", kv + "\r\nx-amz-trailer-signature:" + sig + "\r\n", nil},
		{"minio-go", kv + "\n\r\nx-amz-trailer-signature:" + sig + "\r\n\r\n", nil},
		{"wrong-sig", kv + "\r\nx-amz-trailer-signature:" + strings.Repeat("0", 64) + "\r\n\r\n", errSignature},
		{"changed-value", "x-amz-checksum-crc32:AAAAAA==\n\r\nx-amz-trailer-signature:" + sig + "\r\n\r\n", errSignature},
		{"no-sig", kv + "\r\n\r\n\r\n", errSignature},
		{"after-sig", kv + "\r\nx-amz-trailer-signature:" + sig + "\r\nx-amz-meta-a:b\r\n\r\n", errChunk},
		{"two-blank", kv + "\r\n\r\n\r\nx-amz-trailer-signature:" + sig + "\r\n\r\n", errSignature},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cr, err := readTrailerBytes(trailerChain(), []byte(tc.body))
			if tc.err == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if got := cr.trailers["x-amz-checksum-crc32"]; got != "NSRBwg==" {
					t.Fatalf("trailer value %q", got)
				}
				return
			}
			if !errors.Is(err, tc.err) {
				t.Fatalf("got %v, want %v", err, tc.err)
			}
		})
	}
}

// FuzzTrailers feeds arbitrary trailer sections to the parser, signed and
// unsigned: it must never panic, and a signed section is accepted only
// with the signature of exactly the trailers it returned.
func FuzzTrailers(f *testing.F) {
	f.Add([]byte("x-amz-checksum-crc32:NSRBwg==\r\nx-amz-trailer-signature:00\r\n\r\n"), true)
	f.Add([]byte("x-amz-checksum-crc32:NSRBwg==\n\r\nx-amz-trailer-signature:00\r\n\r\n"), true)
	f.Add([]byte("x-amz-checksum-crc32c:AAAAAA==\n\r\n\r\n"), false)
	f.Add([]byte("a:b\r\nc:d\r\n\r\n"), false)
	f.Add([]byte("\r\n\r\n"), true)
	f.Add([]byte("nocolon\r\n"), false)
	f.Fuzz(func(t *testing.T, body []byte, signed bool) {
		var ch *chainState
		if signed {
			ch = trailerChain()
		}
		cr := &chunkedReader{br: bufio.NewReaderSize(bytes.NewReader(body), 4096), chain: ch, trailer: true}
		if err := cr.readTrailers(); err != nil || !signed {
			return
		}
		var lines strings.Builder
		for k, v := range cr.trailers {
			lines.WriteString(k + ":" + v + "\n")
		}
		if len(cr.trailers) > 1 {
			return // map order: the signed text is only known for one trailer
		}
		if !bytes.Contains(body, []byte(signTrailer(trailerChain(), lines.String()))) {
			t.Fatalf("accepted %q without its signature", body)
		}
	})
}
