package ftp_test

import (
	"bufio"
	"bytes"
	"errors"
	"net"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestTLSLogin: with a node certificate, a client logs in over explicit
// TLS (AUTH TLS, PROT P) and transfers; a wrong secret is still refused.
func TestTLSLogin(t *testing.T) {
	n := start(t, true)
	n.bucket(t, "sec")
	c := n.root(t)
	data := random(t, 1<<20+9)
	if err := c.Stor("/sec/f", bytes.NewReader(data)); err != nil {
		t.Fatalf("STOR over TLS: %v", err)
	}
	if got := read(t)(c.Retr("/sec/f")); !bytes.Equal(got, data) {
		t.Fatalf("RETR over TLS: %d bytes", len(got))
	}
	n.wantObject(t, "sec", "f", data)
	_, err := n.connect(testenv.AccessKey, "wrong")
	var te *textproto.Error
	if !errors.As(err, &te) || te.Code != 530 {
		t.Fatalf("wrong secret over TLS: %v, want 530", err)
	}
}

// TestPlainLoginRefusedWhenTLS: when TLS is on, USER on a plain control
// connection is refused before any password is sent.
func TestPlainLoginRefusedWhenTLS(t *testing.T) {
	n := start(t, true)
	conn, err := net.DialTimeout("tcp", n.addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	tp := textproto.NewConn(conn)
	if _, _, err := tp.ReadResponse(220); err != nil {
		t.Fatalf("greeting: %v", err)
	}
	feat := cmd(t, tp, "FEAT")
	if !strings.Contains(feat, "AUTH TLS") {
		t.Fatalf("FEAT does not offer AUTH TLS: %q", feat)
	}
	id, _ := tp.Cmd("USER %s", testenv.AccessKey)
	tp.StartResponse(id)
	code, msg, _ := tp.ReadResponse(0)
	tp.EndResponse(id)
	if code != 421 && code != 530 && code != 534 {
		t.Fatalf("USER without TLS: %d %s, want a refusal", code, msg)
	}
	// The server hangs up: no PASS can follow.
	if _, err := bufio.NewReader(conn).ReadByte(); err == nil {
		t.Fatal("connection still open after the refusal")
	}
}

// cmd sends a command and returns its (possibly multi-line) answer.
func cmd(t *testing.T, tp *textproto.Conn, format string, args ...any) string {
	t.Helper()
	id, err := tp.Cmd(format, args...)
	if err != nil {
		t.Fatal(err)
	}
	tp.StartResponse(id)
	defer tp.EndResponse(id)
	_, msg, err := tp.ReadResponse(0)
	if err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return msg
}
